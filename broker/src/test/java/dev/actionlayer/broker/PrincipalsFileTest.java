package dev.actionlayer.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The principals file: its format, its errors (never quoting a value) and its re-reading. */
class PrincipalsFileTest {
  @TempDir
  Path dir;

  static List<PrincipalsFile.Entry> parse(String text) {
    return PrincipalsFile.parse(text.getBytes(StandardCharsets.UTF_8), "principals.properties");
  }

  @Test
  void keysAreHashedAndRolesRead() {
    String key = BrokerKeys.generate();
    assertThat(key).matches("al_[A-Za-z0-9_-]{43}");
    assertThat(BrokerKeys.hash(key)).matches("sha256:[0-9a-f]{64}");
    List<PrincipalsFile.Entry> entries = parse("# agents\nbot.key=" + BrokerKeys.hash(key) + "\n\n"
        + "alice.key = " + BrokerKeys.hash(BrokerKeys.generate()) + "\nalice.role=approver\n");
    assertThat(entries).extracting(PrincipalsFile.Entry::principal)
        .containsExactly(new Principal("bot", false), new Principal("alice", true));
  }

  @Test
  void everyProblemIsReportedByLineAndKey_neverQuotingAValue() {
    String pasted = BrokerKeys.generate();
    String hash = BrokerKeys.hash(BrokerKeys.generate());
    assertThatThrownBy(() -> parse("bot.key=" + pasted + "\n"
        + pasted + "\n"
        + "bot.role=admin\n"
        + "two.key=" + hash + "\nthree.key=" + hash + "\n"
        + "two.key=" + BrokerKeys.hash("x") + "\n"
        + "ghost.role=approver\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1: bot.key: must be sha256:")
        .hasMessageContaining("line 2: not a <principal>.key or <principal>.role line")
        .hasMessageContaining("line 3: bot.role: must be approver or agent")
        .hasMessageContaining("line 5: three.key: the same key as another principal's")
        .hasMessageContaining("line 6: two.key: already set on line 4")
        .hasMessageContaining("line 7: ghost.role: ghost has no ghost.key")
        .hasMessageNotContaining(pasted)
        .hasMessageNotContaining(hash.substring(7));
  }

  @Test
  void aChangedFileIsReReadAtMostOnceASecond_andAnInvalidOneRefusesEveryKey() throws Exception {
    String a = BrokerKeys.generate();
    String b = BrokerKeys.generate();
    Path file = dir.resolve("p.properties");
    Files.writeString(file, "a.key=" + BrokerKeys.hash(a) + "\n");
    AtomicLong now = new AtomicLong();
    Principals principals = new Principals(file, now::get);
    assertThat(principals.authenticate(a)).contains(new Principal("a", false));
    assertThat(principals.authenticate(b)).isEmpty();

    Files.writeString(file, "b.key=" + BrokerKeys.hash(b) + "\n");
    assertThat(principals.authenticate(a)).as("not yet re-read").isPresent();
    now.addAndGet(Principals.CHECK_EVERY_NANOS);
    assertThat(principals.authenticate(a)).isEmpty();
    assertThat(principals.authenticate(b)).contains(new Principal("b", false));

    Files.writeString(file, "b.key=" + b + "\n");
    now.addAndGet(Principals.CHECK_EVERY_NANOS);
    assertThat(principals.authenticate(b)).as("fail closed").isEmpty();
    assertThat(principals.healthy()).isFalse();

    Files.delete(file);
    now.addAndGet(Principals.CHECK_EVERY_NANOS);
    assertThat(principals.authenticate(b)).isEmpty();
    Files.writeString(file, "b.key=" + BrokerKeys.hash(b) + "\n");
    now.addAndGet(Principals.CHECK_EVERY_NANOS);
    assertThat(principals.authenticate(b)).isPresent();
    assertThat(principals.healthy()).isTrue();
  }
}
