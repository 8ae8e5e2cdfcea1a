package dev.actionlayer.sagatests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.Credentials;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.box.Box;
import dev.actionlayer.gdrive.GoogleDrive;
import dev.actionlayer.hubspot.HubSpot;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.spi.Json;
import dev.actionlayer.testkit.fake.FakeTime;
import dev.actionlayer.testkit.fakes.FakeBox;
import dev.actionlayer.testkit.fakes.FakeDrive;
import dev.actionlayer.testkit.fakes.FakeHubSpot;
import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.tools.ToolCatalog;
import dev.actionlayer.tools.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's promise, end to end: through one tool catalog, with the default protections on (rate
 * limits, breakers, retries, audit), an agent closes a Jira issue, finds a HubSpot contact by email,
 * lists a Box folder and renames a Drive folder — four vendors on their stateful fakes.
 */
class OneCatalogAcrossVendorsTest {
  final FakeTime time = new FakeTime(Instant.parse("2026-12-06T10:00:00Z"));
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  final FakeJira jira = new FakeJira().requireBasic("dev@example.com", "jira-token");
  final FakeHubSpot hubspot = new FakeHubSpot().requireBearer("hubspot-token").withUniqueProperty("actionlayer_key");
  final FakeBox box = new FakeBox().requireBearer("box-token");
  final FakeDrive drive = new FakeDrive().requireBearer("drive-token");
  ActionLayer layer;
  ToolCatalog tools;

  @BeforeEach
  void start() {
    jira.start();
    hubspot.start();
    box.start();
    drive.start();
    layer = ActionLayer.builder()
        .connection("jira", Jira.connector(jira.uri(), Credentials.basic("dev@example.com", "jira-token")))
        .connection("crm", HubSpot.connector(hubspot.uri(), Credentials.bearer("hubspot-token"), "actionlayer_key"))
        .connection("box", Box.connector(box.uri().resolve("/2.0"), Credentials.bearer("box-token")))
        .connection("drive", GoogleDrive.connector(drive.uri(), Credentials.bearer("drive-token")))
        .clock(time).sleeper(time).auditSink(events::add)
        .build();
    tools = layer.tools();
  }

  @AfterEach
  void stop() {
    layer.close();
    jira.close();
    hubspot.close();
    box.close();
    drive.close();
  }

  private Map<String, Object> call(String tool, String arguments) {
    ToolResult result = tools.execute(tool, arguments);
    assertThat(result.isError()).as(tool + ": " + result.json()).isFalse();
    return Json.objectOrNull(result.json());
  }

  @Test
  void closeAJiraIssue_findAHubSpotContactByEmail_listABoxFolder_renameADriveFolder() {
    String issue = (String) call("tasks_create", "{\"connection\":\"jira\",\"project\":\"PROJ\",\"title\":\"Fix login bug\"}").get("id");
    Map<String, Object> closed = call("tasks_update", "{\"connection\":\"jira\",\"id\":\"" + issue + "\",\"status\":\"done\"}");
    assertThat(closed).containsEntry("status", "done").containsKey("url");

    call("contacts_create", "{\"connection\":\"crm\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}");
    call("contacts_create", "{\"connection\":\"crm\",\"lastName\":\"Hopper\",\"email\":\"grace@example.com\"}");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> found = (List<Map<String, Object>>) call("contacts_list",
        "{\"connection\":\"crm\",\"email\":\"ada@example.com\"}").get("items");
    assertThat(found).singleElement().satisfies(c -> assertThat(c).containsEntry("lastName", "Lovelace"));

    String parent = (String) call("folders_create", "{\"connection\":\"box\",\"name\":\"Customers\",\"parentId\":\"0\"}").get("id");
    call("folders_create", "{\"connection\":\"box\",\"name\":\"Acme\",\"parentId\":\"" + parent + "\"}");
    call("folders_create", "{\"connection\":\"box\",\"name\":\"Globex\",\"parentId\":\"" + parent + "\"}");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listed = (List<Map<String, Object>>) call("folders_list",
        "{\"connection\":\"box\",\"parentId\":\"" + parent + "\"}").get("items");
    assertThat(listed).extracting(f -> f.get("name")).containsExactlyInAnyOrder("Acme", "Globex");

    String folder = (String) call("folders_create", "{\"connection\":\"drive\",\"name\":\"Draft\"}").get("id");
    Map<String, Object> renamed = call("folders_update", "{\"connection\":\"drive\",\"id\":\"" + folder + "\",\"name\":\"Final\"}");
    assertThat(renamed).containsEntry("name", "Final");
    assertThat(layer.folders("drive").get(folder).name()).isEqualTo("Final");

    assertThat(events).extracting(AuditEvent::operation).contains("tasks.update", "contacts.list", "folders.list", "folders.update");
    assertThat(events).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS));
  }
}
