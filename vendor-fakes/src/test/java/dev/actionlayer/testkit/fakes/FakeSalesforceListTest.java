package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakeSalesforce's listing queries (conditions, LIKE, order, limit, Account.Name, batches) and its updates. */
class FakeSalesforceListTest {
  private final FakeSalesforce sf = new FakeSalesforce();
  private SalesforceHttp http;

  @BeforeEach
  void start() {
    sf.start();
    http = new SalesforceHttp(sf);
  }

  @AfterEach
  void stop() {
    sf.close();
  }

  private String query(String soql) throws IOException {
    return SalesforceHttp.body(http.get("/services/data/v63.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8)));
  }

  @Test
  void conditionsLikeOrderAndLimitSelectTheRecords() throws IOException {
    String acme = sf.account("Acme");
    String ada = sf.seed("Contact", Map.of("FirstName", "Ada", "LastName", "Lovelace", "Email", "ada@example.com",
        "AccountId", acme));
    String bob = sf.seed("Contact", Map.of("FirstName", "Bob", "LastName", "100%_sure", "Email", "bob@example.com"));
    sf.seed("Contact", Map.of("LastName", "Hopper", "Email", "grace@example.com"));

    assertThat(query("SELECT Id, Account.Name FROM Contact WHERE Email = 'ADA@example.com'")).isEqualTo(
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Contact\",\"url\":"
        + "\"/services/data/v63.0/sobjects/Contact/" + ada + "\"},\"Id\":\"" + ada + "\",\"Account\":{\"attributes\":"
        + "{\"type\":\"Account\",\"url\":\"/services/data/v63.0/sobjects/Account/" + acme + "\"},\"Name\":\"Acme\"}}]}");
    assertThat(query("SELECT Id, Account.Name FROM Contact WHERE Id = '" + bob + "'")).contains("\"Account\":null");
    assertThat(query("SELECT Id FROM Contact WHERE Name LIKE '%love%'")).contains(ada).doesNotContain(bob);
    assertThat(query("SELECT Id FROM Contact WHERE Name LIKE '%0\\\\%\\\\_s%'")).contains(bob).contains("\"totalSize\":1");
    assertThat(query("SELECT Id FROM Contact WHERE Name LIKE '%0\\\\%\\\\_x%'")).contains("\"totalSize\":0");
    assertThat(query("SELECT Id FROM Contact WHERE Id > '" + ada + "' ORDER BY Id LIMIT 1"))
        .contains("\"totalSize\":1", bob);
    assertThat(query("SELECT Id FROM Contact ORDER BY Id DESC LIMIT 2")).contains("\"totalSize\":2")
        .doesNotContain(ada);
  }

  @Test
  void tasksFilterOnIsClosedStatusAndOwner() throws IOException {
    String done = sf.seed("Task", Map.of("Subject", "Call Ada", "Status", "Completed"));
    String open = sf.seed("Task", Map.of("Subject", "Email Ada"));
    String working = sf.seed("Task", Map.of("Subject", "Visit Ada", "Status", "In Progress",
        "OwnerId", "0055g0000000002AAA"));

    assertThat(query("SELECT Id, IsClosed FROM Task WHERE IsClosed = true")).contains(done, "\"IsClosed\":true")
        .contains("\"totalSize\":1");
    assertThat(query("SELECT Id FROM Task WHERE IsClosed = false AND Status != 'Not Started'")).contains(working)
        .contains("\"totalSize\":1");
    assertThat(query("SELECT Id, OwnerId FROM Task WHERE OwnerId = '0055g0000000001AAA'")).contains(done, open)
        .doesNotContain(working);
  }

  @Test
  void moreRecordsThanTheBatchSizeComeInBatchesFollowedByNextRecordsUrl() throws IOException {
    for (int i = 0; i < 205; i++) sf.seed("Contact", Map.of("LastName", "C" + i));

    String first;
    try (Response response = http.execute(http.request("/services/data/v63.0/query?q="
        + URLEncoder.encode("SELECT Id FROM Contact", StandardCharsets.UTF_8)).header("Sforce-Query-Options", "batchSize=200"))) {
      first = response.body().string();
    }
    assertThat(first).startsWith("{\"totalSize\":205,\"done\":false,\"nextRecordsUrl\":\"/services/data/v63.0/query/01g");
    String next = first.replaceAll(".*\"nextRecordsUrl\":\"([^\"]+)\".*", "$1");
    assertThat(next).endsWith("-200");
    String second = SalesforceHttp.body(http.get(next));
    assertThat(second).startsWith("{\"totalSize\":205,\"done\":true,\"records\":[").contains("0035g0000000205");
    assertThat(SalesforceHttp.body(http.get("/services/data/v63.0/query/01gXXXXXXXXXXXXXXX-200")))
        .contains("INVALID_QUERY_LOCATOR");
  }

  @Test
  void aTaskUpdateWritesStatusDueDateAndOwnerAndRefusesUnknownStatuses() throws IOException {
    String id = sf.seed("Task", Map.of("Subject", "Call Ada"));

    assertThat(SalesforceHttp.code(http.patch("/services/data/v63.0/sobjects/Task/" + id,
        "{\"Status\":\"Completed\",\"ActivityDate\":\"2024-06-01\",\"OwnerId\":\"0055g0000000002AAA\"}"))).isEqualTo(204);
    assertThat(sf.tasks()).singleElement().satisfies(t -> {
      assertThat(t.status()).isEqualTo("Completed");
      assertThat(t.activityDate()).isEqualTo("2024-06-01");
      assertThat(t.ownerId()).isEqualTo("0055g0000000002AAA");
    });
    assertThat(SalesforceHttp.body(http.patch("/services/data/v63.0/sobjects/Task/" + id, "{\"Status\":\"Closed\"}")))
        .isEqualTo("[{\"message\":\"Status: bad value for restricted picklist field: Closed\","
            + "\"errorCode\":\"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST\",\"fields\":[\"Status\"]}]");
    assertThat(SalesforceHttp.body(http.patch("/services/data/v63.0/sobjects/Task/" + id, "{\"ActivityDate\":\"soon\"}")))
        .contains("JSON_PARSER_ERROR");
    assertThat(SalesforceHttp.code(http.patch("/services/data/v63.0/sobjects/Task/" + id, "{\"ActivityDate\":null}")))
        .isEqualTo(204);
    assertThat(sf.tasks()).singleElement().extracting(FakeSalesforce.StoredTask::activityDate).isNull();
  }
}
