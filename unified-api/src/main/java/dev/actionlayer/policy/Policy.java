package dev.actionlayer.policy;

import dev.actionlayer.internal.policy.Operations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may do what, as data: per principal (an agent, a user — the name a layer view acts for,
 * {@code ActionLayer.forPrincipal}), the operations it may call on which connections, constraints
 * on their arguments, quotas, and which calls wait for a person's approval. Set it with
 * {@code ActionLayer.Builder#policy}: from then on, whatever the policy does not allow is denied
 * ({@code PERMISSION_DENIED}, nothing sent); a layer without a policy allows everything.
 * Immutable and thread-safe.
 *
 * <p>The JSON form (version 1; every key shown, unknown keys are errors):
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "principals": {
 *     "triage-bot": {
 *       "allow": [
 *         {"id": "jira-work", "operations": ["tasks.create", "tasks.get"], "connections": ["jira"],
 *          "where": {"project": ["PROJ", "OPS"]}},
 *         {"id": "jira-delete", "operations": ["tasks.delete"], "connections": ["jira"],
 *          "approval": "required"}
 *       ],
 *       "quotas": [{"id": "creates-per-hour", "operations": ["*.create"], "limit": 50, "per": "PT1H"}]
 *     }
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Operations are {@code <resource>.<verb>} ({@code tasks.create}, {@code folders.delete});
 *       patterns {@code tasks.*}, {@code *.delete} and {@code *}. A pattern that names no known
 *       operation is an error.
 *   <li>Connections are the names given to {@code ActionLayer.Builder#connection}, or {@code *}; a
 *       name the layer does not have fails {@code ActionLayer.Builder#build()}.
 *   <li>{@code where} limits argument fields (the canonical names: {@code project},
 *       {@code title}, {@code parentId}, {@code email}, … and a get's or delete's {@code id}) to the
 *       listed values. A field applies to the rule's operations that carry it; a call that omits
 *       it is not allowed by the rule.
 *   <li>{@code approval}: {@code "required"} (the layer asks its {@link Approver}) or
 *       {@code "none"} (the default).
 *   <li>Quotas count the principal's calls of the matching operations (on the matching
 *       {@code connections}, default all) with {@code limit} per {@code per} (an ISO-8601 duration),
 *       refilled whole each period; an exhausted quota is {@code QUOTA_EXHAUSTED} with nothing sent.
 *   <li>A rule or quota without {@code id} is named by its location, e.g.
 *       {@code principals.triage-bot.allow[1]}.
 * </ul>
 *
 * <p>Errors are {@link IllegalArgumentException}s naming the location
 * ({@code principals.triage-bot.allow[1].operations[0]}) and what is allowed there; they never
 * repeat a value from the document.
 *
 * <p>The same policy in Java:
 *
 * <pre>{@code
 * Policy policy = Policy.builder()
 *     .allow("triage-bot", new Policy.Rule("jira-work", List.of("tasks.create", "tasks.get"),
 *         List.of("jira"), Map.of("project", List.of("PROJ", "OPS")), false))
 *     .allow("triage-bot", new Policy.Rule("jira-delete", List.of("tasks.delete"), List.of("jira"),
 *         Map.of(), true))
 *     .quota("triage-bot", new Policy.Quota("creates-per-hour", List.of("*.create"), List.of("*"),
 *         50, Duration.ofHours(1)))
 *     .build();
 * }</pre>
 */
public final class Policy {
  /** The document version this library reads. */
  public static final int VERSION = 1;

  static final String NAME = "[A-Za-z0-9_.@:-]{1,64}";
  static final String CONNECTION = "[A-Za-z0-9_-]{1,64}";
  /** The name of a rule or quota without an id. */
  private static final String LOCATION = "principals\\." + NAME + "\\.(allow|quotas)\\[[0-9]{1,9}\\]";

  private final Map<String, List<Rule>> rules;
  private final Map<String, List<Quota>> quotas;

  private Policy(Map<String, List<Rule>> rules, Map<String, List<Quota>> quotas) {
    this.rules = rules;
    this.quotas = quotas;
  }

  /**
   * Reads a policy document.
   *
   * @throws IllegalArgumentException naming the location of the first problem and what is allowed
   */
  public static Policy parse(String json) {
    Objects.requireNonNull(json, "json == null");
    return PolicyReader.read(json);
  }

  /**
   * Reads the policy document in {@code file} (UTF-8).
   *
   * @throws IllegalArgumentException naming the file, the location of the first problem and what
   *     is allowed
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Policy load(Path file) {
    Objects.requireNonNull(file, "file == null");
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the policy file " + file, e);
    }
    try {
      return PolicyReader.read(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** A builder for a policy written in Java. */
  public static Builder builder() {
    return new Builder();
  }

  /** The document version: {@value #VERSION}. */
  public int version() {
    return VERSION;
  }

  /** The principals the policy names, in document order. */
  public Set<String> principals() {
    Set<String> all = new LinkedHashSet<>(rules.keySet());
    all.addAll(quotas.keySet());
    return Collections.unmodifiableSet(all);
  }

  /** {@code principal}'s allow rules in order; empty for a principal the policy does not name. */
  public List<Rule> rules(String principal) {
    return rules.getOrDefault(principal, List.of());
  }

  /** {@code principal}'s quotas in order; empty for a principal the policy does not name. */
  public List<Quota> quotas(String principal) {
    return quotas.getOrDefault(principal, List.of());
  }

  /** Whether some rule requires approval (a layer with this policy then needs an {@link Approver}). */
  public boolean requiresApproval() {
    return rules.values().stream().flatMap(List::stream).anyMatch(Rule::approvalRequired);
  }

  @Override
  public String toString() {
    return "Policy{version=" + VERSION + ", principals=" + principals() + "}";
  }

  /**
   * One allow rule: {@code operations} on {@code connections}, where each named argument field is
   * one of its listed values, optionally only with a person's approval.
   *
   * @param id the rule's name in errors and audit events (1..64 letters, digits, {@code _ . @ : -});
   *     null on construction means "named by its location" (filled in by the policy)
   * @param operations operation patterns, at least one; each must match a known operation
   * @param connections connection names or {@code *}, at least one
   * @param where argument field → allowed values; each field must be carried by one of the
   *     rule's operations; may be empty
   * @param approvalRequired whether each call this rule allows waits for an {@link Approver}
   */
  public record Rule(String id, List<String> operations, List<String> connections,
      Map<String, List<String>> where, boolean approvalRequired) {
    /** @throws IllegalArgumentException naming the component (and index) at fault */
    public Rule {
      requireId(id);
      operations = requireOperations(operations);
      connections = requireConnections(connections);
      Objects.requireNonNull(where, "where == null");
      Map<String, List<String>> copy = new LinkedHashMap<>();
      Set<String> fields = new LinkedHashSet<>();
      for (String op : operations) for (String o : Operations.matching(op)) fields.addAll(Operations.fields(o));
      int n = 0;
      for (Map.Entry<String, List<String>> e : where.entrySet()) {
        String field = Objects.requireNonNull(e.getKey(), "where key == null");
        if (!fields.contains(field)) {
          throw new IllegalArgumentException("where: the " + ordinal(n) + " field is not an argument of the"
              + " rule's operations; their fields: " + fields);
        }
        List<String> values = e.getValue();
        if (values == null || values.isEmpty()) {
          throw new IllegalArgumentException("where." + field + ": must list at least one allowed value");
        }
        for (int i = 0; i < values.size(); i++) {
          String v = values.get(i);
          if (v == null || v.isEmpty() || v.length() > 1024) {
            throw new IllegalArgumentException("where." + field + "[" + i + "]: must be a string of 1..1024 characters");
          }
        }
        copy.put(field, List.copyOf(values));
        n++;
      }
      where = Collections.unmodifiableMap(copy);
    }

    /** Whether this rule speaks of {@code operation} on {@code connection} (its {@code where} aside). */
    public boolean covers(String operation, String connection) {
      return operations.stream().anyMatch(p -> Operations.matches(p, operation))
          && (connections.contains("*") || connections.contains(connection));
    }

    Rule named(String name) {
      return id != null ? this : new Rule(name, operations, connections, where, approvalRequired);
    }
  }

  /**
   * A quota: at most {@code limit} calls of {@code operations} on {@code connections} per
   * {@code per}, per principal, refilled whole each period.
   *
   * @param id the quota's name in errors and audit events; null on construction means "named by
   *     its location"
   * @param operations operation patterns, at least one
   * @param connections connection names or {@code *}, at least one
   * @param limit 1..1,000,000,000 calls
   * @param per 1 second .. 366 days
   */
  public record Quota(String id, List<String> operations, List<String> connections, long limit, Duration per) {
    /** @throws IllegalArgumentException naming the component at fault */
    public Quota {
      requireId(id);
      operations = requireOperations(operations);
      connections = requireConnections(connections);
      if (limit < 1 || limit > 1_000_000_000L) {
        throw new IllegalArgumentException("limit: must be a whole number from 1 to 1000000000");
      }
      Objects.requireNonNull(per, "per == null");
      if (per.compareTo(Duration.ofSeconds(1)) < 0 || per.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException("per: must be an ISO-8601 duration from PT1S to P366D");
      }
    }

    /** Whether this quota counts {@code operation} on {@code connection}. */
    public boolean covers(String operation, String connection) {
      return operations.stream().anyMatch(p -> Operations.matches(p, operation))
          && (connections.contains("*") || connections.contains(connection));
    }

    Quota named(String name) {
      return id != null ? this : new Quota(name, operations, connections, limit, per);
    }
  }

  private static void requireId(String id) {
    if (id != null && !id.matches(NAME) && !id.matches(LOCATION)) {
      throw new IllegalArgumentException("id: must be 1..64 letters, digits, '_', '.', '@', ':' or '-'");
    }
  }

  private static List<String> requireOperations(List<String> operations) {
    Objects.requireNonNull(operations, "operations == null");
    if (operations.isEmpty()) throw new IllegalArgumentException("operations: must list at least one operation");
    for (int i = 0; i < operations.size(); i++) {
      String p = operations.get(i);
      if (p == null || !Operations.isPattern(p) || Operations.matching(p).isEmpty()) {
        throw new IllegalArgumentException("operations[" + i + "]: not a known operation or pattern; use"
            + " <resource>.<verb>, <resource>.*, *.<verb> or *, where resources are "
            + resources() + " and verbs " + Operations.verbs());
      }
    }
    return List.copyOf(operations);
  }

  private static List<String> requireConnections(List<String> connections) {
    Objects.requireNonNull(connections, "connections == null");
    if (connections.isEmpty()) {
      throw new IllegalArgumentException("connections: must list at least one connection name or \"*\"");
    }
    for (int i = 0; i < connections.size(); i++) {
      String c = connections.get(i);
      if (c == null || !(c.equals("*") || c.matches(CONNECTION))) {
        throw new IllegalArgumentException("connections[" + i + "]: must be a connection name (1..64"
            + " letters, digits, '_' or '-') or \"*\"");
      }
    }
    return List.copyOf(connections);
  }

  private static List<String> resources() {
    return Operations.all().stream().map(o -> o.substring(0, o.indexOf('.'))).distinct().toList();
  }

  static String ordinal(int index) {
    int n = index + 1;
    String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th"
        : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return n + suffix;
  }

  static Policy of(Map<String, List<Rule>> rules, Map<String, List<Quota>> quotas) {
    Map<String, List<Rule>> r = new LinkedHashMap<>();
    rules.forEach((principal, list) -> {
      List<Rule> named = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) named.add(list.get(i).named("principals." + principal + ".allow[" + i + "]"));
      r.put(principal, List.copyOf(named));
    });
    Map<String, List<Quota>> q = new LinkedHashMap<>();
    quotas.forEach((principal, list) -> {
      List<Quota> named = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) named.add(list.get(i).named("principals." + principal + ".quotas[" + i + "]"));
      q.put(principal, List.copyOf(named));
    });
    requireDistinctIds(r, q);
    return new Policy(Collections.unmodifiableMap(r), Collections.unmodifiableMap(q));
  }

  private static void requireDistinctIds(Map<String, List<Rule>> rules, Map<String, List<Quota>> quotas) {
    Set<String> principals = new LinkedHashSet<>(rules.keySet());
    principals.addAll(quotas.keySet());
    for (String p : principals) {
      Set<String> seen = new LinkedHashSet<>();
      List<Rule> rs = rules.getOrDefault(p, List.of());
      for (int i = 0; i < rs.size(); i++) {
        if (!seen.add(rs.get(i).id())) {
          throw new IllegalArgumentException("principals." + p + ".allow[" + i + "].id: already names another"
              + " rule or quota of this principal; ids must be unique per principal");
        }
      }
      List<Quota> qs = quotas.getOrDefault(p, List.of());
      for (int i = 0; i < qs.size(); i++) {
        if (!seen.add(qs.get(i).id())) {
          throw new IllegalArgumentException("principals." + p + ".quotas[" + i + "].id: already names another"
              + " rule or quota of this principal; ids must be unique per principal");
        }
      }
    }
  }

  /** Builds a {@link Policy} in Java; each method validates at once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, List<Rule>> rules = new LinkedHashMap<>();
    private final Map<String, List<Quota>> quotas = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds an allow rule for {@code principal}.
     *
     * @throws IllegalArgumentException when {@code principal} is not 1..64 letters, digits,
     *     {@code _ . @ : -}
     */
    public Builder allow(String principal, Rule rule) {
      requirePrincipal(principal);
      rules.computeIfAbsent(principal, p -> new ArrayList<>()).add(Objects.requireNonNull(rule, "rule == null"));
      return this;
    }

    /** Adds a quota for {@code principal}. */
    public Builder quota(String principal, Quota quota) {
      requirePrincipal(principal);
      quotas.computeIfAbsent(principal, p -> new ArrayList<>()).add(Objects.requireNonNull(quota, "quota == null"));
      return this;
    }

    /**
     * Adds {@code principal} with no rules (it may do nothing), so that it is listed in
     * {@link Policy#principals()}.
     */
    public Builder principal(String principal) {
      requirePrincipal(principal);
      rules.computeIfAbsent(principal, p -> new ArrayList<>());
      return this;
    }

    /** @throws IllegalArgumentException when two rules or quotas of one principal share an id */
    public Policy build() {
      return Policy.of(rules, quotas);
    }

    private static void requirePrincipal(String principal) {
      Objects.requireNonNull(principal, "principal == null");
      if (!principal.matches(NAME)) {
        throw new IllegalArgumentException("principal must be 1..64 letters, digits, '_', '.', '@', ':' or '-'");
      }
    }
  }
}
