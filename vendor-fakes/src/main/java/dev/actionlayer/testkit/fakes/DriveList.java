package dev.actionlayer.testkit.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/**
 * FakeDrive's {@code files.list}: the files {@link DriveQuery} selects, in creation order, at most
 * {@code pageSize} (default 100, Drive's bounds 1 to 1000) a page, with a {@code nextPageToken}
 * while more match; a {@code pageToken} continues only the {@code q} it was issued for. Drive's
 * partial-response {@code fields} syntax ({@code nextPageToken,files(id,name)}) applies. The root
 * folder is never listed, as in Drive.
 */
final class DriveList {
  static final int DEFAULT_PAGE_SIZE = 100;
  static final int MAX_PAGE_SIZE = 1000;
  private static final Set<String> SPACES = Set.of("drive", "appDataFolder", "photos");
  private static final List<String> LIST_MEMBERS = List.of("kind", "nextPageToken", "incompleteSearch", "files");
  /** What Drive v3 answers when no {@code fields} is given. */
  private static final Selection DEFAULT = new Selection(List.of("kind", "nextPageToken", "incompleteSearch", "files"),
      DriveFields.DEFAULT);

  /** The list members to answer and, for {@code files}, the File members. */
  private record Selection(List<String> members, List<String> fileFields) {}

  private DriveList() {}

  static MockResponse answer(DriveStore store, HttpUrl url) {
    String spaces = url.queryParameter("spaces");
    List<String> spaceList = spaces == null ? List.of("drive") : List.of(spaces.split(",", -1));
    for (String space : spaceList) {
      if (!SPACES.contains(space.strip())) return DriveResponses.error(400, "invalid", "Invalid Value", "spaces");
    }
    DriveQuery query = DriveQuery.parse(url.queryParameter("q"));
    // Drive's answer to a q it cannot use, as captured in google-api-php-client#869 (the fact
    // sheet has no sample of it).
    if (query == null) return DriveResponses.error(400, "invalid", "Invalid Value", "q");
    String fields = url.queryParameter("fields");
    Selection selection = fields == null || fields.isBlank() ? DEFAULT : select(fields);
    if (selection == null) {
      return DriveResponses.error(400, "invalidParameter", "Invalid field selection " + fields, "fields");
    }
    String unknown = DriveFields.unknown(String.join(",", selection.fileFields()));
    if (unknown != null) {
      return DriveResponses.error(400, "invalidParameter", "Invalid field selection " + unknown, "fields");
    }
    int pageSize = DEFAULT_PAGE_SIZE;
    String size = url.queryParameter("pageSize");
    if (size != null) {
      pageSize = size.matches("\\d{1,9}") ? Integer.parseInt(size) : 0;
      if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        return DriveResponses.error(400, "invalid", "Invalid value '" + size.replaceAll("[^0-9A-Za-z-]", "")
            + "'. Values must be within the range: [1, " + MAX_PAGE_SIZE + "]", "pageSize");
      }
    }
    String q = url.queryParameter("q") == null ? "" : url.queryParameter("q");
    int offset = 0;
    String token = url.queryParameter("pageToken");
    if (token != null && !token.isEmpty()) {
      DriveStore.PageState page = store.page(token);
      // Unverified wording; a token is only valid for the query that produced it.
      if (page == null || !page.q().equals(q)) return DriveResponses.error(400, "invalid", "Invalid Value", "pageToken");
      offset = page.offset();
    }
    List<DriveStore.StoredFile> matches = new ArrayList<>();
    // Every stored file lives in My Drive: the other spaces hold none of them.
    if (spaceList.stream().anyMatch(s -> s.strip().equals("drive"))) {
      for (DriveStore.StoredFile file : store.all()) {
        if (query.matches(file)) matches.add(file);
      }
    }
    List<Map<String, Object>> files = new ArrayList<>();
    int end = Math.min(matches.size(), offset + pageSize);
    for (int i = offset; i < end; i++) files.add(DriveResponses.members(matches.get(i), selection.fileFields()));
    String nextPageToken = end < matches.size() ? store.pageToken(q, end) : null;
    Map<String, Object> body = Json.object();
    for (String member : selection.members()) {
      switch (member) {
        case "kind" -> body.put("kind", "drive#fileList");
        case "incompleteSearch" -> body.put("incompleteSearch", false);
        case "files" -> body.put("files", files);
        default -> { // nextPageToken: only while more match, as Drive does
          if (nextPageToken != null) body.put("nextPageToken", nextPageToken);
        }
      }
    }
    return DriveResponses.json(200, DriveResponses.pretty(body));
  }

  /**
   * Parses a top-level comma list of list members, where {@code files} may carry a parenthesized
   * File selection; null when a name is unknown or the parentheses do not balance.
   */
  private static Selection select(String fields) {
    List<String> members = new ArrayList<>();
    List<String> fileFields = List.of();
    for (String raw : topLevel(fields)) {
      String item = raw.strip();
      if (item.equals("*")) return new Selection(LIST_MEMBERS, DriveFields.KNOWN);
      String name = item;
      List<String> inner = null;
      int open = item.indexOf('(');
      if (open >= 0) {
        if (!item.endsWith(")")) return null;
        name = item.substring(0, open).strip();
        inner = DriveFields.select(item.substring(open + 1, item.length() - 1));
      }
      if (!LIST_MEMBERS.contains(name) || (inner != null && !name.equals("files"))) return null;
      if (name.equals("files")) fileFields = inner != null ? inner : DriveFields.KNOWN;
      if (!members.contains(name)) members.add(name);
    }
    return members.isEmpty() ? null : new Selection(members, fileFields);
  }

  /** Splits at commas outside parentheses; an empty list when the parentheses do not balance. */
  private static List<String> topLevel(String fields) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < fields.length(); i++) {
      char c = fields.charAt(i);
      if (c == '(') depth++;
      if (c == ')' && --depth < 0) return List.of();
      if (c == ',' && depth == 0) {
        items.add(fields.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0) return List.of();
    items.add(fields.substring(start));
    return items;
  }
}
