package dev.actionlayer.broker;

import dev.actionlayer.spi.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The approvers' HTTP interface, for principals with {@code role=approver}:
 * {@code GET /approvals} lists the pending approvals; {@code POST /approvals/{id}/approve} and
 * {@code POST /approvals/{id}/deny} (optional JSON body {@code {"reason":"…"}}) decide one,
 * recorded with who and when. Answers are JSON; an agent's key gets {@code 403}.
 */
final class ApprovalsEndpoint {
  static final String PATH = "/approvals";
  private static final Pattern DECISION = Pattern.compile("/approvals/(apr_[0-9a-f]{20})/(approve|deny)");
  private static final int MAX_BODY = 8 * 1024;
  private static final int MAX_REASON = 500;

  private final BrokerApprovals approvals;
  private Gate gate;

  ApprovalsEndpoint(BrokerApprovals approvals) {
    this.approvals = approvals;
  }

  void gate(Gate gate) {
    this.gate = gate;
  }

  void service(Principal principal, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!principal.approver()) {
      gate.error(request, response, 403, -32003, "Forbidden: principal " + principal.name()
          + " is not an approver (role=approver in the principals file)");
      return;
    }
    String path = request.getRequestURI();
    String method = request.getMethod();
    if (path.equals(PATH)) {
      if (!method.equals("GET")) {
        gate.error(request, response, 405, -32601, "Method not allowed: GET /approvals lists pending approvals");
        return;
      }
      List<Map<String, Object>> list = approvals.pending().stream().map(ApprovalsEndpoint::json).toList();
      gate.write(request, response, 200, Map.of("approvals", list));
      return;
    }
    Matcher m = DECISION.matcher(path);
    if (!m.matches()) {
      gate.error(request, response, 404, -32601, "Not found: POST /approvals/<id>/approve or /approvals/<id>/deny,"
          + " where <id> is apr_ and 20 hex digits");
      return;
    }
    if (!method.equals("POST")) {
      gate.error(request, response, 405, -32601, "Method not allowed: decide with POST");
      return;
    }
    boolean approve = m.group(2).equals("approve");
    String reason = reason(request);
    Approval decided = approvals.decide(m.group(1), approve, principal.name(), approve ? null : reason);
    if (decided == null) {
      gate.error(request, response, 404, -32002, "No pending approval " + m.group(1)
          + " (unknown, already decided, or expired)");
      return;
    }
    gate.write(request, response, 200, json(decided));
  }

  /** The reason of a deny's body, or null; capped and flattened to one line. */
  private static String reason(HttpServletRequest request) throws IOException {
    // Not closed: the container owns the stream, and Gate.write settles whatever is left of it.
    byte[] body = request.getInputStream().readNBytes(MAX_BODY);
    if (body.length == 0) return null;
    Map<String, Object> object = Json.objectOrNull(new String(body, StandardCharsets.UTF_8));
    Object reason = object == null ? null : object.get("reason");
    if (!(reason instanceof String s) || s.isBlank()) return null;
    String line = s.replaceAll("\\p{Cntrl}", " ").strip();
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON);
  }

  static Map<String, Object> json(Approval a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("principal", a.principal());
    m.put("operation", a.operation());
    m.put("connection", a.connection());
    m.put("summary", a.summary());
    m.put("argumentsDigest", a.argumentsDigest());
    m.put("createdAt", a.createdAt().toString());
    m.put("expiresAt", a.expiresAt().toString());
    if (a.decidedBy() != null) m.put("decidedBy", a.decidedBy());
    if (a.decidedAt() != null) m.put("decidedAt", a.decidedAt().toString());
    if (a.reason() != null) m.put("reason", a.reason());
    return m;
  }
}
