package dev.actionlayer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written request-id and code checks say what the patterns they replaced said, string for string. */
class VendorTextIdTest {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/+=-]+(?: [A-Za-z0-9._:/+=-]+)*");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,64}");
  /** The first eleven are the code characters. */
  private static final char[] ALPHABET = "aZ09._:/+=- \t\n?é\u00a0\u2028,;\"\\%~*".toCharArray();

  @Test
  void agreesWithThePatternOnRandomShortStrings() {
    Random random = new Random(11);
    for (int round = 0; round < 200_000; round++) {
      char[] s = new char[random.nextInt(9)];
      for (int i = 0; i < s.length; i++) s[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      String id = new String(s);
      assertThat(VendorText.isIdWords(id)).as("\"%s\"", id).isEqualTo(ID.matcher(id).matches());
    }
  }

  @Test
  void codesAgreeWithThePatternOnRandomStrings() {
    Redactor noSecrets = new Redactor(List::of);
    Random random = new Random(12);
    for (int round = 0; round < 100_000; round++) {
      // Half of them nearly all code characters, so that lengths around the bound of 64 occur.
      boolean codeLike = random.nextBoolean();
      char[] s = new char[random.nextInt(70)];
      for (int i = 0; i < s.length; i++) {
        s[i] = codeLike && random.nextInt(100) < 98 ? ALPHABET[random.nextInt(11)] : ALPHABET[random.nextInt(ALPHABET.length)];
      }
      String code = new String(s);
      boolean expected = !code.isEmpty() && CODE.matcher(code.strip()).matches();
      assertThat(VendorText.code(noSecrets, code) != null).as("\"%s\"", code).isEqualTo(expected);
    }
  }

  @Test
  void asanasPhrasesAndPlainIdsPassOtherTextDoesNot() {
    assertThat(VendorText.isIdWords("req-7f3a")).isTrue();
    assertThat(VendorText.isIdWords("Request id abc/123=")).isTrue();
    assertThat(VendorText.isIdWords("two  spaces")).isFalse();
    assertThat(VendorText.isIdWords(" leading")).isFalse();
    assertThat(VendorText.isIdWords("trailing ")).isFalse();
    assertThat(VendorText.isIdWords("")).isFalse();
    assertThat(VendorText.isIdWords("tab\there")).isFalse();
  }
}
