package dev.actionlayer.zendesk;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.HttpErrors;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorResponse;
import java.util.List;
import java.util.Map;

/**
 * Maps Zendesk's {@code {"error":"RecordInvalid","description","details":{field:[{"description","error"}]}}}
 * answers (and its {@code {"error":{"title","message"}}} and plain-text variants) by meaning: a
 * {@code DuplicateValue} detail is {@code CONFLICT}, other details are field errors under the
 * canonical names; a 429 (often plain text) waits for its {@code Retry-After}.
 */
final class ZendeskErrors {
  private static final Map<String, String> CANONICAL = Map.of(
      "name", "lastName", "email", "email", "phone", "phone", "organization_id", "company");

  private ZendeskErrors() {}

  static ActionError map(VendorResponse response) {
    Map<String, Object> body = Json.objectOrNull(response.bodyString());
    int status = response.status();
    Object error = body == null ? null : body.get("error");
    if (status == 404 && error == null) {
      return HttpErrors.foreignNotFound(response, "Zendesk", "the connection's base URI, https://{subdomain}.zendesk.com").build();
    }
    Map<String, Object> details = Json.object(body, "details");
    boolean duplicate = details != null && details.toString().contains("DuplicateValue");
    ActionError.Builder b = duplicate ? HttpErrors.byStatus(response, ErrorCode.CONFLICT) : HttpErrors.byStatus(response);
    if (error instanceof String code) {
      b.vendorCode(duplicate ? "DuplicateValue" : code);
      String description = Json.string(body, "description");
      b.message("Zendesk: " + (description != null && !description.isBlank() ? code + ": " + description.strip() : code));
    } else if (error instanceof Map<?, ?> nested) {
      Object title = nested.get("title");
      Object message = nested.get("message");
      if (title instanceof String t) b.vendorCode(t);
      if (message instanceof String m) b.message("Zendesk: " + m.strip());
    }
    if (details != null) {
      details.forEach((field, problems) -> {
        List<?> list = problems instanceof List<?> l ? l : List.of();
        if (!list.isEmpty() && list.get(0) instanceof Map<?, ?> p && p.get("description") instanceof String text) {
          b.fieldError(CANONICAL.getOrDefault(field, field), text);
        }
      });
    }
    return b.build();
  }
}
