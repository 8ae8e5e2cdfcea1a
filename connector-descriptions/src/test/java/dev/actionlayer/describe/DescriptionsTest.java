package dev.actionlayer.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Contact;
import dev.actionlayer.ContactQuery;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.NewContact;
import dev.actionlayer.Page;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine on a small contacts vendor: loading, validation by JSON path, and the behaviours a description selects. */
class DescriptionsTest {
  /** A contacts vendor: findable creates (a marker in a custom field), offset pages, allowance headers. */
  static final String CRM = """
      {
        "vendor": "crm",
        "name": "Crm",
        "baseUri": "https://api.crm.example/v2",
        "options": {"region": {"pattern": "[a-z]{2}", "default": "eu"}},
        "requestIdHeader": "X-Request-Id",
        "usage": {"remaining": "X-Left", "limit": "X-Limit", "reset": "X-Reset", "resetIn": "seconds"},
        "errors": {
          "recognizedBy": "/error",
          "message": "/error/message",
          "vendorCode": "/error/code",
          "fieldErrors": {"map": "/error/fields", "names": {"last_name": "lastName"}},
          "byBody": [{"pointer": "/error/code", "equals": "daily_quota", "statuses": [429], "code": "QUOTA_EXHAUSTED"}]
        },
        "resources": {
          "contacts": {
            "idShape": {"pattern": "c_[0-9]{1,12}", "message": "is not a Crm contact id"},
            "record": "/contact",
            "fields": {"id": "/id", "firstName": "/first_name", "lastName": "/last_name", "email": "/email",
              "company": "/org/name", "extra.tier": "/tier"},
            "url": "https://crm.example/c/{id}",
            "create": {"method": "POST", "path": "{config.region}/contacts",
              "body": {"first_name": "{firstName}", "last_name": "{lastName}", "email": "{email}", "marker": "{key}"}},
            "find": {"method": "GET", "path": "{config.region}/contacts", "query": {"marker": "{key}"},
              "items": "/contacts", "match": "/marker"},
            "get": {"method": "GET", "path": "{config.region}/contacts/{id}"},
            "update": {"method": "PATCH", "path": "{config.region}/contacts/{id}",
              "body": {"last_name": "{lastName}", "phone": "{phone|null}"}},
            "delete": {"method": "DELETE", "path": "{config.region}/contacts/{id}"},
            "list": {"method": "GET", "path": "{config.region}/contacts",
              "query": {"email": "{email}", "limit": "{pageSize}", "offset": "{cursor}"},
              "items": "/contacts", "cursor": "offset"}
          }
        }
      }
      """;

  private static final CallContext CONTEXT = new CallContext("k-1", "contacts.create");

  private static Connector crm(Map<String, String> options) {
    return Descriptions.connector(Descriptions.parse(CRM, "crm.json"), null, Credentials.bearer("t0k"), options);
  }

  private static VendorResponse answer(int status, String body, Map<String, List<String>> headers) {
    return new VendorResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), false, Instant.EPOCH);
  }

  private static String body(VendorRequest r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aDescriptionSelectsWhatTheResourceImplements() {
    Resource<NewContact, Contact> contacts = crm(Map.of()).contacts();

    assertThat(contacts).isInstanceOf(Updatable.class).isInstanceOf(Listable.class);
    assertThat(contacts.createSafety()).isEqualTo(CreateSafety.FINDABLE);
    assertThat(crm(Map.of()).tasks()).isNull();
  }

  @Test
  void requestsAreFilledByWholeSegmentsAndOptionsAndLeaveOutWhatIsNotGiven() {
    Resource<NewContact, Contact> contacts = crm(Map.of("region", "us")).contacts();

    VendorRequest create = contacts.create(new NewContact(null, "Lovelace", "ada@example.com"), CONTEXT);
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.path()).containsExactly("us", "contacts");
    assertThat(body(create)).isEqualTo("{\"last_name\":\"Lovelace\",\"email\":\"ada@example.com\",\"marker\":\"k-1\"}");
    assertThat(contacts.get("c_42").path()).containsExactly("us", "contacts", "c_42");

    ActionException hostile = org.assertj.core.api.Assertions.catchThrowableOfType(() -> contacts.get("c_42/../admin"),
        ActionException.class);
    assertThat(hostile.error().fieldErrors()).isEqualTo(Map.of("id", "is not a Crm contact id"));
  }

  @Test
  void anUpdateSendsOnlyTheFieldsGivenAndRefusesWhatItCannotChange() {
    @SuppressWarnings("unchecked")
    Updatable<Object, Contact> contacts = (Updatable<Object, Contact>) crm(Map.of()).contacts();

    VendorRequest update = contacts.update("c_42", dev.actionlayer.ContactChanges.builder().phone("").build(), CONTEXT);
    assertThat(update.method()).isEqualTo("PATCH");
    assertThat(body(update)).isEqualTo("{\"phone\":null}");

    ActionException email = org.assertj.core.api.Assertions.catchThrowableOfType(() -> contacts.update("c_42",
        dev.actionlayer.ContactChanges.builder().email("a@b.c").build(), CONTEXT), ActionException.class);
    assertThat(email.error().code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(email.error().fieldErrors()).containsOnlyKeys("email");
  }

  @Test
  void recordsAreReadByPointersWithTheirUrlAndExtras() throws Exception {
    Contact c = crm(Map.of()).contacts().read(answer(200, "{\"contact\":{\"id\":\"c_7\",\"first_name\":\"\","
        + "\"last_name\":\"Lovelace\",\"org\":{\"name\":\"Analytical\"},\"tier\":3}}", Map.of()));

    assertThat(c).isEqualTo(new Contact("c_7", null, "Lovelace", null, null, "Analytical", "https://crm.example/c/c_7",
        Map.of("tier", "3")));
  }

  @Test
  void findReadsBackOnlyTheRecordCarryingTheKey() throws Exception {
    Resource<NewContact, Contact> contacts = crm(Map.of()).contacts();
    NewContact input = new NewContact(null, "Lovelace", null);

    VendorRequest find = contacts.find(input, CONTEXT);
    assertThat(find.query()).containsExactly(Map.entry("marker", "k-1"));
    assertThat(contacts.readFound(answer(200, "{\"contacts\":[{\"id\":\"c_1\",\"marker\":\"other\"},"
        + "{\"id\":\"c_2\",\"marker\":\"k-1\"}]}", Map.of()), input, CONTEXT).id()).isEqualTo("c_2");
    assertThat(contacts.readFound(answer(200, "{\"contacts\":[]}", Map.of()), input, CONTEXT)).isNull();
  }

  @Test
  void offsetPagesCountOnFromTheCursor() throws Exception {
    @SuppressWarnings("unchecked")
    Listable<Object, Contact> contacts = (Listable<Object, Contact>) crm(Map.of()).contacts();
    ContactQuery query = new ContactQuery(null, null, 2, "4");

    assertThat(contacts.list(query, CONTEXT).query()).containsExactly(Map.entry("limit", "2"), Map.entry("offset", "4"));
    Page<Contact> full = contacts.readPage(answer(200, "{\"contacts\":[{\"id\":\"c_1\"},{\"id\":\"c_2\"}]}", Map.of()),
        query, CONTEXT);
    assertThat(full.nextCursor()).isEqualTo("6");
    assertThat(contacts.readPage(answer(200, "{\"contacts\":[{\"id\":\"c_3\"}]}", Map.of()), query, CONTEXT).nextCursor())
        .isNull();
    ActionException forged = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> contacts.list(new ContactQuery(null, null, 2, "../x"), CONTEXT), ActionException.class);
    assertThat(forged.error().fieldErrors()).containsOnlyKeys("cursor");
    ActionException name = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> contacts.list(new ContactQuery(null, "Ada", 2, null), CONTEXT), ActionException.class);
    assertThat(name.error().code()).isEqualTo(ErrorCode.UNSUPPORTED);
  }

  @Test
  void errorsMapByBodyAndStatusWithFieldsUsageAndReset() {
    Connector c = crm(Map.of());

    ActionError quota = c.mapError(answer(429, "{\"error\":{\"code\":\"daily_quota\",\"message\":\"Quota spent\"}}",
        Map.of("x-reset", List.of("30"))));
    assertThat(quota.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(quota.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(quota.vendorCode()).isEqualTo("daily_quota");

    ActionError invalid = c.mapError(answer(422, "{\"error\":{\"message\":\"Invalid\",\"fields\":{\"last_name\":\"is blank\"}}}",
        Map.of()));
    assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(invalid.fieldErrors()).isEqualTo(Map.of("lastName", "is blank"));
    assertThat(c.mapError(answer(404, "<html>no</html>", Map.of())).code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(c.usage(answer(200, "{}", Map.of("x-left", List.of("10"), "x-limit", List.of("100")))))
        .isEqualTo(new VendorUsage(90, 100));
    assertThat(c.requestIdHeader()).isEqualTo("X-Request-Id");
  }

  @Test
  void aLongKeyBecomesAStableUuidWithinTheVendorsLimit() {
    Description d = Descriptions.parse(CRM.replace("\"body\": {\"first_name\"",
        "\"idempotencyHeader\": \"Idem-Key\", \"keyMaxLength\": 36, \"body\": {\"first_name\"")
        .replaceAll("(?s)\"find\": \\{.*?\"/marker\"\\},", ""), "keyed.json");
    Resource<NewContact, Contact> contacts = Descriptions.connector(d, null, Credentials.bearer("t")).contacts();
    CallContext longKey = new CallContext("saga-" + "0123456789".repeat(8), "contacts.create");

    String first = contacts.create(new NewContact(null, "L", null), longKey).headers().get(0).getValue();
    String again = contacts.create(new NewContact(null, "L", null), longKey).headers().get(0).getValue();

    assertThat(contacts.createSafety()).isEqualTo(CreateSafety.KEYED);
    assertThat(first).hasSize(36).isEqualTo(again);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "\"vendor\": \"crm\" # \"vendor\": \"CRM!\" # $.vendor: must be lower-case",
      "\"requestIdHeader\" # \"requestIdHeadr\" # $.requestIdHeadr: unknown member",
      "{config.region}/contacts/{id}\"} # x{id}\"} # $.resources.contacts.get.path: a placeholder fills a whole segment",
      "\"{lastName}\", \"email\" # \"{lastname}\", \"email\" # $.resources.contacts.create.body.last_name: unknown placeholder {lastname}",
      "\"/id\", \"firstName\" # \"id\", \"firstName\" # $.resources.contacts.fields.id: must be a pointer",
      "c_[0-9]{1,12} # c_[0-9 # $.resources.contacts.idShape.pattern: is not a regular expression",
      "\"QUOTA_EXHAUSTED\" # \"QUOTA_GONE\" # $.errors.byBody[0].code: unknown error code",
      "\"cursor\": \"offset\" # \"curser\": \"offset\" # $.resources.contacts.list.curser: unknown member",
      "\"{lastName}\", \"phone\" # \"{lastName|nul}\", \"phone\" # $.resources.contacts.update.body.last_name: unknown modifier |nul",
      "\"method\": \"DELETE\" # \"method\": \"TRACE\" # $.resources.contacts.delete.method: must be one of"})
  void everyProblemNamesItsJsonPath(String from, String to, String expected) {
    String broken = CRM.replace(from.strip(), to.strip());
    assertThat(broken).isNotEqualTo(CRM);

    assertThatThrownBy(() -> Descriptions.parse(broken, "crm.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("crm.json: " + expected.strip())
        .hasNoCause();
  }

  @Test
  void jsonThatIsNotJsonNamesWhereItBroke() {
    assertThatThrownBy(() -> Descriptions.parse("{\"vendor\": \"crm\", \"resources\": {\"tasks\": [}", "bad.json"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad.json: $.resources.tasks")
        .hasMessageContaining("not valid JSON").hasNoCause();
    assertThatThrownBy(() -> Descriptions.parse("{\"vendor\": \"a\", \"vendor\": \"b\"}", "twice.json"))
        .hasMessageContaining("given twice");
  }

  /** Found by fuzzing (docs/fuzzing.md): a member name holding a line break broke the message over lines. */
  @Test
  void aMemberNameWithALineBreakIsShownOnOneLine() {
    assertThatThrownBy(() -> Descriptions.parse("{\"vendor\": \"crm\", \"a\\nb\" 1}", "bad.json"))
        .hasMessage("bad.json: $.a?b: not valid JSON there (a syntax error, or a member given twice)");
    assertThatThrownBy(() -> Descriptions.parse("{\"vendor\": \"crm\", \"a\\u0007b\": 1, \"resources\": {}}", "bad.json"))
        .hasMessageStartingWith("bad.json: $.a?b: unknown member");
    assertThatThrownBy(() -> Descriptions.parse("{\"vendor\": \"crm\", \"" + "x".repeat(5000) + "\": 1}", "bad.json"))
        .message().hasSizeLessThan(400);
  }

  @Test
  void connectorsCheckTheirAccountsSettingsWithoutQuotingThem() {
    Description d = Descriptions.parse(CRM, "crm.json");

    assertThatThrownBy(() -> Descriptions.connector(d, null, Credentials.basic("u", "p")))
        .hasMessage("credentials must be bearer for Crm");
    assertThatThrownBy(() -> Descriptions.connector(d, null, Credentials.bearer("t"), Map.of("region", "Qx7sEcReT")))
        .hasMessage("region: must be a value matching [a-z]{2}");
    assertThatThrownBy(() -> Descriptions.connector(d, null, Credentials.bearer("t"), Map.of("zone", "x")))
        .hasMessageStartingWith("unknown option zone for Crm");
    assertThatThrownBy(() -> Descriptions.connector(d, URI.create("http://example.com"), Credentials.bearer("t")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Descriptions.provider(d).defaultBaseUri()).hasToString("https://api.crm.example/v2");
  }

  @Test
  void loadsFromAFileOrTheClasspath(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("crm.json"), CRM);

    assertThat(Descriptions.fromFile(file).vendor()).isEqualTo("crm");
    assertThat(Descriptions.fromClasspath("describe/tiny.json").resources()).containsExactly("folders");
    assertThatThrownBy(() -> Descriptions.fromClasspath("describe/none.json")).hasMessage("no description describe/none.json on the classpath");
  }
}
