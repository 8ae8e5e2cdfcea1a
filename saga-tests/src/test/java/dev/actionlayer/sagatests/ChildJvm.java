package dev.actionlayer.sagatests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link CrashChild} process: started with this JVM's runtime and test class path, its stdout
 * read line by line (so the parent can wait for a line, e.g. {@code PARKED}), its stderr kept in
 * a file for the failure message, and killed with SIGKILL.
 */
final class ChildJvm {
  /** Waits that guard against a hung child only; no assertion depends on how long anything took. */
  static final long PATIENCE_SECONDS = 120;

  private final Process process;
  private final Path stderr;
  private final List<String> lines = new ArrayList<>();
  private boolean stdoutClosed;

  private ChildJvm(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(this::readStdout, "child-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code CrashChild} with {@code args}; stderr goes to {@code stderr}. */
  static ChildJvm start(Path stderr, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Small and quick to start: the child runs a few seconds at most, then dies.
        "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", classPath(), CrashChild.class.getName()));
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
          .start();
      return new ChildJvm(p, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the child JVM", e);
    }
  }

  /**
   * The test class path: Surefire may run tests from a manifest-only jar, in which case
   * {@code java.class.path} names only that jar, but it also publishes the real path.
   */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  private void readStdout() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // The pipe breaks when the child is killed mid-line; what was read stays.
    } finally {
      synchronized (this) {
        stdoutClosed = true;
        notifyAll();
      }
    }
  }

  /**
   * Waits for the first line {@code matching}; fails when the child's stdout ends first, or
   * after {@link #PATIENCE_SECONDS}.
   */
  synchronized String await(Predicate<String> matching, String what) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    int seen = 0;
    while (true) {
      for (; seen < lines.size(); seen++) {
        String line = lines.get(seen);
        if (line.startsWith("ERROR")) throw new AssertionError("child failed: " + line + "\n" + diagnostics());
        if (matching.test(line)) return line;
      }
      if (stdoutClosed) throw new AssertionError("child ended before " + what + "\n" + diagnostics());
      long left = until - System.nanoTime();
      if (left <= 0) throw new AssertionError("no " + what + " from the child in " + PATIENCE_SECONDS + " s\n" + diagnostics());
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Kills the child with SIGKILL (later calls just wait) and returns its exit value. */
  int kill() throws InterruptedException {
    // Through the handle: Process.destroyForcibly() sends the same SIGKILL but then closes this
    // side of the child's stdout, dropping lines still in the pipe, which the books need.
    if (!process.toHandle().destroyForcibly() && process.isAlive()) {
      throw new IllegalStateException("SIGKILL refused for child " + process.pid());
    }
    return awaitExit();
  }

  /** Waits for the child to end (killed by a tripwire, say) and returns its exit value. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child still running after " + PATIENCE_SECONDS + " s\n" + diagnostics());
    }
    return process.exitValue();
  }

  /** Every stdout line so far; after the child ended and {@link #drain} returned, all of them. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Waits until the child's stdout is read to its end (it ended, so the end comes). */
  synchronized void drain() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    while (!stdoutClosed) {
      long left = until - System.nanoTime();
      if (left <= 0) throw new AssertionError("child stdout still open " + PATIENCE_SECONDS + " s after its end");
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** The last stdout lines and the stderr, for a failure message. */
  synchronized String diagnostics() {
    String err;
    try {
      err = Files.exists(stderr) ? Files.readString(stderr) : "";
    } catch (IOException e) {
      err = "(stderr unreadable: " + e + ")";
    }
    List<String> tail = lines.subList(Math.max(0, lines.size() - 30), lines.size());
    return "--- child stdout (last " + tail.size() + " lines)\n" + String.join("\n", tail)
        + "\n--- child stderr\n" + (err.length() > 8000 ? err.substring(err.length() - 8000) : err);
  }
}
