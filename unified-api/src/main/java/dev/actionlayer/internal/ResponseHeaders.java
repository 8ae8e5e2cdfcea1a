package dev.actionlayer.internal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;

/**
 * A response's headers as the read-only map {@link dev.actionlayer.spi.VendorResponse} exposes
 * (lower-cased names, values in arrival order), read from OkHttp's {@link Headers} on demand rather
 * than copied: a call usually asks for one or two headers, and only the audit reads them all.
 * OkHttp's {@code Headers} is immutable, so the view is safe to read from any thread.
 */
final class ResponseHeaders extends AbstractMap<String, List<String>> {
  private final Headers headers;
  /** The name a header arrives under that this map reports as {@code retry-after} (lower case). */
  private final String retryAfterAlias;

  ResponseHeaders(Headers headers, String retryAfterAlias) {
    this.headers = headers;
    this.retryAfterAlias = retryAfterAlias;
  }

  private String key(int i) {
    String key = Transport.lowerCase(headers.name(i));
    return key.equals(retryAfterAlias) ? "retry-after" : key;
  }

  @Override
  public List<String> get(Object name) {
    if (!(name instanceof String)) return null;
    String first = null;
    List<String> more = null;
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (!key(i).equals(name)) continue;
      if (first == null) {
        first = headers.value(i);
      } else {
        if (more == null) {
          more = new ArrayList<>();
          more.add(first);
        }
        more.add(headers.value(i));
      }
    }
    if (first == null) return null;
    return more == null ? List.of(first) : Collections.unmodifiableList(more);
  }

  @Override
  public boolean containsKey(Object name) {
    return get(name) != null;
  }

  @Override
  public Set<Entry<String, List<String>>> entrySet() {
    // Built on each call, never cached: the audit asks once per event, and the view stays immutable.
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (int i = 0, n = headers.size(); i < n; i++) {
      all.computeIfAbsent(key(i), k -> new ArrayList<>(1)).add(headers.value(i));
    }
    all.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(all).entrySet();
  }
}
