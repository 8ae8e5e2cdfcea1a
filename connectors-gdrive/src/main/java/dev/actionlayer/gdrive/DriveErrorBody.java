package dev.actionlayer.gdrive;

import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Google error body says, read best-effort: the JSON envelope {@code {"error": {"code",
 * "message", "errors": [{"domain", "reason", "message", "location", "locationType"}], "status"}}}.
 * HTML pages, truncated or foreign JSON, and empty bodies say nothing but an HTML page's title.
 */
final class DriveErrorBody {
  private static final int MAX_ITEMS = 50;
  private static final Pattern TITLE = Pattern.compile("<title>([^<]{1,200})</title>", Pattern.CASE_INSENSITIVE);

  /** One entry of {@code errors[]}; absent members are null. */
  record Item(String domain, String reason, String message, String location, String locationType) {}

  private final boolean envelope;
  private final String message;
  private final String status;
  private final List<Item> items;
  private final String htmlTitle;

  private DriveErrorBody(boolean envelope, String message, String status, List<Item> items, String htmlTitle) {
    this.envelope = envelope;
    this.message = message;
    this.status = status;
    this.items = items;
    this.htmlTitle = htmlTitle;
  }

  static DriveErrorBody parse(VendorResponse response) {
    if (!response.hasBody()) return foreign(null);
    if (response.isHtml()) return foreign(title(response.bodyString()));
    Map<String, Object> json = response.isTruncated() ? null : Json.objectOrNull(response.bodyString());
    Map<String, Object> error = Json.object(json, "error");
    if (error == null) return foreign(null);
    List<Item> items = new ArrayList<>();
    for (Object e : Json.array(error, "errors")) {
      if (!(e instanceof Map) || items.size() >= MAX_ITEMS) continue;
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) e;
      items.add(new Item(Json.string(m, "domain"), token(Json.string(m, "reason")),
          Json.string(m, "message"), token(Json.string(m, "location")), Json.string(m, "locationType")));
    }
    return new DriveErrorBody(true, Json.string(error, "message"),
        token(Json.string(error, "status")), items, null);
  }

  private static DriveErrorBody foreign(String htmlTitle) {
    return new DriveErrorBody(false, null, null, List.of(), htmlTitle);
  }

  /** Whether the body is Google's JSON error envelope (not a front-end page or a proxy's). */
  boolean isEnvelope() {
    return envelope;
  }

  List<Item> items() {
    return items;
  }

  /** The canonical status name ({@code "PERMISSION_DENIED"}), or null; newer responses only. */
  String status() {
    return status;
  }

  boolean hasReason(String reason) {
    return items.stream().anyMatch(i -> reason.equals(i.reason()));
  }

  /** Google's own short explanation, or null: the top-level message, else the first item's. */
  String text() {
    if (message != null && !message.isBlank()) return message.strip();
    for (Item item : items) {
      if (item.message() != null && !item.message().isBlank()) return item.message().strip();
    }
    return null;
  }

  /** The {@code <title>} of an HTML page ("Error 502 (Server Error)!!1"), or null. */
  String htmlTitle() {
    return htmlTitle;
  }

  /**
   * A vendor identifier (reason, location, MIME type) safe to echo: only the characters such
   * identifiers use, at most 100 of them; null when nothing is left.
   */
  static String token(String value) {
    if (value == null) return null;
    String safe = value.replaceAll("[^A-Za-z0-9._/+\\[\\]-]", "");
    if (safe.isEmpty()) return null;
    return safe.length() <= 100 ? safe : safe.substring(0, 100);
  }

  private static String title(String html) {
    Matcher m = TITLE.matcher(html.length() > 4096 ? html.substring(0, 4096) : html);
    if (!m.find()) return null;
    String title = m.group(1).replace("&#39;", "'").replace("&amp;", "&").strip();
    return title.isEmpty() ? null : title;
  }
}
