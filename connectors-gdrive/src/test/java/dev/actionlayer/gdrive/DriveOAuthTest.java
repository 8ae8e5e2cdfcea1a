package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.Credentials;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.Folder;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fakes.FakeDrive;
import dev.actionlayer.testkit.fakes.FakeOAuth;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With OAuth refresh credentials, Drive's 401 {@code authError} costs one refresh, not the call. */
class DriveOAuthTest {
  private final LayerHarness harness = DriveHarness.create();
  private final FakeOAuth oauth = new FakeOAuth();
  private final FakeDrive drive = new FakeDrive();
  /** The token Drive accepts; a test moves it on to make the cached one "expired". */
  private final AtomicReference<String> accepted = new AtomicReference<>();

  @BeforeEach
  void start() {
    oauth.start();
    drive.requireBearer(() -> accepted.get() != null ? accepted.get() : oauth.currentToken());
    drive.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    drive.close();
    oauth.close();
  }

  private Folders folders() {
    return harness.folders(GoogleDrive.connector(drive.uri(),
        Credentials.oauth(oauth.googleEndpoint(), "client-1", "client-secret-1", "refresh-token-1")));
  }

  @Test
  void aRejectedAccessTokenIsRefreshedOnceAndTheReadSucceeds() {
    Folders folders = folders();
    Folder created = folders.create(new NewFolder("Ada Lovelace", null));
    accepted.set("access-2"); // Drive now rejects access-1, which the layer still caches

    Folder read = folders.get(created.id());

    assertThat(read).isEqualTo(created);
    assertThat(oauth.mintedCount()).isEqualTo(2);
  }

  @Test
  void aRevokedRefreshTokenIsUnauthenticated() {
    Folders folders = folders();
    Folder created = folders.create(new NewFolder("Ada Lovelace", null));
    accepted.set("access-never");
    oauth.revoke();

    ActionError e = LayerHarness.failure(() -> folders.get(created.id())).error();

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void aRejectedAccessTokenOnGenerateIdsIsRefreshedOnceAndTheCreateSucceeds() {
    Folders folders = folders();
    folders.get(FakeDrive.ROOT_ID); // mints access-1 without filling the id pool
    accepted.set("access-2");

    Folder created = folders.create(new NewFolder("Ada Lovelace", null));

    assertThat(drive.folders()).extracting(FakeDrive.Folder::id).containsExactly(created.id());
  }
}
