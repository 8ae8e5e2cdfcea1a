package dev.actionlayer.gdrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.Folder;
import dev.actionlayer.Folders;
import dev.actionlayer.NewFolder;
import dev.actionlayer.testkit.fake.LayerHarness;
import dev.actionlayer.testkit.fakes.FakeDrive;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The id pool is shared by every call on a connection: concurrent creates never share an id. */
class DriveConcurrencyTest {
  private final LayerHarness harness = DriveHarness.create();
  private final FakeDrive drive = new FakeDrive();

  @BeforeEach
  void start() {
    drive.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    drive.close();
  }

  @Test
  void concurrentCreatesEachGetTheirOwnIdFromFewBatches() throws Exception {
    Folders folders = harness.folders(GoogleDrive.builder(drive.uri(), DriveHarness.bearer())
        .idBatchSize(5).build());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Folder>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        NewFolder input = new NewFolder("Folder " + i, null);
        results.add(pool.submit(() -> folders.create(input)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<Folder> result : results) ids.add(result.get(30, TimeUnit.SECONDS).id());

      assertThat(ids).doesNotHaveDuplicates().hasSize(24);
      assertThat(drive.folderCount()).isEqualTo(24);
      // Each batch serves five creates; racing callers may each fetch one when the pool runs dry.
      assertThat(drive.generateIdsCount()).isBetween(5, 5 + 4 * 5);
    } finally {
      pool.shutdownNow();
    }
  }
}
