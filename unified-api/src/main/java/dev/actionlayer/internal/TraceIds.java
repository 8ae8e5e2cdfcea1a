package dev.actionlayer.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C trace ids: the one a saga runs under, else the current OpenTelemetry span's, else a fresh
 * random one.
 */
public final class TraceIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** Set while a saga runs its steps or compensations, so every call shares the saga's trace. */
  private static final ThreadLocal<String> SAGA_TRACE = new ThreadLocal<>();

  private TraceIds() {}

  /** Runs {@code body} with every call on this thread carrying {@code traceId}. */
  public static <T> T within(String traceId, java.util.function.Supplier<T> body) {
    String outer = SAGA_TRACE.get();
    SAGA_TRACE.set(traceId);
    try {
      return body.get();
    } finally {
      if (outer == null) SAGA_TRACE.remove();
      else SAGA_TRACE.set(outer);
    }
  }

  /** The trace id a new saga or call should carry. */
  public static String current() {
    String inherited = inherited();
    return inherited != null ? inherited : random();
  }

  /** The saga's trace id, else the current span's, else null (nothing is allocated). */
  static String inherited() {
    String saga = SAGA_TRACE.get();
    if (saga != null) return saga;
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }

  /** The saga's trace id, else {@code span}'s (the call's own), else null. */
  static String inherited(Span span) {
    String saga = SAGA_TRACE.get();
    if (saga != null) return saga;
    SpanContext context = span.getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  public static String random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi;
    long lo;
    do {
      hi = r.nextLong();
      lo = r.nextLong();
    } while (hi == 0 && lo == 0); // all-zero is the W3C "invalid" id
    char[] out = new char[32];
    for (int i = 0; i < 16; i++) {
      out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
      out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
    }
    return new String(out);
  }
}
