package dev.actionlayer.github;

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
import java.util.ArrayList;
import java.util.List;

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

  /**
   * GitHub's REST description (github/rest-api-description, published as @octokit/openapi 23.0.2).
   * The delete is GitHub's GraphQL {@code deleteIssue} mutation, which a REST description does not
   * hold; some examples are written as {@code value: {$ref}}, which OpenAPI reads as a literal
   * object; and a generated issue's {@code repository_url} must be a repository's API URL.
   */
  @Override
  protected VendorDocument document() {
    return VendorDocument.named("github")
        .undocumented("POST", "/graphql", "GitHub deletes an issue only through its GraphQL API (the deleteIssue "
            + "mutation, https://docs.github.com/en/graphql/reference/mutations#deleteissue), not in the REST description")
        .patch("the description writes some examples as value: {$ref: #/components/examples/…}, which OpenAPI reads as "
                + "the literal object {\"$ref\": …} (the Example Object's value is literal); made Example Object references",
            GitHubVerificationTest::exampleRefs)
        .sample("repository_url", "https://api.github.com/repos/octo-org/hello-world", "the description types "
            + "repository_url as any URI; GitHub's is the repository's API URL, https://api.github.com/repos/{owner}/{repo} "
            + "(https://docs.github.com/en/rest/issues/issues#get-an-issue), which the connector reads the project from");
  }

  /** {@code {"summary": …, "value": {"$ref": R}}} becomes {@code {"$ref": R}}, wherever it occurs. */
  private static void exampleRefs(ObjectNode doc) {
    List<ObjectNode> found = new ArrayList<>();
    doc.findParents("examples").forEach(parent -> {
      if (parent.get("examples") instanceof ObjectNode examples) {
        examples.fields().forEachRemaining(e -> {
          if (e.getValue() instanceof ObjectNode example && example.path("value").size() == 1
              && example.path("value").path("$ref").asText("").startsWith("#/components/examples/")) {
            found.add(example);
          }
        });
      }
    });
    for (ObjectNode example : found) {
      String ref = example.path("value").path("$ref").asText();
      example.removeAll();
      example.put("$ref", ref);
    }
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
