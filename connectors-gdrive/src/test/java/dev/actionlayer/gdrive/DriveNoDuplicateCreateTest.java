package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.audit.AuditEvent;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import dev.actionlayer.testkit.fakes.FakeDrive;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create must never make a second folder: its pre-generated id makes a repeat answer {@code 409
 * fileIdInUse}, which the connector reads back as the folder it created.
 */
class DriveNoDuplicateCreateTest {
  private static final NewFolder FOLDER = new NewFolder("Ada Lovelace", null);
  private static final Predicate<RecordedCall> POSTS = c -> c.method().equals("POST");
  private static final Predicate<RecordedCall> GENERATE_IDS = c -> c.pathWithoutQuery().endsWith("/generateIds");
  private static final Predicate<RecordedCall> READS =
      c -> c.method().equals("GET") && !GENERATE_IDS.test(c);

  private final LayerHarness harness = DriveHarness.create();
  private final FakeDrive drive = new FakeDrive();

  @BeforeEach
  void start() {
    drive.requireBearer(DriveHarness.TOKEN);
    drive.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    drive.close();
  }

  private Folders folders() {
    return harness.folders(GoogleDrive.connector(drive.uri(), DriveHarness.bearer()));
  }

  private List<String> createBodies() {
    return drive.requests().stream().filter(POSTS).map(RecordedCall::body).toList();
  }

  private void assertExactlyOneFolderReturnedAs(Folder folder) {
    assertThat(drive.folders()).hasSize(1);
    FakeDrive.Folder stored = drive.folders().get(0);
    assertThat(folder).isEqualTo(new Folder(stored.id(), "Ada Lovelace", FakeDrive.ROOT_ID,
        "https://drive.google.com/drive/folders/" + stored.id(), java.util.Map.of()));
    assertThat(drive.createCount()).isEqualTo(1);
    assertThat(createBodies()).hasSize(2).allMatch(body -> body.contains("\"id\":\"" + stored.id() + "\""));
  }

  /** The kit checks the round trip by id; this is the Drive part: no parent means My Drive, ids come in a batch. */
  @Test
  void aFolderWithoutAParentIsCreatedInMyDriveFromOneIdBatch() {
    Folders folders = folders();

    Folder created = folders.create(FOLDER);
    Folder read = folders.get(created.id());

    assertThat(read).isEqualTo(created);
    assertThat(created.parentId()).isEqualTo(FakeDrive.ROOT_ID);
    assertThat(drive.generateIdsCount()).isEqualTo(1);
  }

  @Test
  void theFolderCarriesTheIdempotencyKeyAsAnAppProperty() {
    folders().create(FOLDER);

    Map<String, String> props = drive.folders().get(0).appProperties();
    assertThat(props).containsOnlyKeys("actionlayerKey");
    AuditEvent event = harness.audit().get(0);
    assertThat(props.get("actionlayerKey")).isEqualTo(event.idempotencyKey());
  }

  @Test
  void createWhoseResponseIsLostIsRepeatedWithTheSameIdAndReadBack() {
    drive.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    Folder folder = folders().create(FOLDER);

    assertExactlyOneFolderReturnedAs(folder);
    assertThat(drive.requestCount(READS)).isEqualTo(1);
    assertThat(harness.audit()).singleElement().satisfies(event -> {
      assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
      assertThat(event.attempts()).extracting(AuditEvent.Attempt::kind, AuditEvent.Attempt::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("aux", 200),
              org.assertj.core.groups.Tuple.tuple("call", 0),
              org.assertj.core.groups.Tuple.tuple("aux", 200),
              org.assertj.core.groups.Tuple.tuple("call", 409));
    });
  }

  @Test
  void createWhoseSuccessBodyIsGarbageIsRepeatedAndReadBack() {
    drive.on(Requests.creates()).nth(1).respond(Fault.applyThenGarbage());

    Folder folder = folders().create(FOLDER);

    assertExactlyOneFolderReturnedAs(folder);
  }

  @Test
  void createWhoseSuccessBodyIsCutOffIsRepeatedAndReadBack() {
    drive.on(Requests.creates()).nth(1).respond(Fault.applyThenTruncate());

    Folder folder = folders().create(FOLDER);

    assertExactlyOneFolderReturnedAs(folder);
  }

  @Test
  void a500OnCreateIsRepeatedWithTheSameIdBecauseARepeatCannotDuplicate() {
    drive.on(Requests.creates()).nth(1).respond(FakeDrive.backendError500());

    Folder folder = folders().create(FOLDER);

    assertThat(drive.folders()).extracting(FakeDrive.Folder::id).containsExactly(folder.id());
    assertThat(createBodies()).hasSize(2).allMatch(body -> body.contains(folder.id()));
    assertThat(drive.requestCount(READS)).isZero();
  }

  @Test
  void theGoogleFrontEnds502OnCreateIsRepeatedAndCreatesOnce() {
    drive.on(Requests.creates()).nth(1).respond(FakeDrive.badGateway502());

    Folder folder = folders().create(FOLDER);

    assertThat(drive.folders()).extracting(FakeDrive.Folder::id).containsExactly(folder.id());
  }

  @Test
  void a403RateLimitOnCreateIsRetried() {
    drive.on(Requests.creates()).nth(1).respond(FakeDrive.userRateLimitExceeded403());

    folders().create(FOLDER);

    assertThat(drive.folderCount()).isEqualTo(1);
    assertThat(drive.requestCount(POSTS)).isEqualTo(2);
    assertThat(harness.time().sleeps()).hasSize(1);
  }

  @Test
  void aFailedReadBackAfterALostResponseIsOutcomeUnknownAndStillOneFolder() {
    drive.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
    drive.on(Requests.where(READS)).nth(1).respond(FakeDrive.badGateway502());

    ActionError e = LayerHarness.failure(() -> folders().create(FOLDER)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(drive.folderCount()).isEqualTo(1);
    assertThat(drive.requestCount(POSTS)).isEqualTo(2);
  }

  @Test
  void aLostCreateFollowedOnlyByRateLimitsIsOutcomeUnknown() {
    drive.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());
    drive.on(Requests.creates()).nth(2).respond(FakeDrive.userRateLimitExceeded403());
    drive.on(Requests.creates()).nth(3).respond(FakeDrive.rateLimitExceeded403());

    ActionError e = LayerHarness.failure(() -> folders().create(FOLDER)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(drive.folderCount()).isEqualTo(1);
  }

  @Test
  void wrongTokenGetsTheVerbatim401AsUnauthenticatedAndCreatesNothing() {
    Folders folders = harness.folders(GoogleDrive.connector(drive.uri(), Credentials.bearer("ya29.expired")));

    ActionError e = LayerHarness.failure(() -> folders.create(FOLDER)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.vendorCode()).isEqualTo("authError");
    assertThat(e.message()).doesNotContain("ya29.expired");
    assertThat(drive.requestCount(POSTS)).isZero();
    assertThat(drive.folderCount()).isZero();
  }

  @Test
  void aDailyLimitOnGenerateIdsFailsTheCreateBeforeAnythingIsCreated() {
    drive.on(Requests.where(GENERATE_IDS)).nth(1).respond(FakeDrive.dailyLimitExceeded403());

    ActionError e = LayerHarness.failure(() -> folders().create(FOLDER)).error();

    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.retryable()).isFalse();
    assertThat(drive.requestCount(POSTS)).isZero();
  }

  @Test
  void aMissingParentIsNotFoundAndNothingIsCreated() {
    ActionError e = LayerHarness.failure(() -> folders().create(
        new NewFolder("Orphan", "1NoSuchParentFolder000000000000000"))).error();

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.message()).isEqualTo("File not found: 1NoSuchParentFolder000000000000000.");
    assertThat(drive.folderCount()).isZero();
  }

  @Test
  void childFoldersNameTheirParent() {
    Folders folders = folders();

    Folder parent = folders.create(new NewFolder("Customers", "root"));
    Folder child = folders.create(new NewFolder("Ada Lovelace", parent.id()));

    assertThat(parent.parentId()).isEqualTo(FakeDrive.ROOT_ID);
    assertThat(child.parentId()).isEqualTo(parent.id());
    assertThat(folders.get(child.id())).isEqualTo(child);
    assertThat(drive.generateIdsCount()).isEqualTo(1);
  }

  /**
   * When the auxiliary generateIds request is what keeps failing, each failure is one attempt of
   * the logical call: the call gives up after maxAttempts, and the audit shows the backoff before
   * each retry.
   */
  @Test
  void aFailingIdRequestSpendsTheCallsAttemptsAndItsBackoffIsAudited() {
    drive.on(Requests.where(GENERATE_IDS)).always().respond(Fault.status(503));

    ActionException e = LayerHarness.failure(() -> folders().create(FOLDER));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(drive.requests().stream().filter(GENERATE_IDS).count()).isEqualTo(3);
    assertThat(drive.createCount()).isZero();
    List<AuditEvent.Attempt> attempts = harness.lastEvent().attempts();
    assertThat(attempts).extracting(AuditEvent.Attempt::kind).containsExactly("aux", "aux", "aux");
    assertThat(attempts.get(0).delayBeforeMs()).isZero();
    assertThat(attempts.subList(1, 3)).allSatisfy(a -> assertThat(a.delayBeforeMs()).isPositive());
    assertThat(harness.time().slept()).isEqualTo(java.time.Duration.ofMillis(
        attempts.get(1).delayBeforeMs() + attempts.get(2).delayBeforeMs()));
  }
}
