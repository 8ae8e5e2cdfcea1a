package dev.actionlayer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the core promises about a mapped error, fuzzed: whatever words a connector copies from a
 * vendor (message, field errors, code, request id), {@link VendorText#normalise} makes them one
 * line each within the caps, keeps a code or an id only in its shape, and leaves no credential of
 * the connection behind. The connectors' mappers themselves are fuzzed in {@code fuzz-tests}.
 */
class VendorTextFuzzTest {
  static final String SECRET = "s3cr3t-Token-Value-987";
  static final Redactor REDACTOR = new Redactor(() -> List.of(SECRET));
  static final Pattern BREAK = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,64}");
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/+=-]+(?: [A-Za-z0-9._:/+=-]+)*");

  @FuzzTest
  void whateverTheVendorSaidIsBoundedAndSafe(FuzzedDataProvider data) {
    ActionError.Builder b = ActionError.builder(ErrorCode.INVALID_REQUEST)
        .message(text(data)).vendorCode(text(data)).vendorRequestId(text(data));
    int fields = data.consumeInt(0, 60);
    for (int i = 0; i < fields; i++) b.fieldError(text(data), text(data));

    ActionError e = VendorText.normalise(b.build(), REDACTOR, "HTTP 400 with a JSON body");

    oneSafeLine(e.message(), VendorText.MAX_TEXT);
    assertThat(e.message()).isNotBlank();
    assertThat(e.vendorCode()).satisfiesAnyOf(c -> assertThat(c).isEmpty(), c -> assertThat(c).matches(CODE));
    assertThat(e.vendorRequestId()).satisfiesAnyOf(c -> assertThat(c).isEmpty(),
        c -> assertThat(c).matches(ID).hasSizeLessThanOrEqualTo(VendorText.MAX_ID));
    assertThat(e.vendorCode() + e.vendorRequestId()).doesNotContain(SECRET);
    assertThat(e.fieldErrors()).hasSizeLessThanOrEqualTo(VendorText.MAX_FIELDS);
    for (Map.Entry<String, String> f : e.fieldErrors().entrySet()) {
      oneSafeLine(f.getKey(), VendorText.MAX_FIELD_NAME);
      oneSafeLine(f.getValue(), VendorText.MAX_TEXT);
    }
  }

  /** Short strings now and then holding the secret, so that the fuzzer need not guess it. */
  private static String text(FuzzedDataProvider data) {
    String s = data.consumeString(data.consumeInt(0, 400));
    return data.consumeBoolean() ? s + SECRET + data.consumeString(20) : s;
  }

  private static void oneSafeLine(String text, int max) {
    assertThat(text).hasSizeLessThanOrEqualTo(max).doesNotContain(SECRET);
    assertThat(BREAK.matcher(text).find()).as("a control, format or line-separator character in %s", text).isFalse();
    if (text.endsWith("\u2026") && text.length() >= 2) {
      assertThat(Character.isHighSurrogate(text.charAt(text.length() - 2))).as("half a character before the cut").isFalse();
    }
  }
}
