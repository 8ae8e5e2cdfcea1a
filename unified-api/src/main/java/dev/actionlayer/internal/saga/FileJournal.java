package dev.actionlayer.internal.saga;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.actionlayer.saga.SagaJournal#file}: one append-only file of checksummed lines, each
 * forced to disk before {@link #append} returns. Appends from many threads share one write and one
 * force (group commit). A sibling {@code .lock} file, locked for the journal's life, keeps a
 * second process out.
 */
public final class FileJournal extends LocalJournal {
  private static final Logger log = LoggerFactory.getLogger(FileJournal.class);

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final FileChannel channel;

  /** Guards the fields below; never held across a write or a force. */
  private final Object queueLock = new Object();
  private List<byte[]> pending = new ArrayList<>();
  private long enqueued;
  private long durable;
  /** Whether a leader is writing and forcing a batch now (outside the lock). */
  private boolean writing;
  private IOException broken;

  private FileJournal(Path path, FileChannel lockChannel, FileLock lock, FileChannel channel) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.channel = channel;
  }

  /** Opens (or creates) the journal at {@code path}, dropping finished sagas and a torn last line. */
  public static FileJournal open(Path path) {
    Objects.requireNonNull(path, "path == null");
    Path file = path.toAbsolutePath();
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel lockChannel = null;
    try {
      lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IllegalStateException("saga journal " + file + " is open in another process or layer");
      }
      List<JournalEntry> kept = readAndCompact(file);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      FileJournal journal = new FileJournal(file, lockChannel, lock, channel);
      for (JournalEntry e : kept) journal.restore(e);
      return journal;
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new UncheckedIOException("cannot open saga journal " + file, e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  /**
   * Reads every intact entry; a damaged line is tolerated only at the very end (a write torn by a
   * crash). Rewrites the file atomically when it held finished sagas or a torn tail.
   */
  private static List<JournalEntry> readAndCompact(Path file) throws IOException {
    if (!Files.exists(file)) return List.of();
    byte[] bytes = Files.readAllBytes(file);
    List<JournalEntry> entries = new ArrayList<>();
    int start = 0;
    int lineNo = 0;
    boolean torn = false;
    while (start < bytes.length) {
      lineNo++;
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') end++;
      JournalEntry e = end < bytes.length ? JournalCodec.parseLine(bytes, start, end) : null;
      if (e == null) {
        if (hasAnotherLine(bytes, end)) {
          throw new IllegalStateException("saga journal " + file + " is damaged at line " + lineNo
              + " (not the last line, so not a torn write); refusing to open it rather than lose"
              + " the books of the sagas after it");
        }
        log.warn("saga journal {}: dropped a torn last record ({} bytes) left by a crash", file,
            bytes.length - start);
        torn = true;
        break;
      }
      entries.add(e);
      start = end + 1;
    }
    Set<String> ended = new HashSet<>();
    for (JournalEntry e : entries) if (e.type() == JournalEntry.Type.SAGA_ENDED) ended.add(e.sagaId());
    List<JournalEntry> kept = new ArrayList<>();
    for (JournalEntry e : entries) if (!ended.contains(e.sagaId())) kept.add(e);
    if (torn || kept.size() < entries.size()) rewrite(file, kept);
    return kept;
  }

  private static boolean hasAnotherLine(byte[] bytes, int end) {
    for (int i = end + 1; i < bytes.length; i++) if (bytes[i] != '\n') return true;
    return false;
  }

  /** Replaces the file with {@code entries}: a temporary file, forced, renamed over it, the directory forced. */
  private static void rewrite(Path file, List<JournalEntry> entries) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      for (JournalEntry e : entries) writeFully(out, ByteBuffer.wrap(JournalCodec.line(e)));
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(file.getParent());
  }

  private static void forceDirectory(Path dir) {
    if (dir == null) return;
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("cannot force directory {}: {}", dir, e.toString()); // not possible on every OS
    }
  }

  /**
   * Group commit, leader and followers: an appender whose line is not durable and finds nobody
   * writing becomes the leader, takes every pending line, and writes and forces them outside the
   * lock; the others wait until a force covers their line, or until they can lead the next batch
   * (everything enqueued while the previous force ran). Waiting on the lock's monitor rather than
   * on a lock held across the force matters: otherwise an appender whose line a batch already
   * carried must still wait for the next leader's force before it can return, and batches stay
   * at about two lines whatever the number of threads.
   */
  @Override
  void persist(JournalEntry entry) {
    byte[] line = JournalCodec.line(entry);
    boolean interrupted = false;
    try {
      List<byte[]> batch;
      long last;
      synchronized (queueLock) {
        pending.add(line);
        long ticket = ++enqueued;
        while (broken == null && durable < ticket && writing) {
          try {
            queueLock.wait();
          } catch (InterruptedException e) {
            // The line is queued: it must be durable before this returns. The flag is restored
            // only at the end, as an interrupted thread's write would close the channel.
            interrupted = true;
          }
        }
        if (durable >= ticket) return; // a batch written by another thread carried this line
        if (broken != null) throw new UncheckedIOException("saga journal " + path + " failed earlier", broken);
        writing = true;
        batch = pending;
        pending = new ArrayList<>();
        last = enqueued;
      }
      writeAndForce(batch, last);
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /** The leader's part: writes and forces {@code batch} outside the lock, then wakes the others. */
  private void writeAndForce(List<byte[]> batch, long last) {
    boolean forced = false;
    IOException failure = null;
    try {
      int size = 0;
      for (byte[] b : batch) size += b.length;
      ByteBuffer buf = ByteBuffer.allocate(size);
      for (byte[] b : batch) buf.put(b);
      buf.flip();
      writeFully(channel, buf);
      channel.force(false);
      forced = true;
    } catch (IOException e) {
      failure = e;
    } finally {
      synchronized (queueLock) {
        writing = false;
        if (forced) {
          durable = last;
        } else {
          // Later appends are refused: a journal that may have lost a line must not claim to be whole.
          broken = failure != null ? failure : new IOException("a write of the saga journal did not complete");
        }
        queueLock.notifyAll();
      }
    }
    if (failure != null) throw new UncheckedIOException("cannot write saga journal " + path, failure);
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) ch.write(buf);
  }

  @Override
  public void close() {
    synchronized (queueLock) {
      boolean interrupted = false;
      while (writing) { // let a batch being written finish before its channel closes
        try {
          queueLock.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) Thread.currentThread().interrupt();
      closeQuietly(channel);
      try {
        if (lock.isValid()) lock.release();
      } catch (IOException e) {
        log.debug("releasing the journal lock failed: {}", e.toString());
      }
      closeQuietly(lockChannel);
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c == null) return;
    try {
      c.close();
    } catch (IOException e) {
      log.debug("closing failed: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "SagaJournal.file(" + path + ")";
  }
}
