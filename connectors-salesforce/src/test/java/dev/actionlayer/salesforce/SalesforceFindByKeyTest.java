package dev.actionlayer.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionlayer.Contact;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.VendorWire;
import dev.actionlayer.testkit.fakes.FakeSalesforce;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With an external-id field, a record can be looked up by the key its upsert carried. The lookup
 * is a SOQL query, not {@code GET .../sobjects/<type>/<field>/<key>}: the query answers "none" as
 * 200 with {@code totalSize: 0}, where the GET answers 404, which the pipeline's lookup could not
 * tell from a failure and would never accept as "not created".
 */
class SalesforceFindByKeyTest {
  private static final String FIELD = SalesforceHarness.KEY_FIELD;
  private static final NewContact ADA = new NewContact("Ada", "Lovelace", "ada@example.com");
  private static final NewTask CALL = new NewTask(null, "Call Ada", "About the engine");

  private final LayerHarness harness = SalesforceHarness.create();
  private final FakeSalesforce sf = new FakeSalesforce();
  private VendorWire wire;
  private Connector keyed;

  @BeforeEach
  void start() {
    sf.requireBearer(SalesforceHarness.TOKEN).externalIdField("Contact", FIELD).externalIdField("Task", FIELD);
    sf.start();
    wire = new VendorWire(sf, SalesforceHarness.TOKEN);
    keyed = Salesforce.builder(sf.uri(), SalesforceHarness.bearer())
        .contactExternalIdField(FIELD).taskExternalIdField(FIELD).build();
  }

  @AfterEach
  void stop() {
    harness.close();
    sf.close();
  }

  private <N, R> R createUnder(Resource<N, R> resource, String key, N input) throws IOException {
    CallContext context = wire.context(key, "create");
    VendorResponse created = wire.send(resource.create(input, context));
    assertThat(created.status()).as(created.bodyString()).isEqualTo(201);
    return resource.readCreated(created, input, context);
  }

  private <N, R> R find(Resource<N, R> resource, String key, N input) throws IOException {
    CallContext context = wire.context(key, "find");
    VendorResponse found = wire.send(resource.find(input, context));
    assertThat(found.status()).as(found.bodyString()).isEqualTo(200);
    return resource.readFound(found, input, context);
  }

  private static String q(VendorRequest request) {
    return request.query().stream().filter(e -> e.getKey().equals("q")).map(Map.Entry::getValue)
        .findFirst().orElseThrow();
  }

  private static VendorResponse ok(String body) {
    return new VendorResponse(200, Map.of("content-type", List.of("application/json;charset=UTF-8")),
        body.getBytes(StandardCharsets.UTF_8), false, Instant.EPOCH);
  }

  @Test
  void withoutAnExternalIdFieldCreatesCannotBeFound() {
    Connector plain = Salesforce.connector(sf.uri(), SalesforceHarness.bearer());

    assertThat(plain.contacts().canFind()).isFalse();
    assertThat(plain.tasks().canFind()).isFalse();
    assertThatThrownBy(() -> plain.contacts().find(ADA, new CallContext("k-1", "find")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void withAnExternalIdFieldKeyedCreatesCanBeFound() {
    assertThat(keyed.contacts().createSafety()).isEqualTo(CreateSafety.KEYED);
    assertThat(keyed.contacts().canFind()).isTrue();
    assertThat(keyed.tasks().canFind()).isTrue();
  }

  @Test
  void findIsASoqlQueryByTheExternalIdFieldAtTheConfiguredVersion() {
    Connector v59 = Salesforce.builder(sf.uri(), SalesforceHarness.bearer()).apiVersion("v59.0")
        .contactExternalIdField(FIELD).taskExternalIdField("Other_Key__c").build();

    VendorRequest contacts = v59.contacts().find(ADA, new CallContext("k-1", "find"));
    VendorRequest tasks = v59.tasks().find(CALL, new CallContext("k-1", "find"));

    assertThat(contacts.method()).isEqualTo("GET");
    assertThat(contacts.path()).containsExactly("services", "data", "v59.0", "query");
    assertThat(contacts.query()).containsExactly(Map.entry("q",
        "SELECT Id,FirstName,LastName,Email,Phone,AccountId FROM Contact WHERE " + FIELD + " = 'k-1' LIMIT 1"));
    assertThat(contacts.body()).isNull();
    assertThat(q(tasks)).isEqualTo("SELECT Id,Subject,Description,WhatId,Status,IsClosed,ActivityDate,OwnerId,Priority"
        + " FROM Task WHERE Other_Key__c = 'k-1' LIMIT 1");
  }

  @Test
  void findReturnsTheContactTheUpsertCreated() throws IOException {
    Contact created = harness.contacts(keyed).create(ADA);
    String key = harness.lastEvent().idempotencyKey();

    assertThat(find(keyed.contacts(), key, ADA)).isEqualTo(created);
  }

  @Test
  void findReturnsTheTaskTheUpsertCreated() throws IOException {
    Task created = harness.tasks(keyed).create(CALL);
    String key = harness.lastEvent().idempotencyKey();

    // The lookup reads the whole record: what the create's answer had, and what Salesforce filled in.
    Task found = find(keyed.tasks(), key, CALL);
    assertThat(found).usingRecursiveComparison().ignoringFields("status", "vendorStatus", "assignee", "extra")
        .isEqualTo(created);
    assertThat(found.status()).isEqualTo(dev.actionlayer.TaskStatus.OPEN);
    assertThat(found.vendorStatus()).isEqualTo("Not Started");
  }

  @Test
  void findReturnsNullWhenNothingWasCreatedUnderTheKey() throws IOException {
    createUnder(keyed.contacts(), "k-other", ADA);

    assertThat(find(keyed.contacts(), "k-1", ADA)).isNull();
    assertThat(find(keyed.tasks(), "k-other", CALL)).isNull();
    assertThat(sf.insertCount()).isEqualTo(1);
  }

  @Test
  void aDeletedRecordIsNotFound() throws IOException {
    Contact created = createUnder(keyed.contacts(), "k-1", ADA);
    harness.contacts(keyed).delete(created.id());

    assertThat(find(keyed.contacts(), "k-1", ADA)).isNull();
  }

  @Test
  void hostileKeysAreEscapedAndFindOnlyTheirOwnRecord() throws IOException {
    String quoteAndBackslash = "a'b\\c";
    String injection = "x' OR LastName != '";
    Contact first = createUnder(keyed.contacts(), quoteAndBackslash, ADA);
    Contact second = createUnder(keyed.contacts(), "a'b", new NewContact("Grace", "Hopper", null));

    assertThat(q(keyed.contacts().find(ADA, new CallContext(quoteAndBackslash, "find"))))
        .endsWith(" = 'a\\'b\\\\c' LIMIT 1");
    assertThat(q(keyed.contacts().find(ADA, new CallContext(injection, "find"))))
        .endsWith(" = 'x\\' OR LastName != \\'' LIMIT 1");
    assertThat(find(keyed.contacts(), quoteAndBackslash, ADA)).isEqualTo(first);
    assertThat(find(keyed.contacts(), "a'b", ADA)).isEqualTo(second);
    assertThat(find(keyed.contacts(), injection, ADA)).isNull();
  }

  @Test
  void readFoundReadsTheFirstRecordOrNullAndRefusesAnAnswerThatIsNotAQueryResult() throws IOException {
    Resource<NewContact, Contact> contacts = keyed.contacts();
    CallContext context = new CallContext("k-1", "find");

    assertThat(contacts.readFound(ok("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":"
        + "\"Contact\"},\"Id\":\"0035g0000000001AAA\",\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\","
        + "\"Email\":null}]}"), ADA, context))
        .isEqualTo(new Contact("0035g0000000001AAA", "Ada", "Lovelace", null, null, null,
            sf.uri() + "/lightning/r/Contact/0035g0000000001AAA/view", Map.of()));
    assertThat(contacts.readFound(ok("{\"totalSize\":0,\"done\":true,\"records\":[]}"), ADA, context)).isNull();
    // "None" must be said by Salesforce: a foreign 200 read as absent would leave the record behind.
    assertThatThrownBy(() -> contacts.readFound(ok("{}"), ADA, context)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> contacts.readFound(ok("{\"totalSize\":1,\"done\":true,\"records\":[{}]}"), ADA, context))
        .isInstanceOf(IOException.class);
  }
}
