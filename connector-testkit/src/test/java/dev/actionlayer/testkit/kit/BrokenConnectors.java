package dev.actionlayer.testkit.kit;

import dev.actionlayer.ActionError;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.net.URI;

/** Deliberately broken variants of {@link ReferenceJira}, each with its kit run. */
final class BrokenConnectors {
  private BrokenConnectors() {}

  /** Claims Jira deduplicates creates, so the pipeline repeats an unkeyed create. */
  public static class RetriesUnkeyedCreate extends ReferenceVerification {
    @Override
    protected Connector connector(URI baseUri, String secret) {
      return new ReferenceJira(baseUri, EMAIL, secret) {
        @Override
        CreateSafety createSafety() {
          return CreateSafety.KEYED;
        }
      };
    }
  }

  /**
   * Puts the credential, reversed, into every error message: a form no redactor can know (the
   * pipeline masks its base64, hex and URL encodings), so only the kit's rule catches it.
   */
  public static class LeaksCredential extends ReferenceVerification {
    @Override
    protected Connector connector(URI baseUri, String secret) {
      return new ReferenceJira(baseUri, EMAIL, secret) {
        @Override
        public ActionError mapError(VendorResponse response) {
          String token = new StringBuilder(this.secret).reverse().toString();
          ActionError e = super.mapError(response);
          return e.toBuilder().message(e.message() + " (we sent " + token + ")").build();
        }
      };
    }
  }

  /** Maps a 429 as an internal error. */
  public static class MapsRateLimitAsInternal extends ReferenceVerification {
    @Override
    protected Connector connector(URI baseUri, String secret) {
      return new ReferenceJira(baseUri, EMAIL, secret) {
        @Override
        public ActionError mapError(VendorResponse response) {
          return response.status() == 429
              ? ActionError.builder(ErrorCode.INTERNAL).httpStatus(429).message("unexpected").build()
              : super.mapError(response);
        }
      };
    }
  }

  /** Drops the vendor's Retry-After, so the pipeline backs off on its own schedule. */
  public static class IgnoresRetryAfter extends ReferenceVerification {
    @Override
    protected Connector connector(URI baseUri, String secret) {
      return new ReferenceJira(baseUri, EMAIL, secret) {
        @Override
        public ActionError mapError(VendorResponse response) {
          return super.mapError(response).toBuilder().retryAfter(null).build();
        }
      };
    }
  }

  /** Puts the agent's id into the literal path, where {@code ..} and {@code /} are structure. */
  public static class FollowsDotDot extends ReferenceVerification {
    @Override
    protected Connector connector(URI baseUri, String secret) {
      return new ReferenceJira(baseUri, EMAIL, secret) {
        @Override
        VendorRequest.Builder issue(VendorRequest.Builder b, String id) {
          return b.path("rest/api/3/issue/" + id);
        }
      };
    }
  }

  /**
   * Sends a query parameter Jira's document does not declare ({@code expandd}, a typo) on every
   * issue request: the fake does not mind, the vendor's own document does.
   */
  public static class SendsAnUndocumentedParameter extends ReferenceVerification {
    @Override
    protected Connector connector(URI baseUri, String secret) {
      return new ReferenceJira(baseUri, EMAIL, secret) {
        @Override
        VendorRequest.Builder issue(VendorRequest.Builder b, String id) {
          return super.issue(b, id).query("expandd", "names");
        }
      };
    }
  }
}
