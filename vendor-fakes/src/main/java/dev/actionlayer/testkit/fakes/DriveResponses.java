package dev.actionlayer.testkit.fakes;

import static dev.actionlayer.spi.Json.MOSHI;

import com.squareup.moshi.JsonAdapter;
import dev.actionlayer.testkit.fake.StatusLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * FakeDrive's answers in Google's shapes: bodies verbatim from the vendor fact sheet's samples
 * ({@code vendors/samples/gdrive}) where it has them, and the same envelope elsewhere.
 */
final class DriveResponses {
  static final String JSON_UTF8 = "application/json; charset=UTF-8";
  static final String HTML_UTF8 = "text/html; charset=UTF-8";

  /** {@code auth-error-401.http}, verbatim. */
  static final String AUTH_ERROR_401 = "{\n"
      + "  \"error\": {\n"
      + "    \"code\": 401,\n"
      + "    \"message\": \"Request had invalid authentication credentials. Expected OAuth 2 access"
      + " token, login cookie or other valid authentication credential. See"
      + " https://developers.google.com/identity/sign-in/web/devconsole-project.\",\n"
      + "    \"errors\": [\n"
      + "      {\n"
      + "        \"message\": \"Invalid Credentials\",\n"
      + "        \"domain\": \"global\",\n"
      + "        \"reason\": \"authError\",\n"
      + "        \"location\": \"Authorization\",\n"
      + "        \"locationType\": \"header\"\n"
      + "      }\n"
      + "    ],\n"
      + "    \"status\": \"UNAUTHENTICATED\"\n"
      + "  }\n"
      + "}";

  /** {@code insufficient-scopes-403.http}, verbatim. */
  static final String INSUFFICIENT_SCOPES_403 = "{\n"
      + "  \"error\": {\n"
      + "    \"code\": 403,\n"
      + "    \"message\": \"Request had insufficient authentication scopes.\",\n"
      + "    \"errors\": [\n"
      + "      {\n"
      + "        \"message\": \"Insufficient Permission\",\n"
      + "        \"domain\": \"global\",\n"
      + "        \"reason\": \"insufficientPermissions\"\n"
      + "      }\n"
      + "    ],\n"
      + "    \"status\": \"PERMISSION_DENIED\"\n"
      + "  }\n"
      + "}";

  private static final JsonAdapter<Object> LEGACY = MOSHI.adapter(Object.class).indent(" ");
  private static final JsonAdapter<Object> PRETTY = MOSHI.adapter(Object.class).indent("  ");

  private DriveResponses() {}

  /**
   * Drive's classic error envelope, laid out like the fact sheet's 404 and 429 samples (one-space
   * indent, {@code errors} first); {@code location} and {@code locationType} may be null.
   */
  static String envelope(int code, String domain, String reason, String message, String location,
      String locationType) {
    Map<String, Object> item = Json.object("domain", domain, "reason", reason, "message", message);
    if (locationType != null) item.put("locationType", locationType);
    if (location != null) item.put("location", location);
    return LEGACY.toJson(Json.object("error",
        Json.object("errors", List.of(item), "code", code, "message", message)));
  }

  /** {@code not-found-404.http}, verbatim but for the id. */
  static String notFound(String fileId) {
    return envelope(404, "global", "notFound", "File not found: " + fileId + ".", "fileId", "parameter");
  }

  /** {@code rate-limit-429.http}, verbatim; Drive also sends it with 403. */
  static String rateLimitExceeded(int code) {
    return envelope(code, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded", null, null);
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().status(StatusLines.of(status))
        .setHeader("Content-Type", JSON_UTF8).body(body).build();
  }

  static MockResponse error(int status, String reason, String message, String location) {
    return json(status, envelope(status, "global", reason, message, location,
        location == null ? null : "parameter"));
  }

  static MockResponse noContent() {
    return new MockResponse.Builder().status(StatusLines.of(204)).build();
  }

  /** The 401 of {@code auth-error-401.http}: body and headers verbatim. */
  static MockResponse unauthorized() {
    return new MockResponse.Builder().status(StatusLines.of(401))
        .setHeader("Content-Type", JSON_UTF8)
        .setHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"")
        .addHeader("Vary", "Origin")
        .addHeader("Vary", "X-Origin")
        .addHeader("Vary", "Referer")
        .setHeader("Server", "ESF")
        .setHeader("X-Content-Type-Options", "nosniff")
        .setHeader("X-Frame-Options", "SAMEORIGIN")
        .setHeader("X-XSS-Protection", "0")
        .body(AUTH_ERROR_401).build();
  }

  /** {@code {"kind":"drive#generatedIds","space":...,"ids":[...]}}. */
  static MockResponse generatedIds(String space, List<String> ids) {
    return json(200, PRETTY.toJson(Json.object("kind", "drive#generatedIds", "space", space,
        "ids", new ArrayList<>(ids))));
  }

  /** A File resource reduced to {@code fields}, already validated by {@link DriveFields}. */
  static MockResponse file(DriveStore.StoredFile file, List<String> fields) {
    return json(200, pretty(members(file, fields)));
  }

  /** Drive's two-space layout of success bodies. */
  static String pretty(Object body) {
    return PRETTY.toJson(body);
  }

  /**
   * Where a person opens the file: Drive's {@code webViewLink} shapes for a folder ({@code
   * https://drive.google.com/drive/folders/<id>}) and for other files.
   */
  static String webViewLink(DriveStore.StoredFile file) {
    return file.isFolder() ? "https://drive.google.com/drive/folders/" + file.id()
        : "https://drive.google.com/file/d/" + file.id() + "/view?usp=drivesdk";
  }

  /** The members of a File resource that {@code fields} selects, in Drive's order. */
  static Map<String, Object> members(DriveStore.StoredFile file, List<String> fields) {
    Map<String, Object> all = Json.object("kind", "drive#file", "id", file.id(), "name", file.name(),
        "mimeType", file.mimeType());
    if (file.parentId() != null) all.put("parents", List.of(file.parentId()));
    all.put("trashed", file.trashed());
    // Drive leaves out an empty map rather than sending {}.
    if (!file.appProperties().isEmpty()) all.put("appProperties", file.appProperties());
    all.put("webViewLink", webViewLink(file));
    Map<String, Object> selected = Json.object();
    all.forEach((name, value) -> {
      if (fields.contains(name)) selected.put(name, value);
    });
    return selected;
  }
}
