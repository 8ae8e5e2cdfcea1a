package dev.actionlayer.gitlab;

import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeGitLab;
import java.net.URI;

/** GitLab Issues against the conformance kit: creates findable by a description marker, a bearer token. */
class GitLabVerificationTest extends ConnectorVerification<FakeGitLab> {
  static final String PROJECT = "my-group/my-project";

  @Override
  protected FakeGitLab newFake(String secret) {
    return new FakeGitLab().requireToken(secret);
  }

  @Override
  protected URI baseUri(FakeGitLab fake) {
    return fake.uri().resolve("/api/v4");
  }

  @Override
  protected Connector connector(URI baseUri, String secret) {
    return GitLab.connector(baseUri, Credentials.bearer(secret));
  }

  @Override
  protected Subject subject() {
    return Subject.tasks(new NewTask(PROJECT, "Fix login bug", "500s on /login"));
  }

  @Override
  protected VendorSignals signals() {
    return new GitLabSignals();
  }

  @Override
  protected int storedRecords(FakeGitLab fake) {
    return fake.issueCount();
  }

  @Override
  protected String missingId() {
    return "278964#99999";
  }

  /** GitLab's documented answers. */
  static final class GitLabSignals implements VendorSignals {
    @Override
    public Fault unauthenticated() {
      return FakeGitLab.unauthorized();
    }

    @Override
    public Fault permissionDenied() {
      return FakeGitLab.insufficientScope();
    }

    @Override
    public Fault validation() {
      return FakeGitLab.titleNotGiven();
    }

    @Override
    public String validationField() {
      return "title";
    }

    @Override
    public Fault rateLimited() {
      return FakeGitLab.retryLater();
    }
  }
}
