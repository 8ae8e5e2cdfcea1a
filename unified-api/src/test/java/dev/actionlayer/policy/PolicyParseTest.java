package dev.actionlayer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyParseTest {
  /** A value planted in documents: no error message may repeat it. */
  static final String PLANTED = "sk_live_PLANTED0123456789";

  static final String PLAN_EXAMPLE = """
      {
        "version": 1,
        "principals": {
          "triage-bot": {
            "allow": [
              {"id": "jira-work", "operations": ["tasks.create", "tasks.get"], "connections": ["jira"],
               "where": {"project": ["PROJ", "OPS"]}},
              {"id": "jira-delete", "operations": ["tasks.delete"], "connections": ["jira"],
               "approval": "required"}
            ],
            "quotas": [{"id": "creates-per-hour", "operations": ["*.create"], "limit": 50, "per": "PT1H"}]
          }
        }
      }
      """;

  static IllegalArgumentException error(String json) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Policy.parse(json));
    assertThat(t).isInstanceOf(IllegalArgumentException.class);
    assertThat(t.getMessage()).doesNotContain(PLANTED).doesNotContain("PLANTED");
    return (IllegalArgumentException) t;
  }

  static String principal(String body) {
    return "{\"version\":1,\"principals\":{\"bot\":" + body + "}}";
  }

  static String rule(String body) {
    return principal("{\"allow\":[" + body + "]}");
  }

  @Test
  void readsThePlansExample() {
    Policy p = Policy.parse(PLAN_EXAMPLE);
    assertThat(p.version()).isEqualTo(1);
    assertThat(p.principals()).containsExactly("triage-bot");
    assertThat(p.rules("triage-bot")).extracting(Policy.Rule::id).containsExactly("jira-work", "jira-delete");
    Policy.Rule work = p.rules("triage-bot").get(0);
    assertThat(work.operations()).containsExactly("tasks.create", "tasks.get");
    assertThat(work.connections()).containsExactly("jira");
    assertThat(work.where()).isEqualTo(Map.of("project", List.of("PROJ", "OPS")));
    assertThat(work.approvalRequired()).isFalse();
    assertThat(p.rules("triage-bot").get(1).approvalRequired()).isTrue();
    assertThat(p.requiresApproval()).isTrue();
    Policy.Quota q = p.quotas("triage-bot").get(0);
    assertThat(q).isEqualTo(new Policy.Quota("creates-per-hour", List.of("*.create"), List.of("*"), 50, Duration.ofHours(1)));
    assertThat(p.rules("nobody")).isEmpty();
  }

  @Test
  void aRuleWithoutIdIsNamedByItsLocation() {
    Policy p = Policy.parse(rule("{\"operations\":[\"*\"],\"connections\":[\"*\"]},"
        + "{\"operations\":[\"tasks.*\"],\"connections\":[\"a\"]}"));
    assertThat(p.rules("bot")).extracting(Policy.Rule::id)
        .containsExactly("principals.bot.allow[0]", "principals.bot.allow[1]");
  }

  @Test
  void patternsMatchOperations() {
    Policy.Rule r = Policy.parse(rule("{\"operations\":[\"*.delete\",\"folders.*\"],\"connections\":[\"a\",\"b\"]}"))
        .rules("bot").get(0);
    assertThat(r.covers("tasks.delete", "a")).isTrue();
    assertThat(r.covers("folders.create", "b")).isTrue();
    assertThat(r.covers("tasks.create", "a")).isFalse();
    assertThat(r.covers("tasks.delete", "c")).isFalse();
  }

  @Test
  void versionIsRequiredAndMustBeOne() {
    assertThat(error("{\"principals\":{}}")).hasMessage("version: is required; supported: 1");
    assertThat(error("{\"version\":2,\"principals\":{}}")).hasMessage("version: unsupported; supported: 1");
    assertThat(error("{\"version\":1.0,\"principals\":{}}")).hasMessage("version: unsupported; supported: 1");
    assertThat(error("{\"version\":\"" + PLANTED + "\",\"principals\":{}}"))
        .hasMessage("version: unsupported; supported: 1");
  }

  @Test
  void unknownKeysAreErrorsAtTheirLocationWithoutRepeatingTheKey() {
    assertThat(error("{\"version\":1,\"principals\":{},\"" + PLANTED + "\":1}"))
        .hasMessage("policy: the 3rd key is not allowed here; allowed keys: [principals, version]");
    assertThat(error(principal("{\"allow\":[],\"" + PLANTED + "\":[]}")))
        .hasMessage("principals.bot: the 2nd key is not allowed here; allowed keys: [allow, quotas]");
    assertThat(error(rule("{\"operations\":[\"*\"],\"connections\":[\"*\"],\"conections\":[]}")))
        .hasMessage("principals.bot.allow[0]: the 3rd key is not allowed here;"
            + " allowed keys: [approval, connections, id, operations, where]");
    assertThat(error(principal("{\"quotas\":[{\"operations\":[\"*\"],\"limit\":1,\"per\":\"PT1M\",\"every\":1}]}")))
        .hasMessage("principals.bot.quotas[0]: the 4th key is not allowed here;"
            + " allowed keys: [connections, id, limit, operations, per]");
  }

  @Test
  void unknownOperationsAndPatternsThatMatchNothingAreErrors() {
    String allowed = "not a known operation or pattern; use <resource>.<verb>, <resource>.*, *.<verb> or *,"
        + " where resources are [tasks, contacts, folders] and verbs [create, get, update, delete, list]";
    assertThat(error(rule("{\"operations\":[\"tasks.get\",\"tasks.archive\"],\"connections\":[\"*\"]}")))
        .hasMessage("principals.bot.allow[0].operations[1]: " + allowed);
    assertThat(error(rule("{\"operations\":[\"" + PLANTED + "\"],\"connections\":[\"*\"]}")))
        .hasMessage("principals.bot.allow[0].operations[0]: " + allowed);
    assertThat(error(rule("{\"operations\":[\"issues.*\"],\"connections\":[\"*\"]}")))
        .hasMessage("principals.bot.allow[0].operations[0]: " + allowed);
    assertThat(error(rule("{\"operations\":[\"tasks.create.x\"],\"connections\":[\"*\"]}")))
        .hasMessage("principals.bot.allow[0].operations[0]: " + allowed);
    assertThat(error(rule("{\"operations\":[],\"connections\":[\"*\"]}")))
        .hasMessage("principals.bot.allow[0].operations: must list at least one operation");
    assertThat(error(rule("{\"connections\":[\"*\"]}")))
        .hasMessage("principals.bot.allow[0].operations: is required");
    assertThat(error(principal("{\"quotas\":[{\"operations\":[\"tasks.search\"],\"limit\":1,\"per\":\"PT1M\"}]}")))
        .hasMessage("principals.bot.quotas[0].operations[0]: " + allowed);
  }

  @Test
  void connectionsMustBeNamesOrStar() {
    assertThat(error(rule("{\"operations\":[\"*\"],\"connections\":[\"jira\",\"" + PLANTED + "/x\"]}")))
        .hasMessage("principals.bot.allow[0].connections[1]: must be a connection name (1..64 letters,"
            + " digits, '_' or '-') or \"*\"");
    assertThat(error(rule("{\"operations\":[\"*\"],\"connections\":[]}")))
        .hasMessage("principals.bot.allow[0].connections: must list at least one connection name or \"*\"");
    assertThat(error(rule("{\"operations\":[\"*\"],\"connections\":\"jira\"}")))
        .hasMessage("principals.bot.allow[0].connections: must be an array of strings");
    assertThat(error(rule("{\"operations\":[\"*\"],\"connections\":[7]}")))
        .hasMessage("principals.bot.allow[0].connections[0]: must be a string");
  }

  @Test
  void whereNamesArgumentFieldsOfTheRulesOperations() {
    Policy.Rule r = Policy.parse(rule("{\"operations\":[\"folders.create\",\"folders.delete\"],"
        + "\"connections\":[\"*\"],\"where\":{\"parentId\":[\"root1\"],\"id\":[\"f1\",\"f2\"]}}")).rules("bot").get(0);
    assertThat(r.where()).containsEntry("parentId", List.of("root1")).containsEntry("id", List.of("f1", "f2"));
    assertThat(error(rule("{\"operations\":[\"tasks.create\"],\"connections\":[\"*\"],\"where\":{\"parentId\":[\"x\"]}}")))
        .hasMessage("principals.bot.allow[0].where: the 1st field is not an argument of the rule's operations;"
            + " their fields: [project, title, description]");
    assertThat(error(rule("{\"operations\":[\"tasks.create\"],\"connections\":[\"*\"],\"where\":{\"project\":[]}}")))
        .hasMessage("principals.bot.allow[0].where.project: must list at least one allowed value");
    assertThat(error(rule("{\"operations\":[\"tasks.create\"],\"connections\":[\"*\"],\"where\":{\"project\":[\"A\",\"\"]}}")))
        .hasMessage("principals.bot.allow[0].where.project[1]: must be a string of 1..1024 characters");
    assertThat(error(rule("{\"operations\":[\"tasks.create\"],\"connections\":[\"*\"],\"where\":{\"project\":\"" + PLANTED + "\"}}")))
        .hasMessage("principals.bot.allow[0].where.project: must be an array of strings");
  }

  @Test
  void approvalIsRequiredOrNone() {
    assertThat(Policy.parse(rule("{\"operations\":[\"*\"],\"connections\":[\"*\"],\"approval\":\"none\"}"))
        .requiresApproval()).isFalse();
    assertThat(error(rule("{\"operations\":[\"*\"],\"connections\":[\"*\"],\"approval\":\"" + PLANTED + "\"}")))
        .hasMessage("principals.bot.allow[0].approval: must be \"required\" or \"none\"");
    assertThat(error(rule("{\"operations\":[\"*\"],\"connections\":[\"*\"],\"approval\":true}")))
        .hasMessage("principals.bot.allow[0].approval: must be \"required\" or \"none\"");
  }

  @Test
  void quotasNeedAWholeLimitAndAnIsoDuration() {
    String q = "{\"quotas\":[{\"operations\":[\"*\"],%s}]}";
    assertThat(error(principal(q.formatted("\"limit\":0,\"per\":\"PT1H\""))))
        .hasMessage("principals.bot.quotas[0].limit: must be a whole number from 1 to 1000000000");
    assertThat(error(principal(q.formatted("\"limit\":2.5,\"per\":\"PT1H\""))))
        .hasMessage("principals.bot.quotas[0].limit: must be a whole number from 1 to 1000000000");
    assertThat(error(principal(q.formatted("\"per\":\"PT1H\""))))
        .hasMessage("principals.bot.quotas[0].limit: is required");
    assertThat(error(principal(q.formatted("\"limit\":5,\"per\":\"" + PLANTED + "\""))))
        .hasMessage("principals.bot.quotas[0].per: must be an ISO-8601 duration such as PT1M, PT1H or P1D");
    assertThat(error(principal(q.formatted("\"limit\":5,\"per\":\"PT0.5S\""))))
        .hasMessage("principals.bot.quotas[0].per: must be an ISO-8601 duration from PT1S to P366D");
  }

  @Test
  void idsAreNamesAndUniquePerPrincipal() {
    assertThat(error(rule("{\"id\":\"" + PLANTED + " x\",\"operations\":[\"*\"],\"connections\":[\"*\"]}")))
        .hasMessage("principals.bot.allow[0].id: must be 1..64 letters, digits, '_', '.', '@', ':' or '-'");
    assertThat(error(principal("{\"allow\":[{\"id\":\"r\",\"operations\":[\"*\"],\"connections\":[\"*\"]}],"
        + "\"quotas\":[{\"id\":\"r\",\"operations\":[\"*\"],\"limit\":1,\"per\":\"PT1M\"}]}")))
        .hasMessage("principals.bot.quotas[0].id: already names another rule or quota of this principal;"
            + " ids must be unique per principal");
  }

  /** Found by fuzzing (docs/fuzzing.md): a key with a line break came back in Moshi's words. */
  @Test
  void malformedJsonAfterAKeyWithALineBreakRepeatsNeitherTheKeyNorTheLineBreak() {
    IllegalArgumentException e = error("{\"version\":1,\"principals\":{\"bot\":{\"allow\":[{\"" + PLANTED
        + "\n{\"id\": 1}]}}}");

    assertThat(e.getMessage()).startsWith("policy: not valid JSON at $.principals.bot.allow[0].?")
        .doesNotContain("\n");
    // Moshi's reason can quote a character of the document: a carriage return after a backslash.
    assertThat(error("{\"version\":1,\"principals\":{\"a\\\r\": 1}}").getMessage())
        .doesNotContain("\r").contains("Invalid escape sequence: \\?");
    // A key holding '[' looked like an index to the path's reader.
    assertThat(error("{\"version\":1,\"principals\":{\"x[" + PLANTED + "\n{\"id\": 1}}}").getMessage())
        .isEqualTo("policy: not valid JSON at $.principals.x? (Expected ':')").doesNotContain("\n");
  }

  @Test
  void principalNamesAreChecked() {
    assertThat(error("{\"version\":1,\"principals\":{\"ok\":{},\"" + PLANTED + " !\":{}}}"))
        .hasMessage("principals: the 2nd principal's name must be 1..64 letters, digits, '_', '.', '@', ':' or '-'");
    assertThat(error("{\"version\":1,\"principals\":{\"bot\":[]}}"))
        .hasMessage("principals.bot: must be an object with \"allow\" and \"quotas\"");
  }

  @Test
  void malformedJsonAndDuplicateKeysAreErrorsWithoutTheText() {
    assertThat(error("{\"version\":1,\"principals\":{\"bot\":{\"allow\":[{\"operations\":[\"" + PLANTED))
        .hasMessageStartingWith("policy: not valid JSON at $.principals.bot.allow[0].operations[0]");
    assertThat(error("{\"version\":1,\"version\":1,\"principals\":{}}"))
        .hasMessage("policy: the 2nd key of an object at $.version repeats an earlier key; each key may appear once");
    assertThat(error("[]")).hasMessage("policy: must be an object with \"version\" and \"principals\"");
    assertThat(error("{\"version\":1,\"principals\":{}} {}"))
        .hasMessageStartingWith("policy: not valid JSON at $");
    assertThat(error("{\"version\":1}")).hasMessageStartingWith("principals: is required");
  }

  @Test
  void loadNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("policy.json");
    Files.writeString(file, PLAN_EXAMPLE);
    assertThat(Policy.load(file).principals()).containsExactly("triage-bot");
    Files.writeString(file, "{\"version\":3,\"principals\":{}}");
    assertThatThrownBy(() -> Policy.load(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": version: unsupported; supported: 1");
  }

  @Test
  void theJavaBuilderMakesTheSamePolicy() {
    Policy built = Policy.builder()
        .allow("triage-bot", new Policy.Rule("jira-work", List.of("tasks.create", "tasks.get"), List.of("jira"),
            Map.of("project", List.of("PROJ", "OPS")), false))
        .allow("triage-bot", new Policy.Rule("jira-delete", List.of("tasks.delete"), List.of("jira"), Map.of(), true))
        .quota("triage-bot", new Policy.Quota("creates-per-hour", List.of("*.create"), List.of("*"), 50, Duration.ofHours(1)))
        .build();
    Policy parsed = Policy.parse(PLAN_EXAMPLE);
    assertThat(built.rules("triage-bot")).isEqualTo(parsed.rules("triage-bot"));
    assertThat(built.quotas("triage-bot")).isEqualTo(parsed.quotas("triage-bot"));
    assertThatThrownBy(() -> new Policy.Rule(null, List.of("tasks.nope"), List.of("*"), Map.of(), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("operations[0]: not a known operation");
  }
}
