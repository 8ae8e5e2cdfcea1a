package dev.actionlayer.internal.saga;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;
import okio.Buffer;

/**
 * Journal entries as one line of JSON each, and (for files) that line behind its CRC-32, so that a
 * torn or damaged line is recognised instead of misread.
 */
public final class JournalCodec {
  private JournalCodec() {}

  /** {@code entry} as single-line JSON; null fields and -1 numbers are left out. */
  public static String toJson(JournalEntry e) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(false);
      w.beginObject();
      w.name("sagaId").value(e.sagaId());
      w.name("type").value(e.type().name());
      w.name("at").value(e.at().toString());
      w.name("saga").value(e.saga());
      w.name("traceId").value(e.traceId());
      w.name("principal").value(e.principal());
      if (e.steps() >= 0) w.name("steps").value(e.steps());
      if (e.step() >= 0) w.name("step").value(e.step());
      w.name("stepName").value(e.stepName());
      w.name("compensation").value(e.compensation());
      if (e.call() != -1 || e.type() == JournalEntry.Type.COMPENSATION_STARTED
          || e.type() == JournalEntry.Type.COMPENSATION_DONE
          || e.type() == JournalEntry.Type.COMPENSATION_FAILED) {
        w.name("call").value(e.call());
      }
      w.name("connection").value(e.connection());
      w.name("resource").value(e.resource());
      w.name("idempotencyKey").value(e.idempotencyKey());
      w.name("input").value(e.input());
      w.name("recordId").value(e.recordId());
      w.name("code").value(e.code());
      w.name("message").value(e.message());
      w.endObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return buffer.readUtf8();
  }

  /**
   * Reads what {@link #toJson} wrote.
   *
   * @throws IOException when {@code json} is not such an entry
   */
  public static JournalEntry fromJson(String json) throws IOException {
    String sagaId = null, type = null, at = null, saga = null, traceId = null, principal = null;
    String stepName = null, compensation = null, connection = null, resource = null, key = null;
    String input = null, recordId = null, code = null, message = null;
    int steps = -1, step = -1, call = -1;
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(json))) {
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        switch (name) {
          case "sagaId" -> sagaId = r.nextString();
          case "type" -> type = r.nextString();
          case "at" -> at = r.nextString();
          case "saga" -> saga = r.nextString();
          case "traceId" -> traceId = r.nextString();
          case "principal" -> principal = r.nextString();
          case "steps" -> steps = r.nextInt();
          case "step" -> step = r.nextInt();
          case "stepName" -> stepName = r.nextString();
          case "compensation" -> compensation = r.nextString();
          case "call" -> call = r.nextInt();
          case "connection" -> connection = r.nextString();
          case "resource" -> resource = r.nextString();
          case "idempotencyKey" -> key = r.nextString();
          case "input" -> input = r.nextString();
          case "recordId" -> recordId = r.nextString();
          case "code" -> code = r.nextString();
          case "message" -> message = r.nextString();
          default -> r.skipValue();
        }
      }
      r.endObject();
      if (r.peek() != JsonReader.Token.END_DOCUMENT) throw new IOException("trailing data");
    } catch (RuntimeException ex) {
      throw new IOException("not a journal entry: " + ex.getMessage(), ex);
    }
    if (sagaId == null || type == null || at == null) throw new IOException("not a journal entry");
    // What recovery needs of each kind of entry, or the line is not one the journal wrote (found
    // by fuzzing: a checksummed line without them made recover() throw NullPointerException).
    String missing = switch (type) {
      case "STEP_STARTED" -> stepName == null ? "stepName" : null;
      case "CALL_INTENT" -> connection == null ? "connection" : resource == null ? "resource" : null;
      default -> null;
    };
    if (missing != null) throw new IOException("not a journal entry: " + type + " without " + missing);
    try {
      return new JournalEntry(sagaId, JournalEntry.Type.valueOf(type), Instant.parse(at), saga,
          traceId, principal, steps, step, stepName, compensation, call, connection, resource, key,
          input, recordId, code, message);
    } catch (RuntimeException ex) {
      throw new IOException("not a journal entry: " + ex.getMessage(), ex);
    }
  }

  /** The file line: 8 hex digits of CRC-32 over the JSON, a space, the JSON, a newline. */
  static byte[] line(JournalEntry e) {
    byte[] json = toJson(e).getBytes(StandardCharsets.UTF_8);
    String crc = String.format("%08x ", crc(json, 0, json.length));
    byte[] out = new byte[9 + json.length + 1];
    System.arraycopy(crc.getBytes(StandardCharsets.US_ASCII), 0, out, 0, 9);
    System.arraycopy(json, 0, out, 9, json.length);
    out[out.length - 1] = '\n';
    return out;
  }

  /** Parses one file line (without its newline); null when its checksum or JSON is wrong. */
  static JournalEntry parseLine(byte[] buf, int from, int to) {
    if (to - from < 10 || buf[from + 8] != ' ') return null;
    long expected;
    try {
      expected = Long.parseLong(new String(buf, from, 8, StandardCharsets.US_ASCII), 16);
    } catch (NumberFormatException e) {
      return null;
    }
    if (crc(buf, from + 9, to - from - 9) != expected) return null;
    try {
      return fromJson(new String(buf, from + 9, to - from - 9, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }

  private static long crc(byte[] b, int off, int len) {
    CRC32 c = new CRC32();
    c.update(b, off, len);
    return c.getValue();
  }
}
