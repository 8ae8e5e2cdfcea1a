package dev.actionlayer.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The files a user names on the command line. A file to append to is checked before any work
 * starts, and a text file is read with every failure reported as a {@link UsageException} in plain
 * words rather than an I/O exception's message ("Input length = 1").
 */
final class UserFiles {
  private UserFiles() {}

  /** Receives each line of a text file with its number, from 1. */
  interface LineVisitor {
    void line(int number, String text);
  }

  /**
   * Checks, without writing anything, that {@code file} can be appended to: an existing file that
   * is not read-only, or a new one whose nearest existing ancestor is a writable directory (the
   * missing directories between are created when it is opened).
   *
   * @param option the option that named the file, which the message starts with
   * @throws UsageException when it is a directory, read-only, or cannot be created
   */
  static void requireAppendable(Path file, String option) {
    Path absolute = file.toAbsolutePath();
    String named = option + " " + file;
    if (Files.isDirectory(absolute)) throw new UsageException(named + " is a directory; name a file to append to");
    if (Files.exists(absolute)) {
      if (!writable(absolute)) throw new UsageException(named + " is read-only");
      return;
    }
    Path ancestor = absolute.getParent();
    while (ancestor != null && !Files.exists(ancestor)) ancestor = ancestor.getParent();
    if (ancestor == null) return;
    if (!Files.isDirectory(ancestor)) {
      throw new UsageException(named + " cannot be created: " + ancestor + " is not a directory");
    }
    if (!writable(ancestor)) throw new UsageException(named + " cannot be created: " + ancestor + " is read-only");
  }

  /**
   * Writable by this process, and writable by someone according to its permission bits: root
   * passes every access check, yet {@code /proc/version} (r--r--r--) opens for append and then
   * fails the first write, after the work is done.
   */
  private static boolean writable(Path path) {
    if (!Files.isWritable(path)) return false;
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(path);
      return p.contains(PosixFilePermission.OWNER_WRITE) || p.contains(PosixFilePermission.GROUP_WRITE)
          || p.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (UnsupportedOperationException | IOException e) {
      return true; // no POSIX permissions to read: the access check above is all there is
    }
  }

  /**
   * Reads {@code file} as UTF-8 text, one line at a time.
   *
   * @param expected what the file should hold, for the message when it is not text
   * @throws NoSuchFileException when it does not exist, for the caller to say what was expected
   * @throws UsageException when it cannot be read or is not UTF-8 text (undecodable bytes, or a
   *     NUL, which no text file holds: a binary file)
   */
  static void readLines(Path file, String expected, LineVisitor visitor) throws NoSuchFileException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.indexOf('\0') >= 0) throw notText(file, expected);
        visitor.line(++number, line);
      }
    } catch (NoSuchFileException e) {
      throw e;
    } catch (CharacterCodingException e) {
      throw notText(file, expected);
    } catch (AccessDeniedException e) {
      throw new UsageException("cannot read " + file + ": permission denied");
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "file system error" : e.getReason();
      throw new UsageException("cannot read " + file + ": " + reason);
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static UsageException notText(Path file, String expected) {
    return new UsageException(file + " is not UTF-8 text; " + expected);
  }
}
