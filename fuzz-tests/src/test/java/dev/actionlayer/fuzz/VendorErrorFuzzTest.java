package dev.actionlayer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.ConnectorProvider;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every connector's reading of a vendor's error answer, fuzzed: {@link Connector#mapError}, {@link
 * Connector#usage} and the request-id header, for any status, headers and body a vendor, a proxy
 * or a hostile middlebox can send. The pipeline has a safety net for a mapper that throws (it logs
 * a connector bug); the point here is to find those bugs before a vendor does.
 *
 * <p>An input is the vendor's name on the first line, then a response as its {@code .http}
 * fixtures hold it: the status line, header lines, a blank line and the body — so every fixture in
 * the connectors' test resources is a seed as it stands (see {@code VendorErrorFuzzTestInputs}).
 * An unknown vendor name picks one by its hash, so no input is wasted.
 */
class VendorErrorFuzzTest {
  /** When the response arrived: the reference for HTTP-dates and reset times. */
  static final Instant NOW = Instant.parse("2024-05-05T18:01:00Z");

  /** One connector of every vendor on the classpath, by name, with its defaults and no options. */
  static final Map<String, Connector> CONNECTORS = connectors();

  private static Map<String, Connector> connectors() {
    Map<String, Connector> out = new TreeMap<>();
    for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class)) {
      URI base = p.defaultBaseUri() != null ? p.defaultBaseUri() : URI.create("https://fuzz.example.com/");
      out.put(p.vendor(), p.connector(base, Credentials.bearer("fuzz-token-0123456789"), Map.of()));
    }
    return out;
  }

  @Test
  void everyVendorTakesPart() {
    assertThat(CONNECTORS).containsOnlyKeys("asana", "box", "dropbox", "gdrive", "github", "gitlab", "hubspot",
        "jira", "linear", "onedrive", "pipedrive", "salesforce", "stripe", "todoist", "zendesk");
  }

  @Test
  void aFixtureReadsAsTheResponseItHolds() {
    Input in = Input.parse(("github\nHTTP/1.1 403 Forbidden\nRetry-After: 60\nx-github-request-id: A:B\n"
        + "X-GitHub-Request-Id: C\n\n{\"message\":\"x\"}\n").getBytes(StandardCharsets.UTF_8));

    assertThat(in.vendor).isEqualTo("github");
    assertThat(in.response.status()).isEqualTo(403);
    assertThat(in.response.header("Retry-After")).isEqualTo("60");
    assertThat(in.response.headers().get("x-github-request-id")).containsExactly("A:B", "C");
    assertThat(in.response.bodyString()).isEqualTo("{\"message\":\"x\"}\n");
  }

  @FuzzTest
  void mapsAnyErrorAnswer(byte[] data) {
    Input in = Input.parse(data);
    Connector connector = CONNECTORS.get(in.vendor);
    VendorResponse response = in.response;

    // The pipeline asks a connector to map only an HTTP status (100..599) that is no success;
    // any other three digits it answers itself (found here: they made every mapper throw).
    if (!response.isSuccessful() && response.status() >= 100 && response.status() <= 599) {
      ActionError error = connector.mapError(response);
      assertThat(error).as("mapError result").isNotNull();
      assertThat(error.code()).isNotNull();
      assertThat(error.message()).isNotNull();
      error.retryAfter().ifPresent(d -> assertThat(d.isNegative()).as("negative retryAfter").isFalse());
      error.fieldErrors().forEach((k, v) -> assertThat(k).isNotNull());
    }
    VendorUsage usage = connector.usage(response); // "must be cheap and never throw"
    if (usage != null) assertThat(usage.limit()).isPositive();
    String header = connector.requestIdHeader();
    if (header != null) response.header(header);
  }

  /** A fuzz input read as a vendor and a response, leniently: every input is one. */
  static final class Input {
    final String vendor;
    final VendorResponse response;

    private Input(String vendor, VendorResponse response) {
      this.vendor = vendor;
      this.response = response;
    }

    static Input parse(byte[] data) {
      int bodyStart = data.length;
      for (int i = 0; i + 1 < data.length; i++) {
        if (data[i] == '\n' && data[i + 1] == '\n') {
          bodyStart = i + 2;
          break;
        }
      }
      // Header lines arrive as OkHttp reads them: UTF-8 text, any character but a line feed.
      String head = new String(data, 0, Math.min(bodyStart, data.length), StandardCharsets.UTF_8);
      String[] lines = head.split("\n", -1);
      List<String> names = new ArrayList<>(CONNECTORS.keySet());
      String first = lines[0].strip();
      boolean truncated = first.endsWith(" truncated");
      String vendor = first.replace(" truncated", "").toLowerCase(Locale.ROOT);
      if (!CONNECTORS.containsKey(vendor)) vendor = names.get(Math.floorMod(first.hashCode(), names.size()));
      int status = lines.length > 1 ? status(lines[1]) : 500;
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 2; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) continue;
        String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
      }
      headers.replaceAll((k, v) -> List.copyOf(v));
      byte[] body = new byte[data.length - Math.min(bodyStart, data.length)];
      System.arraycopy(data, data.length - body.length, body, 0, body.length);
      return new Input(vendor, new VendorResponse(status, headers, body, truncated, NOW));
    }

    /**
     * The status OkHttp would report for this status line: three digits, so anything from 0 to 999
     * (a proxy's 000, a made-up 799); 500 when the line holds none.
     */
    private static int status(String statusLine) {
      String[] parts = statusLine.strip().split(" +");
      String code = parts.length > 1 ? parts[1] : parts[0];
      return code.matches("[0-9]{3}") ? Integer.parseInt(code) : 500;
    }
  }
}
