package dev.actionlayer.asana;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Asana's {@code {"errors":[{"message","help","phrase"}]}} answers to the taxonomy by
 * meaning. The status decides, as {@link HttpErrors#byStatus} says, except: 402 (a premium-only
 * feature) and 451 (blocked for legal reasons) are permissions the caller lacks, not bad input;
 * a 404 without Asana's JSON came from somewhere else. Asana names the offending input at the
 * start of a 400's message ({@code "name: Missing input"}), which becomes a field error.
 */
final class AsanaErrors {
  private static final Pattern FIELD_MESSAGE = Pattern.compile("([a-z_]{1,64}): (.+)", Pattern.DOTALL);
  private static final Map<String, String> CANONICAL = Map.of(
      "name", "title", "notes", "description", "projects", "project", "workspace", "project");

  private AsanaErrors() {}

  static ActionError map(VendorResponse response) {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    int status = response.status();
    if (status == 404 && (body == null || !body.containsKey("errors"))) return wrongPath(response);
    ActionError.Builder b = status == 402 || status == 451
        ? HttpErrors.byStatus(response, ErrorCode.PERMISSION_DENIED).message(status == 402
            ? "Asana: this needs a paid Asana plan (HTTP 402)" : "Asana: blocked for legal reasons (HTTP 451)")
        : HttpErrors.byStatus(response);
    List<String> messages = new ArrayList<>();
    for (Object item : Json.array(body, "errors")) {
      Map<?, ?> error = item instanceof Map<?, ?> map ? map : Map.of();
      if (error.get("message") instanceof String text && !text.isBlank()) messages.add(text.strip());
      // The phrase is what Asana support looks a server error up by: a request id in all but name
      // (the pipeline keeps it only in a request id's shape).
      if (error.get("phrase") instanceof String phrase) b.vendorRequestId(phrase);
    }
    if (!messages.isEmpty()) b.message("Asana: " + String.join("; ", messages));
    if (status == 400) {
      for (String message : messages) {
        Matcher m = FIELD_MESSAGE.matcher(message);
        if (m.matches()) b.fieldError(CANONICAL.getOrDefault(m.group(1), m.group(1)), m.group(2));
      }
    }
    return b.build();
  }

  /**
   * Asana's API answers a missing task with its JSON errors; a 404 page without them came from
   * another server or path (a wrong base URI), and must not read as "already deleted".
   */
  private static ActionError wrongPath(VendorResponse response) {
    return HttpErrors.foreignNotFound(response, "Asana",
        "the connection's base URI, normally " + Asana.DEFAULT_BASE_URI).build();
  }
}
