package dev.actionlayer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass redactor against the one it replaced ({@link RedactorBefore}), on texts assembled
 * from what redaction is about: the secrets and their encodings in odd cases, secret words in
 * names, in prose, before {@code =} and whitespace, quotes, vendor key marks, and characters whose
 * case folds oddly (Kelvin sign, dotted I, long s, micro sign). Same output, text for text.
 */
class RedactorEquivalenceTest {
  private static final List<String> SECRETS =
      List.of("bench-token", "s3cr3t-Passw0rd", "YmVuY2g6czNjcjN0", "\u212Aelvin-key-1",
          // A character outside Latin-1 among the first four: found the slow way, as before.
          "\u043a\u043b\u044e\u0447-secret-42", "ab\u0416d-99z",
          // Four characters: the shortest secret kept, searched one by one too.
          "Zq9x");

  private static final String[] PIECES = {
    "bench-token", "BENCH-TOKEN", "Bench-Token", "62656e63682d746f6b656e", "YmVuY2gtdG9rZW4=", "YmVuY2gtdG9rZW4",
    "s3cr3t-Passw0rd", "S3CR3T-PASSW0RD", "s3cr3t%2DPassw0rd", "czNjcjN0LVBhc3N3MHJk", "kelvin-key-1", "KELVIN-KEY-1",
    "\"token\"", "\"access_token\"", "\"Password\"", "\"client-SECRET\"", "\"sessionId\"", "\"name\"", "\"x\"",
    ": ", ":", "\"", "\"value with spaces\"", "\"abc\\\"def\"", "token=", "api_key=", "&", "?", "=", "secret[0]=",
    "Bearer ", "bearer\t", "Basic ", "TOKEN ", "OAuth\n", "abcdef123456", "sk_live_", "SK_LIVE_", "rk_test_", "pk_test_",
    "a password reset", "the session store", " ", "\n", ",", "{", "}", "[", "]", "İ", "ı", "ſ", "µ", "\u212A", "é", "É",
    "\u043a\u043b\u044e\u0447-secret-42", "\u041a\u041b\u042e\u0427-SECRET-42", "AB\u0436D-99Z", "ab\u0416d-99z", "zQ9X", "Zq9x", "5a713978", "WnE5eA==",
    "😀", "\ud83d", "token", "credential", "signature", "authorization", "passwd", "apikey", "api-key", "session-id",
  };

  @Test
  void randomTexts_redactExactlyAsBefore() {
    Redactor now = new Redactor(() -> SECRETS);
    RedactorBefore before = new RedactorBefore(() -> SECRETS);
    Random random = new Random(20261206);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder s = new StringBuilder();
      int pieces = random.nextInt(24);
      for (int i = 0; i < pieces; i++) {
        s.append(random.nextInt(5) == 0 ? String.valueOf((char) random.nextInt(0x3000)) : PIECES[random.nextInt(PIECES.length)]);
      }
      String text = s.toString();
      assertThat(now.text(text)).as("round %d: %s", round, text).isEqualTo(before.text(text));
    }
  }

  @Test
  void withoutSecrets_redactExactlyAsBefore() {
    Redactor now = new Redactor(List::of);
    RedactorBefore before = new RedactorBefore(List::of);
    Random random = new Random(7);
    for (int round = 0; round < 5_000; round++) {
      StringBuilder s = new StringBuilder();
      int pieces = random.nextInt(16);
      for (int i = 0; i < pieces; i++) s.append(PIECES[random.nextInt(PIECES.length)]);
      String text = s.toString();
      assertThat(now.text(text)).as("round %d: %s", round, text).isEqualTo(before.text(text));
    }
  }

  @Test
  void aSecretWhoseFirstLetterFoldsFromOutsideLatin1_isStillMasked() {
    // The Kelvin sign lower-cases to 'k': an echo in plain letters is the secret all the same.
    Redactor now = new Redactor(() -> SECRETS);
    assertThat(now.text("key: KELVIN-KEY-1 and kelvin-key-1 and \u212Aelvin-key-1"))
        .doesNotContainIgnoringCase("elvin-key-1");
  }
}
