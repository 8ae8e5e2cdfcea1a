package dev.actionlayer.testkit.fake;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import okhttp3.HttpUrl;

/**
 * One request as a fake vendor received it, kept for assertions and handed to the fake's handler.
 *
 * @param method the HTTP method, upper case ({@code "POST"})
 * @param path the request target: path plus query, as sent ({@code "/rest/api/3/search/jql?jql=..."})
 * @param headers the request headers; lookups are case-insensitive and repeated headers are joined
 *     with {@code ", "}
 * @param body the request body decoded as UTF-8, empty when there was none
 */
public record RecordedCall(String method, String path, Map<String, String> headers, String body) {

  /** Copies the headers into an immutable, case-insensitive map. */
  public RecordedCall {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = Collections.unmodifiableMap(copy);
  }

  /** Returns the value of the named header (case-insensitive), or null when it was not sent. */
  public String header(String name) {
    Objects.requireNonNull(name, "name == null");
    return headers.get(name);
  }

  /** Returns the path without its query string, e.g. {@code "/rest/api/3/search/jql"}. */
  public String pathWithoutQuery() {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** Returns the first value of the named query parameter, percent-decoded, or null if absent. */
  public String queryParameter(String name) {
    Objects.requireNonNull(name, "name == null");
    // Any absolute base works: only the target's query is read.
    HttpUrl url = HttpUrl.parse("http://fake.invalid" + (path.startsWith("/") ? path : "/" + path));
    return url == null ? null : url.queryParameter(name);
  }
}
