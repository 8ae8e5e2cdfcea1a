package dev.actionlayer.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.actionlayer.Credentials;
import dev.actionlayer.NewTask;
import dev.actionlayer.spi.Connector;
import dev.actionlayer.testkit.ConnectorVerification;
import dev.actionlayer.testkit.Subject;
import dev.actionlayer.testkit.VendorDocument;
import dev.actionlayer.testkit.VendorSignals;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fakes.FakeGitHub;
import java.net.URI;
import java.util.List;

/** GitHub Issues against the conformance kit: unkeyed creates, a bearer token, delete over GraphQL. */
class GitHubVerificationTest extends ConnectorVerification<FakeGitHub> {
  static final String REPO = "octo-org/hello-world";

  @Override
  protected FakeGitHub newFake(String secret) {
    return new FakeGitHub().requireBearer(secret);
  }

  /**
   * GitHub's REST description. Its one GraphQL request (the delete) is not REST; its examples for
   * the issue operations write {@code "value": {"$ref": "#/components/examples/issue"}}, a reference
   * where OpenAPI wants the literal value, so they are resolved first; generated issues must name a
   * repository in {@code repository_url}, which the connector reads the task's project from.
   */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("github")
        .undocumented("POST", "/graphql", "GraphQL deleteIssue: REST cannot delete an issue, and the REST"
            + " description has no GraphQL endpoint")
        .patch("example values written as $ref to components/examples are resolved", GitHubVerificationTest::resolveExampleRefs)
        .sample("repository_url", "https://api.github.com/repos/octo-org/hello-world",
            "an issue's repository_url names its repository, which a generated uri cannot");
  }

  /** Replaces each response example whose value is only a {@code $ref} by the referenced example's value. */
  static void resolveExampleRefs(ObjectNode doc) {
    JsonNode examples = doc.path("components").path("examples");
    for (String path : List.of("/repos/{owner}/{repo}/issues", "/repos/{owner}/{repo}/issues/{issue_number}")) {
      for (JsonNode operation : doc.path("paths").path(path)) {
        for (JsonNode response : operation.path("responses")) {
          for (JsonNode media : response.path("content")) {
            for (JsonNode example : media.path("examples")) {
              JsonNode ref = example.path("value").path("$ref");
              if (example instanceof ObjectNode o && ref.isTextual() && ref.asText().startsWith("#/components/examples/")) {
                JsonNode target = examples.path(ref.asText().substring("#/components/examples/".length())).path("value");
                if (!target.isMissingNode()) o.set("value", target);
              }
            }
          }
        }
      }
    }
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
