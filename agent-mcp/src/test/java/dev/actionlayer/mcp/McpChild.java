package dev.actionlayer.mcp;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.ConnectionPolicy;
import dev.actionlayer.Credentials;
import dev.actionlayer.gdrive.GoogleDrive;
import dev.actionlayer.jira.Jira;
import dev.actionlayer.salesforce.Salesforce;
import dev.actionlayer.stripe.Stripe;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The MCP server as a host starts it: a separate JVM whose stdin/stdout are the protocol. It acts
 * on the four vendors' fakes the test runs, whose base URIs are its arguments (Salesforce, Drive,
 * Stripe, Jira); the credentials come from the environment, as they would in production.
 * Connections: {@code sf}, {@code drive}, {@code stripe}, {@code jira}.
 */
final class McpChild {
  static final String SF_KEY_FIELD = "Actionlayer_Key__c";
  static final String AUDIT_PREFIX = "audit-on-stdout ";

  private McpChild() {}

  public static void main(String[] args) {
    UnaryOperator<ConnectionPolicy.Builder> policy = p -> p.noRateLimit()
        .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
        // A Retry-After longer than this comes back to the model at once instead of being waited.
        .maxWait(Duration.ofSeconds(1));
    ActionLayer layer = ActionLayer.builder()
        .connection("sf", Salesforce.builder(URI.create(args[0]), Credentials.bearer(System.getenv("SF_TOKEN")))
            .contactExternalIdField(SF_KEY_FIELD).build(), policy)
        .connection("drive", GoogleDrive.connector(URI.create(args[1]),
            Credentials.bearer(System.getenv("DRIVE_TOKEN"))), policy)
        .connection("stripe", Stripe.connector(URI.create(args[2]),
            Credentials.bearer(System.getenv("STRIPE_KEY"))), policy)
        .connection("jira", Jira.builder(URI.create(args[3]),
                Credentials.basic(System.getenv("JIRA_EMAIL"), System.getenv("JIRA_TOKEN")))
            .dedupeLabels(true).build(), policy)
        // The hazard the stdio server guards against: code that prints to System.out while a call
        // runs. Serving over stdio must send this to stderr, not into the protocol stream.
        .auditSink(event -> System.out.println(AUDIT_PREFIX + event.toJson()))
        .build();
    try {
      ActionlayerMcpServer.serveStdio(layer.tools());
    } finally {
      layer.close();
    }
    System.err.println("mcp child: input closed, exiting");
  }
}
