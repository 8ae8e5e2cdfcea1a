package dev.actionlayer.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncJsonLinesAuditSinkTest {

  @Test
  void concurrentSubmitters_everyEventIsWrittenOnce_inEachThreadsOrder() throws Exception {
    int threads = 8;
    int perThread = 2_000;
    RecordingWriter out = new RecordingWriter();
    AsyncJsonLinesAuditSink sink = new AsyncJsonLinesAuditSink(out, "test", 64); // small: callers wait often
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> submitters = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      submitters.add(new Thread(() -> {
        await(start);
        for (int i = 0; i < perThread; i++) sink.accept(event("t" + thread + "-" + i));
      }));
    }
    submitters.forEach(Thread::start);
    start.countDown();
    for (Thread t : submitters) t.join();
    sink.close();

    List<String> ids = resourceIds(out.text());
    assertThat(ids).hasSize(threads * perThread);
    assertThat(new HashSet<>(ids)).hasSize(threads * perThread);
    int[] next = new int[threads];
    for (String id : ids) {
      int thread = Integer.parseInt(id.substring(1, id.indexOf('-')));
      int seq = Integer.parseInt(id.substring(id.indexOf('-') + 1));
      assertThat(seq).as("thread %d's events in order", thread).isEqualTo(next[thread]++);
    }
    assertThat(sink.failedEvents()).isZero();
  }

  @Test
  void aFullQueueMakesTheCallerWait_andTheEventIsWrittenOnceThereIsRoom() throws Exception {
    RecordingWriter out = new RecordingWriter();
    out.stallFirstWrite();
    AsyncJsonLinesAuditSink sink = new AsyncJsonLinesAuditSink(out, "test", 1);
    sink.accept(event("e1"));
    out.awaitStalled(); // the writer holds e1 and is stuck writing it
    sink.accept(event("e2")); // fills the queue (capacity 1)

    Thread caller = new Thread(() -> sink.accept(event("e3")));
    caller.start();
    awaitState(caller, Thread.State.WAITING, Thread.State.TIMED_WAITING);
    // No room can appear while the writer is stalled: the caller is still inside accept().
    assertThat(caller.isAlive()).isTrue();
    assertThat(out.text()).doesNotContain("\"e3\"");

    out.release();
    caller.join();
    sink.close();
    assertThat(resourceIds(out.text())).containsExactly("e1", "e2", "e3");
  }

  @Test
  void anInterruptDoesNotDropAWaitingEvent() throws Exception {
    RecordingWriter out = new RecordingWriter();
    out.stallFirstWrite();
    AsyncJsonLinesAuditSink sink = new AsyncJsonLinesAuditSink(out, "test", 1);
    sink.accept(event("e1"));
    out.awaitStalled();
    sink.accept(event("e2"));
    boolean[] interruptedAfter = new boolean[1];
    Thread caller = new Thread(() -> {
      sink.accept(event("e3"));
      interruptedAfter[0] = Thread.currentThread().isInterrupted();
    });
    caller.start();
    awaitState(caller, Thread.State.WAITING, Thread.State.TIMED_WAITING);

    caller.interrupt();
    out.release();
    caller.join();
    sink.close();

    assertThat(resourceIds(out.text())).containsExactly("e1", "e2", "e3");
    assertThat(interruptedAfter[0]).as("interrupt status restored").isTrue();
  }

  @Test
  void closeWritesEveryAcceptedEvent_flushesAndClosesTheFile() throws Exception {
    RecordingWriter out = new RecordingWriter();
    out.stallFirstWrite();
    AsyncJsonLinesAuditSink sink = new AsyncJsonLinesAuditSink(out, "test", 200);
    for (int i = 0; i < 150; i++) sink.accept(event("e" + i));
    out.awaitStalled(); // most events are still queued

    Thread closer = new Thread(() -> {
      try {
        sink.close();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    closer.start();
    out.release();
    closer.join();

    assertThat(resourceIds(out.text())).hasSize(150).first().isEqualTo("e0");
    assertThat(resourceIds(out.text())).last().isEqualTo("e149");
    assertThat(out.flushed()).isEqualTo(out.text()); // nothing left unflushed
    assertThat(out.closed).isTrue();
  }

  @Test
  void aDeferredEventIsBuiltOnTheWriterThread_inOrderWithTheOthers_andABuildFailureIsCounted() throws Exception {
    RecordingWriter out = new RecordingWriter();
    AsyncJsonLinesAuditSink sink = new AsyncJsonLinesAuditSink(out, "test", 8);
    Thread caller = Thread.currentThread();
    java.util.List<Thread> builtOn = new java.util.concurrent.CopyOnWriteArrayList<>();

    sink.accept(event("e1"));
    sink.acceptDeferred(() -> {
      builtOn.add(Thread.currentThread());
      return event("e2");
    });
    sink.acceptDeferred(() -> {
      throw new IllegalStateException("a defect while building");
    });
    sink.accept(event("e3"));
    sink.close();

    assertThat(resourceIds(out.text())).containsExactly("e1", "e2", "e3");
    assertThat(builtOn).singleElement().isNotSameAs(caller);
    assertThat(sink.failedEvents()).isEqualTo(1);
  }

  @Test
  void closeIsIdempotent_andAcceptAfterCloseIsAnIllegalState() throws Exception {
    RecordingWriter out = new RecordingWriter();
    AsyncJsonLinesAuditSink sink = new AsyncJsonLinesAuditSink(out, "audit.jsonl", 4);
    sink.accept(event("e1"));
    sink.close();
    sink.close();

    assertThatThrownBy(() -> sink.accept(event("e2")))
        .isInstanceOf(IllegalStateException.class).hasMessage("audit sink closed: audit.jsonl");
    assertThat(resourceIds(out.text())).containsExactly("e1");
  }

  @Test
  void aFailedWriteIsLoggedWithoutContents_andLaterEventsAreStillWritten() throws Exception {
    RecordingWriter out = new RecordingWriter();
    out.failNextFlush();
    AsyncJsonLinesAuditSink sink = new AsyncJsonLinesAuditSink(out, "failing-audit.jsonl", 8);
    sink.accept(event("lost-secret-payload"));
    awaitFailures(sink, 1);
    sink.accept(event("after-1"));
    sink.accept(event("after-2"));
    sink.close();

    assertThat(sink.failedEvents()).isEqualTo(1);
    assertThat(resourceIds(out.text())).endsWith("after-1", "after-2");
    // The failed batch may have left a partial line: the next batch starts on a fresh line.
    assertThat(out.text()).contains("\n\n{");
    String log = Files.readString(Path.of("target/test-log.txt"));
    assertThat(log).contains("audit file failing-audit.jsonl: 1 events may be missing or incomplete"
        + " (java.io.IOException: No space left on device)");
    assertThat(log).doesNotContain("lost-secret-payload");
  }

  @Test
  void aWriterThreadKilledByAnError_makesAcceptFailInsteadOfQueueingIntoTheVoid() throws Exception {
    Writer dying = new Writer() {
      @Override
      public void write(char[] chars, int off, int len) {
        throw new AssertionError("simulated VM error");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    AsyncJsonLinesAuditSink sink = new AsyncJsonLinesAuditSink(dying, "dying.jsonl", 4);
    sink.accept(event("e1"));
    IllegalStateException refused = null;
    for (int i = 0; i < 30_000 && refused == null; i++) {
      try {
        sink.accept(event("e" + (i + 2)));
        Thread.sleep(1);
      } catch (IllegalStateException e) {
        refused = e;
      }
    }
    assertThat(refused).hasMessage("audit writer thread stopped: dying.jsonl");
    sink.close(); // returns: nothing left to wait for
  }

  @Test
  void openAppendsToTheFile_creatingItsDirectories(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("logs/audit.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"earlier\":true}\n");
    try (AsyncJsonLinesAuditSink sink = AsyncJsonLinesAuditSink.builder(file).queueCapacity(2).build()) {
      for (int i = 0; i < 10; i++) sink.accept(event("e" + i));
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(11).first().isEqualTo("{\"earlier\":true}");
    assertThat(resourceIds(String.join("\n", lines))).hasSize(10).first().isEqualTo("e0");
    try (AsyncJsonLinesAuditSink sink = AsyncJsonLinesAuditSink.open(dir.resolve("new/dir/audit.jsonl"))) {
      sink.accept(event("x"));
    }
    assertThat(Files.readAllLines(dir.resolve("new/dir/audit.jsonl"))).hasSize(1);
  }

  @Test
  void theBuilderRefusesANonPositiveCapacity() {
    assertThatThrownBy(() -> AsyncJsonLinesAuditSink.builder(Path.of("a.jsonl")).queueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("queueCapacity < 1: 0");
    assertThatThrownBy(() -> AsyncJsonLinesAuditSink.builder(null))
        .isInstanceOf(NullPointerException.class).hasMessage("file == null");
  }

  static AuditEvent event(String resourceId) {
    return new AuditEvent("0af7651916cd43dd8448eb211c80319c", Instant.EPOCH, "default", "jira", "jira",
        "tasks.get", Map.of("id", resourceId), null, List.of(), "CLOSED", AuditEvent.Outcome.SUCCESS,
        resourceId, null, null, false, false, null, 1, null, Map.of());
  }

  private static List<String> resourceIds(String text) {
    List<String> ids = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || !line.contains("resourceId")) continue;
      ids.add(Json.string(Json.objectOrNull(line), "resourceId"));
    }
    return ids;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) throw new AssertionError("latch timed out");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits (bounded, for a hung test only) until {@code t} is parked; asserts nothing on time. */
  private static void awaitState(Thread t, Thread.State... states) throws InterruptedException {
    Set<Thread.State> wanted = Set.of(states);
    for (int i = 0; i < 30_000 && !wanted.contains(t.getState()); i++) Thread.sleep(1);
    assertThat(wanted).contains(t.getState());
  }

  private static void awaitFailures(AsyncJsonLinesAuditSink sink, long n) throws InterruptedException {
    for (int i = 0; i < 30_000 && sink.failedEvents() < n; i++) Thread.sleep(1);
    assertThat(sink.failedEvents()).isEqualTo(n);
  }

  /**
   * A writer the test controls: it can stall the first write until released and fail the next
   * flush, and shows what was written and what was flushed.
   */
  static final class RecordingWriter extends Writer {
    private final StringBuilder text = new StringBuilder();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean stallFirst;
    private volatile boolean failFlush;
    private volatile String flushed = "";
    volatile boolean closed;

    void stallFirstWrite() {
      stallFirst = true;
    }

    void failNextFlush() {
      failFlush = true;
    }

    void awaitStalled() {
      await(stalled);
    }

    void release() {
      release.countDown();
    }

    @Override
    public void write(char[] chars, int off, int len) {
      if (stallFirst) {
        stallFirst = false;
        stalled.countDown();
        await(release);
      }
      synchronized (text) {
        text.append(chars, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      if (failFlush) {
        failFlush = false;
        throw new IOException("No space left on device");
      }
      flushed = text();
    }

    @Override
    public void close() {
      closed = true;
    }

    String text() {
      synchronized (text) {
        return text.toString();
      }
    }

    String flushed() {
      return flushed;
    }
  }
}
