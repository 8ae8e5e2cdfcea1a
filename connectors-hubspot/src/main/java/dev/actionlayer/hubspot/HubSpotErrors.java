package dev.actionlayer.hubspot;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.util.List;
import java.util.Map;

/**
 * Maps HubSpot's {@code {"status":"error","message","correlationId","category","errors":[…]}}
 * answers by meaning: a 429 whose {@code policyName} is {@code DAILY} is the day's allowance
 * spent ({@code QUOTA_EXHAUSTED}), the ten-second window's is {@code RATE_LIMITED}; a 409
 * (a contact with that email exists) is {@code CONFLICT} naming the existing id; property
 * problems become field errors under the canonical names.
 */
final class HubSpotErrors {
  private static final Map<String, String> CANONICAL = Map.of(
      "firstname", "firstName", "lastname", "lastName", "email", "email", "phone", "phone", "company", "company");
  private static final String INVALID_PROPERTIES = "Property values were not valid: ";

  private HubSpotErrors() {}

  static ActionError map(VendorResponse response) {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    int status = response.status();
    boolean hubspot = body != null && (body.containsKey("category") || "error".equals(body.get("status")));
    if (status == 404 && !hubspot) {
      return HttpErrors.foreignNotFound(response, "HubSpot", "the connection's base URI, normally " + HubSpot.DEFAULT_BASE_URI).build();
    }
    ActionError.Builder b = status == 429 && "DAILY".equals(Json.string(body, "policyName"))
        ? HttpErrors.byStatus(response, ErrorCode.QUOTA_EXHAUSTED) : HttpErrors.byStatus(response);
    if (!hubspot) return b.build();
    String message = Json.string(body, "message");
    if (message != null && !message.isBlank()) b.message("HubSpot: " + message.strip());
    String category = Json.string(body, "category");
    b.vendorCode(category != null ? category : Json.string(body, "errorType"));
    String correlationId = Json.string(body, "correlationId");
    if (correlationId != null) b.vendorRequestId(correlationId);
    if (status == 409 && message != null && message.contains("Existing ID")) b.fieldError("email", message.strip());
    if (status == 400) {
      fieldErrors(b, message);
      for (Object item : Json.array(body, "errors")) {
        Map<?, ?> error = item instanceof Map<?, ?> map ? map : Map.of();
        Map<?, ?> context = error.get("context") instanceof Map<?, ?> c ? c : Map.of();
        Object name = error.get("in") != null ? error.get("in") : first(context.get("propertyName"));
        if (name instanceof String field && error.get("message") instanceof String text) {
          b.fieldError(CANONICAL.getOrDefault(field, field), text);
        }
      }
    }
    return b.build();
  }

  /**
   * HubSpot reports invalid property values as JSON inside its message:
   * {@code Property values were not valid: [{"isValid":false,"message":"…","error":"INVALID_EMAIL","name":"email"}]}.
   */
  private static void fieldErrors(ActionError.Builder b, String message) {
    if (message == null || !message.startsWith(INVALID_PROPERTIES)) return;
    List<?> problems = Json.arrayOrNull(message.substring(INVALID_PROPERTIES.length()));
    if (problems == null) return;
    for (Object item : problems) {
      if (item instanceof Map<?, ?> p && p.get("name") instanceof String name && p.get("message") instanceof String text) {
        b.fieldError(CANONICAL.getOrDefault(name, name), text);
      }
    }
  }

  private static Object first(Object value) {
    return value instanceof List<?> list && !list.isEmpty() ? list.get(0) : value;
  }
}
