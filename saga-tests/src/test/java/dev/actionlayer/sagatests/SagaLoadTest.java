package dev.actionlayer.sagatests;

import dev.actionlayer.internal.saga.FileJournal;
import dev.actionlayer.saga.SagaJournal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The saga load run on the embedded file journal (see {@link SagaLoadChecks} for the checks and
 * {@link SagaLoad} for the harness). After each run the journal file is read back: one
 * SAGA_STARTED and one SAGA_ENDED line per saga, as many lines as entries were appended, and,
 * once reopened, nothing unfinished and an empty file (finished sagas are compacted away).
 */
class SagaLoadTest extends SagaLoadChecks {
  @Override
  Run run(SagaLoad.Config config) throws Exception {
    Path dir = Files.createTempDirectory("saga-load");
    Path file = dir.resolve("sagas.journal");
    SagaLoad.Outcome outcome = SagaLoad.run(config, SagaJournal.file(file), "file");
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    long started = lines.stream().filter(l -> l.contains("\"type\":\"SAGA_STARTED\"")).count();
    long ended = lines.stream().filter(l -> l.contains("\"type\":\"SAGA_ENDED\"")).count();
    if (started != config.sagas()) problems.add(started + " SAGA_STARTED lines for " + config.sagas() + " sagas");
    if (ended != config.sagas()) problems.add(ended + " SAGA_ENDED lines for " + config.sagas() + " sagas");
    if (lines.size() != outcome.journalEntries()) {
      problems.add(lines.size() + " lines for " + outcome.journalEntries() + " entries appended");
    }
    try (FileJournal reopened = FileJournal.open(file)) {
      int unfinished = reopened.claimUnfinished(Integer.MAX_VALUE).size();
      if (unfinished != 0) problems.add(unfinished + " unfinished sagas on reopening");
    }
    if (Files.size(file) != 0) problems.add("reopening left " + Files.size(file) + " bytes of finished sagas");
    for (Path p : List.of(file, dir.resolve("sagas.journal.lock"), dir)) Files.deleteIfExists(p);
    return new Run(outcome, problems);
  }
}
