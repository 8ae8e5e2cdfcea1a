package dev.actionlayer.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeOAuthTest {
  final OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  FakeOAuth oauth;

  @BeforeEach
  void start() {
    oauth = new FakeOAuth().client("c", "s").refreshToken("rt");
    oauth.start();
  }

  @AfterEach
  void stop() {
    oauth.close();
  }

  String refresh(java.net.URI endpoint, String refreshToken) throws Exception {
    Request request = new Request.Builder().url(endpoint.toString()).post(new FormBody.Builder()
        .add("grant_type", "refresh_token").add("refresh_token", refreshToken)
        .add("client_id", "c").add("client_secret", "s").build()).build();
    try (Response response = client.newCall(request).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  @Test
  void mintsANewAccessTokenPerRefreshInEachVendorsShape() throws Exception {
    assertThat(refresh(oauth.salesforceEndpoint(), "rt")).startsWith("200 ").contains("\"access_token\":\"access-1\"", "instance_url")
        .doesNotContain("expires_in");
    assertThat(refresh(oauth.googleEndpoint(), "rt")).contains("\"access_token\":\"access-2\"", "\"expires_in\":3600");
    assertThat(oauth.currentToken()).isEqualTo("access-2");
    assertThat(oauth.mintedCount()).isEqualTo(2);
  }

  @Test
  void aWrongOrRevokedRefreshTokenIsInvalidGrant() throws Exception {
    assertThat(refresh(oauth.salesforceEndpoint(), "other"))
        .isEqualTo("400 {\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}");
    oauth.revoke();
    assertThat(refresh(oauth.googleEndpoint(), "rt")).startsWith("400 ").contains("invalid_grant");
    assertThat(oauth.mintedCount()).isZero();
  }
}
