package dev.actionlayer.github;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeGitHub;
import java.net.URI;

/** GitHub Issues against the conformance kit: unkeyed creates, a bearer token, delete over GraphQL. */
class GitHubVerificationTest extends ConnectorVerification<FakeGitHub> {
  static final String REPO = "octo-org/hello-world";

  @Override
  protected FakeGitHub newFake(String secret) {
    return new FakeGitHub().requireBearer(secret);
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return GitHub.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.tasks(new NewTask(REPO, "Fix login bug", "500s on /login"));
  }

  @Override
  protected VendorSignals signals() {
    return new GitHubSignals();
  }

  @Override
  protected int storedRecords(FakeGitHub fake) {
    return fake.issueCount();
  }

  @Override
  protected String missingId() {
    return REPO + "#999999";
  }

  /** GitHub's answers: the kit adds Retry-After to the secondary rate limit, as GitHub sends it. */
  static final class GitHubSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeGitHub.badCredentials();
    }

    @Override
    public Fault permissionDenied() {
      return FakeGitHub.notAccessible();
    }

    @Override
    public Fault validation() {
      return FakeGitHub.validationFailed("title");
    }

    @Override
    public String validationField() {
      return "title";
    }

    @Override
    public Fault rateLimited() {
      return FakeGitHub.secondaryRateLimit();
    }
  }
}
