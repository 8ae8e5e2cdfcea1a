package dev.actionlayer.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event as one JSON line to a file, like {@link JsonLinesAuditSink}, but renders and
 * writes off the calling thread: {@link #accept} only puts the event on a bounded queue, and one
 * daemon thread ({@code actionlayer-audit-writer}) renders each event with {@link
 * AuditEvent#toJson()}, writes the lines in batches and flushes after each batch.
 *
 * <pre>{@code
 * try (AsyncJsonLinesAuditSink audit = AsyncJsonLinesAuditSink.open(Path.of("audit.jsonl"));
 *      ActionLayer layer = ActionLayer.builder().connection(...).auditSink(audit).build()) {
 *   ...
 * } // the layer closes first, then the sink drains its queue into the file
 * }</pre>
 *
 * <p><b>Never drops an event.</b> When the queue is full, {@code accept} waits until the writer has
 * made room: auditing then slows the callers down to the speed of the disk rather than losing
 * records. An interrupt does not end that wait (the event would be lost): {@code accept} keeps
 * waiting and returns with the thread's interrupt status set again.
 *
 * <p><b>Order.</b> Events from one thread are written in the order that thread submitted them;
 * events from different threads are interleaved in the order their {@code accept} calls entered
 * the queue.
 *
 * <p><b>Durability.</b> A batch is everything queued when the writer looks (at most 512 events);
 * the file is flushed to the operating system after each batch, not forced to the disk. After a
 * batch that was not full the writer waits 2 ms before it looks again, so an event reaches the
 * file within a few milliseconds of {@code accept}, and a busy layer pays for one flush per batch
 * rather than per event. Between events the writer yields its core to any thread waiting for
 * one, so a batch does not hold up the callers. Events
 * still queued when the process exits without {@link #close()} are lost (the writer thread is a
 * daemon): close the sink when the application stops, after the {@code ActionLayer} that uses it.
 *
 * <p><b>Write failures.</b> When writing or flushing a batch fails (disk full, file system gone),
 * the failure is logged at ERROR on this class's SLF4J logger with the file, the number of events
 * and the exception's class and message, never an event's contents; those events are counted by
 * {@link #failedEvents()} and may be missing or incomplete in the file. The writer goes on: later
 * events are written as soon as writing works again, starting on a fresh line. An event that cannot
 * be rendered is logged (with its trace id only) and counted the same way. Should the writer
 * thread itself die (an {@link Error} such as running out of memory), that is logged with the
 * number of events still queued, and {@code accept} throws {@link IllegalStateException} from then
 * on rather than queue events nobody will write.
 *
 * <p><b>Closing.</b> {@link #close()} stops accepting events, waits until every event accepted
 * before it is written, flushes and closes the file and ends the writer thread. It is idempotent,
 * and a second caller returns once the first has finished. {@code accept} after {@code close}
 * throws {@link IllegalStateException} (the pipeline logs and ignores a failing sink, so close the
 * layer first).
 *
 * <p>Thread-safe.
 */
public final class AsyncJsonLinesAuditSink implements AuditSink, Closeable {
  /** The queue capacity of {@link #open(Path)}: events waiting to be written before callers wait. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;

  static final int MAX_BATCH = 512;
  /** How long the writer waits after a batch that was not full before it looks again. */
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final Logger log = LoggerFactory.getLogger(AsyncJsonLinesAuditSink.class);
  /** Put last on the queue by {@link #close()}: nothing can be queued after it. */
  private static final Object END = new Object();

  private final String name;
  private final Writer out;
  private final ArrayBlockingQueue<Object> queue;
  /** Read lock: one {@code accept} checking {@link #closed} and queueing. Write lock: closing. */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private final AtomicLong failedEvents = new AtomicLong();
  private final Object closeLock = new Object();
  private final Thread writer;
  private boolean closed; // guarded by gate
  private boolean closeStarted; // guarded by closeLock
  private IOException closeFailure; // written by the writer thread, read after join()
  /** Set when the writer thread ended on an Error or a defect: nothing queued would be written. */
  private volatile boolean writerDied;
  /** The writer thread's line being rendered, reused from event to event. */
  private final JsonLine line = new JsonLine(4096);

  AsyncJsonLinesAuditSink(Writer out, String name, int queueCapacity) {
    this.out = Objects.requireNonNull(out, "out == null");
    this.name = Objects.requireNonNull(name, "name == null");
    if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity < 1: " + queueCapacity);
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = new Thread(this::run, "actionlayer-audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Opens {@code file} for appending (creating it and its parent directories when absent) with a
   * queue of {@value #DEFAULT_QUEUE_CAPACITY} events, and starts the writer thread.
   *
   * @throws UncheckedIOException when the file cannot be opened
   */
  public static AsyncJsonLinesAuditSink open(Path file) {
    return builder(file).build();
  }

  /** A builder for a sink appending to {@code file}; nothing is opened before {@code build()}. */
  public static Builder builder(Path file) {
    return new Builder(Objects.requireNonNull(file, "file == null"));
  }

  /**
   * Queues {@code event} for writing, waiting while the queue is full.
   *
   * @throws IllegalStateException after {@link #close()}, or when the writer thread has died (an
   *     {@link Error} such as running out of memory; it was logged)
   */
  @Override
  public void accept(AuditEvent event) {
    Objects.requireNonNull(event, "event == null");
    queueWhileOpen(event);
  }

  /**
   * Queues an event still to be built; the writer thread builds (redacts) and renders it, so the
   * caller only queues. Same waiting and failures as {@link #accept}.
   */
  @Override
  public void acceptDeferred(Supplier<AuditEvent> event) {
    Objects.requireNonNull(event, "event == null");
    queueWhileOpen(new Deferred(event));
  }

  /** Queues {@code item} unless the sink is closed or its writer died; waits while the queue is full. */
  private void queueWhileOpen(Object item) {
    Lock read = gate.readLock();
    read.lock();
    try {
      if (closed) throw new IllegalStateException("audit sink closed: " + name);
      if (writerDied) throw new IllegalStateException("audit writer thread stopped: " + name);
      enqueue(item);
    } finally {
      read.unlock();
    }
  }

  /** An event the writer thread builds before rendering it. */
  private record Deferred(Supplier<AuditEvent> event) {}

  /** How many events could not be written (or rendered) since this sink opened; see the class doc. */
  public long failedEvents() {
    return failedEvents.get();
  }

  /**
   * Stops accepting events, writes every event already accepted, flushes and closes the file and
   * ends the writer thread. Returns at once when already closed.
   *
   * @throws IOException when the final flush or close of the file failed (events of failed
   *     batches are only logged and counted, see {@link #failedEvents()})
   */
  @Override
  public void close() throws IOException {
    IOException failure;
    synchronized (closeLock) {
      if (closeStarted) return;
      closeStarted = true;
      // Waits for every accept() in progress (they finish: the writer keeps draining).
      gate.writeLock().lock();
      try {
        closed = true;
      } finally {
        gate.writeLock().unlock();
      }
      if (writer.isAlive()) enqueue(END);
      boolean interrupted = false;
      while (writer.isAlive()) {
        try {
          writer.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) Thread.currentThread().interrupt();
      failure = closeFailure;
    }
    if (failure != null) throw failure;
  }

  /** Puts {@code item} on the queue, waiting for room; never gives up while the writer runs. */
  private void enqueue(Object item) {
    if (queue.offer(item)) return;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
        if (writerDied || !writer.isAlive()) {
          throw new IllegalStateException("audit writer thread stopped: " + name);
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Object> batch = new ArrayList<>(MAX_BATCH);
    boolean end = false;
    boolean freshLine = false; // after a failed write, a partial line may end the file
    try {
      while (!end) {
        try {
          batch.add(queue.take());
        } catch (InterruptedException e) {
          continue; // only close() ends this thread, through END
        }
        queue.drainTo(batch, MAX_BATCH - 1);
        end = batch.get(batch.size() - 1) == END;
        int events = end ? batch.size() - 1 : batch.size();
        freshLine = writeBatch(batch, events, freshLine);
        batch.clear();
        // Gather the next batch for a moment instead of waking for every event: each wake-up
        // and flush costs the callers CPU (a futex wake per accept, a write per flush).
        if (!end && events < MAX_BATCH) LockSupport.parkNanos(LINGER_NANOS);
      }
    } catch (RuntimeException | Error e) {
      writerDied = true;
      log.error("audit file {}: the writer thread stopped ({}); {} queued events are not written",
          name, e.getClass().getName(), queue.size(), e);
      // Logged once here; the thread ends and accept() refuses further events.
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        closeFailure = e;
        log.error("audit file {}: closing failed ({}: {})", name, e.getClass().getName(), e.getMessage());
      }
    }
  }

  /** Writes the first {@code events} of {@code batch} and flushes; returns whether it failed. */
  private boolean writeBatch(List<Object> batch, int events, boolean freshLine) {
    try {
      if (freshLine) out.write('\n');
      for (int i = 0; i < events; i++) {
        Object item = batch.get(i);
        AuditEvent event;
        try {
          event = item instanceof Deferred d ? d.event().get() : (AuditEvent) item;
        } catch (RuntimeException e) {
          failedEvents.incrementAndGet();
          log.error("audit file {}: cannot build an event ({})", name, e.getClass().getName());
          continue;
        }
        line.reset();
        try {
          event.appendJson(line);
        } catch (RuntimeException e) {
          failedEvents.incrementAndGet();
          log.error("audit file {}: cannot render the event of trace {} ({})", name, event.traceId(),
              e.getClass().getName());
          continue;
        }
        line.append('\n');
        out.write(line.chars(), 0, line.length());
        // Auditing is background work: a batch takes the writer hundreds of microseconds, and a
        // caller or vendor thread that wakes meanwhile could wait for this core. Offering it after
        // each event costs a system call when nobody waits (docs/benchmarks.md, "Yielding").
        Thread.yield();
      }
      out.flush();
      return false;
    } catch (IOException e) {
      failedEvents.addAndGet(events);
      log.error("audit file {}: {} events may be missing or incomplete ({}: {}); later events are"
          + " still written", name, events, e.getClass().getName(), e.getMessage());
      return true;
    }
  }

  /**
   * Configures an {@link AsyncJsonLinesAuditSink}. Each setter validates its argument at once.
   * Not thread-safe.
   */
  public static final class Builder {
    private final Path file;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

    private Builder(Path file) {
      this.file = file;
    }

    /**
     * How many events may wait to be written before {@code accept} waits (default {@value
     * AsyncJsonLinesAuditSink#DEFAULT_QUEUE_CAPACITY}). An event with its upstream body takes up
     * to about 20 KB until it is written.
     *
     * @throws IllegalArgumentException when {@code queueCapacity < 1}
     */
    public Builder queueCapacity(int queueCapacity) {
      if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity < 1: " + queueCapacity);
      this.queueCapacity = queueCapacity;
      return this;
    }

    /**
     * Opens the file for appending (creating it and its parent directories when absent) and
     * starts the writer thread.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    public AsyncJsonLinesAuditSink build() {
      return new AsyncJsonLinesAuditSink(JsonLinesAuditSink.openForAppend(file), file.toString(),
          queueCapacity);
    }
  }
}
