import dev.actionlayer.testkit.fakes.FakeJira;
import dev.actionlayer.testkit.fakes.FakeStripe;

/**
 * The vendors behind the broker that scripts/mcp-conformance tests: the Jira and Stripe fakes the
 * demo embeds (they ship in cli/target/actionlayer.jar), on loopback. Run as a source file:
 *
 * <pre>java -cp cli/target/actionlayer.jar scripts/conformance/ConformanceFakes.java</pre>
 *
 * The credentials they require come from JIRA_EMAIL, JIRA_API_TOKEN and STRIPE_SECRET_KEY (the
 * same variables the generated broker configuration names). Prints one line per fake
 * ({@code <name>.baseUri=<uri>}, ready to append to the configuration), then "ready", and serves
 * until its standard input closes or the process is killed.
 */
public final class ConformanceFakes {
  public static void main(String[] args) throws Exception {
    FakeJira jira = new FakeJira().projects("PROJ", "OPS")
        .requireBasic(env("JIRA_EMAIL"), env("JIRA_API_TOKEN"));
    FakeStripe stripe = new FakeStripe().requireKey(env("STRIPE_SECRET_KEY"));
    jira.start();
    stripe.start();
    System.out.println("jira.baseUri=" + jira.uri());
    System.out.println("stripe.baseUri=" + stripe.uri());
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until stdin closes
    }
    jira.close();
    stripe.close();
  }

  private static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) throw new IllegalStateException(name + " is not set");
    return v;
  }
}
