package dev.actionlayer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  final Redactor redactor = new Redactor(() -> List.of("literal-Secret-1"));

  @Test
  void masksSecretJsonMembersAndKeepsTheRest() {
    String in = "{\"access_token\":\"abc.def\",\"summary\":\"reset my password please\",\"Api-Key\" : \"k\\\"q\",\"key\":\"PROJ-1\"}";

    assertThat(redactor.text(in)).isEqualTo(
        "{\"access_token\":\"[REDACTED]\",\"summary\":\"reset my password please\",\"Api-Key\" : \"[REDACTED]\",\"key\":\"PROJ-1\"}");
  }

  @Test
  void masksSecretFormAndQueryFields() {
    assertThat(redactor.text("grant_type=refresh_token&refresh_token=rt-1&client_secret=s3&x=1"))
        .isEqualTo("grant_type=refresh_token&refresh_token=[REDACTED]&client_secret=[REDACTED]&x=1");
    assertThat(redactor.text("GET /1/cards/abc?key=k1&token=t1")).isEqualTo("GET /1/cards/abc?key=k1&token=[REDACTED]");
  }

  @Test
  void masksAuthorizationValuesVendorKeysAndLiteralSecrets() {
    assertThat(redactor.text("sent Bearer eyJhbGciOi.xyz and Basic ZGV2OnNlY3JldA==")).isEqualTo("sent Bearer [REDACTED] and Basic [REDACTED]");
    assertThat(redactor.text("Invalid API Key provided: sk_test_4eC39HqLyjWDarjtT1zdp7dc")).isEqualTo("Invalid API Key provided: sk_test_[REDACTED]");
    assertThat(redactor.text("echo literal-Secret-1!")).isEqualTo("echo [REDACTED]!");
  }

  @Test
  void leavesTextWithoutSecretsUntouched() {
    String in = "{\"summary\":\"Login page returns 500\",\"project\":{\"key\":\"PROJ\"}}";
    assertThat(redactor.text(in)).isSameAs(in);
  }

  @Test
  void masksEveryEncodingOfALiteralSecret() {
    String secret = "Tok en/+?&=Zq9";
    Redactor r = new Redactor(() -> List.of(secret));
    byte[] bytes = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<String> forms = List.of(
        secret,
        secret.toUpperCase(java.util.Locale.ROOT),
        secret.toLowerCase(java.util.Locale.ROOT),
        java.util.Base64.getEncoder().encodeToString(bytes),
        java.util.Base64.getEncoder().withoutPadding().encodeToString(bytes),
        java.util.Base64.getUrlEncoder().encodeToString(bytes),
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        java.util.HexFormat.of().formatHex(bytes),
        java.util.HexFormat.of().withUpperCase().formatHex(bytes),
        java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8),
        java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"),
        java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT));

    for (String form : forms) {
      assertThat(r.text("token check failed for " + form + " (twice: " + form + ")"))
          .as("form %s", form)
          .isEqualTo("token check failed for [REDACTED] (twice: [REDACTED])");
    }
  }

  @Test
  void overlappingEchoesAreMaskedAsOneAndTheRestIsKept() {
    Redactor r = new Redactor(() -> List.of("abcdef12", "ef12XYZW"));

    assertThat(r.text("<abcdef12XYZW> ok")).isEqualTo("<[REDACTED]> ok");
    assertThat(r.text("ABCDEF12 then İ abcdef12")).isEqualTo("[REDACTED] then İ [REDACTED]");
  }

  @Test
  void secretWordsInProse_leaveTheTextUntouched() {
    String in = "{\"summary\":\"after a password reset the basic flow asks for a token\","
        + "\"url\":\"https://x/y?size=medium&session=\"}";
    assertThat(redactor.text(in)).isSameAs(in);
  }

  @Test
  void secretWordsInNames_areStillFoundWhereverTheNameRuns() {
    assertThat(redactor.text("{\"a\":\"password reset\",\"Old-PASSWORD_hash\"\t:\t\"h\"}"))
        .isEqualTo("{\"a\":\"password reset\",\"Old-PASSWORD_hash\"\t:\t\"[REDACTED]\"}");
    assertThat(redactor.text("a token or two; x_token_v2[0]=abc&y=1"))
        .isEqualTo("a token or two; x_token_v2[0]=[REDACTED]&y=1");
    assertThat(redactor.text("the bearer said: BEARER\tabcdefgh")).isEqualTo("the bearer said: BEARER [REDACTED]");
  }

  @Test
  void aSecretWhoseLowerCaseIsLongerIsMaskedAsItIsAndInAnyCase() {
    // "İ".toLowerCase() is two characters (i and a combining dot): the lower-cased form alone
    // never matches the secret as it was typed.
    Redactor r = new Redactor(() -> List.of("İstanbul-key-1"));
    assertThat(r.text("key İstanbul-key-1 echoed")).isEqualTo("key [REDACTED] echoed");
    assertThat(r.text("key İSTANBUL-KEY-1 echoed")).isEqualTo("key [REDACTED] echoed");
  }
}
