package dev.actionlayer.jira;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.TaskChanges;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.util.Map;

/**
 * A status change the Jira way: Jira has no writable status, only workflow transitions. One
 * auxiliary read ({@code GET /rest/api/3/issue/{id}?fields=status&expand=transitions}) gives the
 * current status and the transitions open from it, in one answer; an issue already in the wanted
 * status is left alone (so a repeated update changes nothing), else the transition leading there
 * is applied with {@code POST /rest/api/3/issue/{id}/transitions}. Both go through {@link
 * CallContext#exchange}: a failure of either fails the build of the update, and a retry starts over
 * from a fresh read, so a transition whose answer was lost is never applied twice.
 */
final class JiraTransitions {
  private static final String ISSUE = "rest/api/3/issue";

  private JiraTransitions() {}

  /**
   * Moves issue {@code id} to the status {@code changes} asks for; does nothing when it asks for none.
   *
   * @throws ActionException {@code INVALID_REQUEST} naming {@code status} (or {@code vendorStatus})
   *     when no transition open from the issue's status leads there; Jira's own error otherwise
   */
  static void apply(String id, TaskChanges changes, CallContext context) {
    if (changes.status() == null && changes.vendorStatus() == null) return;
    VendorResponse read = context.exchange(VendorRequest.get().path(ISSUE).segment(id)
        .query("fields", "status").query("expand", "transitions").build());
    if (!read.isSuccessful()) throw context.failure(read);
    JiraJson.IssueBean issue;
    try {
      issue = JiraJson.ISSUE.fromJson(read.bodySource());
    } catch (IOException | RuntimeException e) {
      issue = null;
    }
    if (issue == null) {
      throw new ActionException(ActionError.builder(ErrorCode.UPSTREAM_ERROR).retryable(true)
          .httpStatus(read.status()).message("Jira's answer about the issue's transitions could not be read").build());
    }
    JiraJson.Status current = issue.fields() == null ? null : issue.fields().status();
    if (reaches(current, changes)) return;
    String transition = null;
    if (issue.transitions() != null) {
      for (JiraJson.Transition t : issue.transitions()) {
        if (t != null && t.id() != null && t.id().matches("\\d{1,19}") && reaches(t.to(), changes)) {
          transition = t.id();
          break;
        }
      }
    }
    if (transition == null) {
      String field = changes.status() != null ? "status" : "vendorStatus";
      String from = current == null || current.name() == null ? "its status" : "'" + current.name() + "'";
      throw ActionException.invalidField(field, "cannot be reached: no transition of the issue's workflow leads from "
          + from + " to " + wanted(changes));
    }
    VendorResponse moved = context.exchange(VendorRequest.post().path(ISSUE).segment(id).path("transitions")
        .json(Json.write(Map.of("transition", Map.of("id", transition)))).build());
    if (!moved.isSuccessful()) throw context.failure(moved);
  }

  /** Whether {@code status} is what the changes ask for: the vendor's name, or the canonical category. */
  private static boolean reaches(JiraJson.Status status, TaskChanges changes) {
    if (status == null) return false;
    if (changes.vendorStatus() != null) {
      return status.name() != null && status.name().equalsIgnoreCase(changes.vendorStatus());
    }
    return JiraJson.status(status) == changes.status();
  }

  private static String wanted(TaskChanges changes) {
    if (changes.vendorStatus() != null) return "'" + changes.vendorStatus() + "'";
    return "a status in the category " + categoryName(changes.status());
  }

  /** The status category's name, as JQL's {@code statusCategory} takes it. */
  static String categoryName(TaskStatus status) {
    return switch (status) {
      case OPEN -> "To Do";
      case IN_PROGRESS -> "In Progress";
      case DONE -> "Done";
    };
  }
}
