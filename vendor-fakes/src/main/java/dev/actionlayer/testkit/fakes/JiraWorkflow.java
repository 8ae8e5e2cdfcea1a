package dev.actionlayer.testkit.fakes;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FakeJira's one workflow, a team-managed project's default: To Do, In Progress, In Review and
 * Done, each reachable from every other by a global transition (Jira's classic ids 11, 21, 41,
 * 31). A status belongs to one of Jira Cloud's three categories ({@code new}, {@code
 * indeterminate}, {@code done}) with their fixed ids, names and colours. Immutable.
 */
final class JiraWorkflow {

  /** A status and its category. */
  record Status(String id, String name, String categoryKey, int categoryId, String categoryName, String color) {}

  /** A transition: its id and name, and the status it leads to. */
  record Transition(String id, String name, Status to) {}

  static final Status TO_DO = new Status("10000", "To Do", "new", 2, "To Do", "blue-gray");
  static final Status IN_PROGRESS = new Status("3", "In Progress", "indeterminate", 4, "In Progress", "yellow");
  static final Status IN_REVIEW = new Status("10001", "In Review", "indeterminate", 4, "In Progress", "yellow");
  static final Status DONE = new Status("10002", "Done", "done", 3, "Done", "green");

  private static final List<Transition> TRANSITIONS = List.of(
      new Transition("11", "To Do", TO_DO),
      new Transition("21", "In Progress", IN_PROGRESS),
      new Transition("41", "In Review", IN_REVIEW),
      new Transition("31", "Done", DONE));

  private JiraWorkflow() {}

  /** The status named {@code name} (any case), or null. */
  static Status status(String name) {
    for (Transition t : TRANSITIONS) {
      if (t.to().name().equalsIgnoreCase(name)) return t.to();
    }
    return null;
  }

  /** The transitions open from {@code current}: every one but the one to itself. */
  static List<Transition> from(String current) {
    List<Transition> open = new ArrayList<>();
    for (Transition t : TRANSITIONS) {
      if (!t.to().name().equalsIgnoreCase(current)) open.add(t);
    }
    return open;
  }

  /** Whether {@code status} is in the category a JQL value names: its name, key or id. */
  static boolean inCategory(Status status, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.equals(status.categoryName().toLowerCase(Locale.ROOT)) || v.equals(status.categoryKey())
        || v.equals(String.valueOf(status.categoryId()));
  }

  /** {@code StatusDetails} as Jira renders it in an issue's fields and a transition's {@code to}. */
  static Map<String, Object> json(URI base, Status s) {
    return Json.object("name", s.name(), "id", s.id(),
        "self", base + "/rest/api/3/status/" + s.id(),
        "description", "",
        "iconUrl", base + "/images/icons/statuses/generic.png",
        "statusCategory", Json.object("self", base + "/rest/api/3/statuscategory/" + s.categoryId(),
            "id", s.categoryId(), "key", s.categoryKey(), "colorName", s.color(), "name", s.categoryName()));
  }

  /** {@code IssueTransition}s open from {@code current}, as {@code GET .../transitions} lists them. */
  static List<Object> transitionsJson(URI base, String current) {
    List<Object> out = new ArrayList<>();
    for (Transition t : from(current)) {
      out.add(Json.object("id", t.id(), "name", t.name(), "to", json(base, t.to()), "hasScreen", false,
          "isGlobal", true, "isInitial", false, "isAvailable", true, "isConditional", false, "isLooped", false));
    }
    return out;
  }
}
