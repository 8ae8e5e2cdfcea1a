package dev.actionlayer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written request-id check says what the pattern it replaced said, string for string. */
class VendorTextIdTest {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/+=-]+(?: [A-Za-z0-9._:/+=-]+)*");
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
