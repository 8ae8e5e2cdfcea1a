package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.NewFolder;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.internal.saga.FileJournal;
import dev.actionlayer.internal.saga.JournalEntry;
import dev.actionlayer.saga.CompensationPolicy;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.saga.SagaResult;
import dev.actionlayer.saga.StepOutcome;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.testkit.fake.FakeTime;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fake.VendorWire;
import dev.actionlayer.testkit.fakes.FakeDrive;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sagas undo a Drive create whose outcome is unknown by looking the folder up by its key, never by
 * repeating the create: a repeat in a new process (or in a new logical call) carries a new
 * pre-generated id, and would make a second folder.
 */
class DriveSagaCompensationTest {
  private static final String SAGA = "11111111-2222-3333-4444-555555555555";
  private static final String KEY = SAGA + "-0-0";
  private static final String QUERY =
      "appProperties has { key='actionlayerKey' and value='" + KEY + "' } and trashed = false";

  private final FakeTime time = new FakeTime(DriveHarness.START);
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final FakeDrive drive = new FakeDrive();
  private ActionLayer layer;

  @TempDir
  Path dir;

  @BeforeEach
  void start() {
    drive.requireBearer(DriveHarness.TOKEN);
    drive.start();
  }

  @AfterEach
  void stop() {
    if (layer != null) layer.close();
    drive.close();
  }

  private ActionLayer layer(SagaJournal journal) {
    ActionLayer.Builder builder = ActionLayer.builder()
        .connection("drive", GoogleDrive.connector(drive.uri(), DriveHarness.bearer()), p -> p.noRateLimit())
        .clock(time)
        .sleeper(time)
        .auditSink(audit::add)
        .compensationPolicy(new CompensationPolicy(4, Duration.ofMinutes(5), Duration.ofSeconds(1),
            Duration.ofSeconds(30)));
    if (journal != null) builder.journal(journal);
    layer = builder.build();
    return layer;
  }

  private SagaResult folderThenFailure() {
    return layer.saga("onboard")
        .step("folder", s -> s.folders("drive").create(new NewFolder("Ada Lovelace", null)))
        .step("fails", s -> {
          throw ActionException.invalidField("x", "boom");
        })
        .run();
  }

  private long posts() {
    return drive.requestCount(c -> c.method().equals("POST"));
  }

  @Test
  void aLostCreateAnswerThenAFailingStepEndsCompensatedWithNoFolderLeft() {
    layer(null);
    drive.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    SagaResult r = folderThenFailure();

    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.step("folder").status()).isEqualTo(StepOutcome.Status.COMPENSATED);
    assertThat(r.step("fails").status()).isEqualTo(StepOutcome.Status.FAILED);
    assertThat(drive.folderCount()).isZero();
    assertThat(drive.createCount()).isEqualTo(1);
  }

  @Test
  void aCreateWhoseEveryAnswerIsLostIsFoundByKeyAndDeleted() {
    layer(null);
    // Every attempt of the step's create is applied (the first) or refused as fileIdInUse (the
    // repeats), and the client never hears: the step ends OUTCOME_UNKNOWN.
    drive.on(Requests.creates()).always().respond(Fault.applyThenReset());

    SagaResult r = folderThenFailure();

    assertThat(r.failure().orElseThrow().code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.residue()).isEmpty();
    assertThat(drive.folderCount()).isZero();
    assertThat(drive.createCount()).isEqualTo(1);
    assertThat(audit).filteredOn(e -> "folders.find".equals(e.operation())).singleElement()
        .satisfies(e -> assertThat(e.context()).containsEntry("phase", "compensate"));
    assertThat(audit).filteredOn(e -> "folders.create".equals(e.operation())).hasSize(1);
  }

  @Test
  void recoveryFindsTheFolderADeadProcessCreatedAndDeletesItWithoutCreatingAnother() {
    // The process that died had sent the create under the step's key; its answer was never journaled.
    FakeDrive.Folder orphan = createAsTheDeadProcess();
    journalOfTheDeadProcess();
    long postsBefore = posts();

    SagaResult r = layer(SagaJournal.file(dir.resolve("sagas.journal"))).recover().sagas().get(0);

    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.step("folder").status()).isEqualTo(StepOutcome.Status.FAILED);
    assertThat(drive.folderCount()).isZero();
    assertThat(drive.createCount()).isEqualTo(1);
    assertThat(posts()).isEqualTo(postsBefore);
    assertThat(drive.requests()).filteredOn(c -> c.method().equals("DELETE"))
        .extracting(RecordedCall::pathWithoutQuery).containsExactly("/drive/v3/files/" + orphan.id());
    assertThat(layer.recover().sagas()).isEmpty();
  }

  @Test
  void recoveryWhenTheCreateNeverReachedDriveFindsNothingAndCreatesNothing() {
    journalOfTheDeadProcess();

    SagaResult r = layer(SagaJournal.file(dir.resolve("sagas.journal"))).recover().sagas().get(0);

    assertThat(r.status()).isEqualTo(SagaResult.Status.COMPENSATED);
    assertThat(r.residue()).isEmpty();
    assertThat(drive.createCount()).isZero();
    assertThat(drive.generateIdsCount()).isZero();
    List<RecordedCall> lookups = drive.requests();
    assertThat(lookups).isNotEmpty().allSatisfy(c -> {
      assertThat(c.method()).isEqualTo("GET");
      assertThat(c.pathWithoutQuery()).isEqualTo("/drive/v3/files");
      assertThat(c.queryParameter("q")).isEqualTo(QUERY);
      assertThat(c.queryParameter("fields")).isEqualTo("files(id,name,parents,mimeType,appProperties,webViewLink)");
      assertThat(c.queryParameter("spaces")).isEqualTo("drive");
    });
  }

  /** Creates the folder under the saga step's key, with a connector of its own, as the dead process did. */
  private FakeDrive.Folder createAsTheDeadProcess() {
    VendorWire wire = new VendorWire(drive, DriveHarness.TOKEN);
    Resource<NewFolder, Folder> folders = GoogleDrive.connector(drive.uri(), DriveHarness.bearer()).folders();
    VendorResponse created = wire.send(folders.create(new NewFolder("Ada Lovelace", null),
        wire.context(KEY, "folders.create")));
    assertThat(created.status()).isEqualTo(200);
    return drive.folders().get(0);
  }

  /** The books of a process that died after starting the folder step's create. */
  private void journalOfTheDeadProcess() {
    Instant now = time.instant();
    try (FileJournal died = FileJournal.open(dir.resolve("sagas.journal"))) {
      List.of(
          JournalEntry.started(SAGA, now, "onboard", "0af7651916cd43dd8448eb211c80319c", "default", 2),
          JournalEntry.stepStarted(SAGA, now, 0, "folder", null),
          JournalEntry.intent(SAGA, now, 0, 0, "drive", "folders", KEY, "{\"name\":\"Ada Lovelace\"}"))
          .forEach(died::append);
    }
  }
}
