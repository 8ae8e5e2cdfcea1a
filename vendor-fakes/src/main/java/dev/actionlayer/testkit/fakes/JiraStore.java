package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** FakeJira's issues and projects. Not thread-safe: FakeJira calls it under its lock. */
final class JiraStore {

  /** An issue as stored: the public view, the ADF as sent, and when label searches may see it. */
  record Stored(FakeJira.Issue issue, Object description, String issueType, long visibleAfterSearch) {}

  /** A project: its key, id and display name. */
  record Project(String key, String id, String name) {}

  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final Map<String, Stored> issuesById = new LinkedHashMap<>();
  private final Map<String, Integer> nextNumberByProject = new LinkedHashMap<>();
  private boolean anyProject = true;
  private long nextIssueId = 10000;
  private long nextProjectId = 10000;
  private long searches;
  private int searchLag;
  private int creates;

  void restrictProjects(List<String> keys) {
    projects.clear();
    nextProjectId = 10000;
    for (String key : keys) {
      project(key);
    }
    anyProject = false;
  }

  void searchLag(int lag) {
    this.searchLag = lag;
  }

  /** Resolves the create body's {@code project} object ({@code key} or {@code id}), or null. */
  String resolveProject(Map<?, ?> ref) {
    if (ref.get("key") instanceof String key && !key.isBlank()) {
      String upper = key.toUpperCase(Locale.ROOT);
      if (projects.containsKey(upper)) {
        return upper;
      }
      return anyProject ? project(upper).key() : null;
    }
    Object id = ref.get("id");
    for (Project project : projects.values()) {
      if (project.id().equals(String.valueOf(id))) {
        return project.key();
      }
    }
    return null;
  }

  private Project project(String key) {
    return projects.computeIfAbsent(key,
        k -> new Project(k, String.valueOf(nextProjectId++), k + " project"));
  }

  Project projectOf(String key) {
    return projects.get(key);
  }

  Stored create(JiraCreate.Draft draft) {
    String id = String.valueOf(nextIssueId++);
    int number = nextNumberByProject.merge(draft.projectKey(), 1, Integer::sum);
    FakeJira.Issue issue = new FakeJira.Issue(id, draft.projectKey() + "-" + number,
        draft.projectKey(), draft.summary(), Adf.text(draft.description()), draft.labels());
    Stored stored = new Stored(issue, draft.description(), draft.issueType(), searches + searchLag);
    issuesById.put(id, stored);
    creates++;
    return stored;
  }

  /** Applies an edit's fields (Jira names; null clears) to {@code stored}; returns the new state. */
  @SuppressWarnings("unchecked")
  Stored edit(Stored stored, Map<String, Object> fields) {
    FakeJira.Issue i = stored.issue();
    Object description = fields.containsKey("description") ? fields.get("description") : stored.description();
    FakeJira.Issue edited = new FakeJira.Issue(i.id(), i.key(), i.project(),
        fields.containsKey("summary") ? (String) fields.get("summary") : i.summary(),
        description == null ? null : Adf.text(description),
        fields.containsKey("labels") ? (List<String>) fields.get("labels") : i.labels(),
        i.status(),
        fields.containsKey("assignee") ? (String) fields.get("assignee") : i.assignee(),
        fields.containsKey("duedate") ? (String) fields.get("duedate") : i.dueDate());
    return replace(stored, new Stored(edited, description, stored.issueType(), stored.visibleAfterSearch()));
  }

  /** Moves {@code stored} to {@code status}; returns the new state. */
  Stored transition(Stored stored, JiraWorkflow.Status status) {
    FakeJira.Issue i = stored.issue();
    FakeJira.Issue moved = new FakeJira.Issue(i.id(), i.key(), i.project(), i.summary(), i.descriptionText(),
        i.labels(), status.name(), i.assignee(), i.dueDate());
    return replace(stored, new Stored(moved, stored.description(), stored.issueType(), stored.visibleAfterSearch()));
  }

  private Stored replace(Stored old, Stored now) {
    issuesById.put(old.issue().id(), now);
    return now;
  }

  /** Finds by id, or by key ignoring case as Jira does. */
  Stored find(String idOrKey) {
    Stored byId = issuesById.get(idOrKey);
    if (byId != null) {
      return byId;
    }
    for (Stored stored : issuesById.values()) {
      if (stored.issue().key().equalsIgnoreCase(idOrKey)) {
        return stored;
      }
    }
    return null;
  }

  boolean delete(String idOrKey) {
    Stored stored = find(idOrKey);
    return stored != null && issuesById.remove(stored.issue().id()) != null;
  }

  /**
   * Runs one search, in the query's order. A lookup by label (the dedupe label a create may
   * carry) is counted, and sees an issue only once the configured lag of such searches has passed:
   * Jira's search is eventually consistent, and that lookup is what must cope with it.
   */
  List<Stored> search(JiraJql.Query query) {
    boolean byLabel = query.label() != null;
    if (byLabel) searches++;
    List<Stored> found = new ArrayList<>();
    for (Stored stored : issuesById.values()) {
      if ((!byLabel || searches > stored.visibleAfterSearch()) && query.matches(stored, this)) {
        found.add(stored);
      }
    }
    found.sort(query.comparator());
    return found;
  }

  List<FakeJira.Issue> issues() {
    return issuesById.values().stream().map(Stored::issue).toList();
  }

  int createCount() {
    return creates;
  }

  void clear() {
    issuesById.clear();
    nextNumberByProject.clear();
    nextIssueId = 10000;
    searches = 0;
    creates = 0;
    if (anyProject) {
      projects.clear();
      nextProjectId = 10000;
    }
  }
}
