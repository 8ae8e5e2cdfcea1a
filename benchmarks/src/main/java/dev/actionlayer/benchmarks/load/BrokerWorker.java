package dev.actionlayer.benchmarks.load;

import com.zaxxer.hikari.HikariDataSource;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.broker.Broker;
import dev.actionlayer.policy.Policy;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * One broker process of the load harness (its default, {@code broker} variant): the worker's
 * layer ({@link LoadWorker#layer}: connection {@code jira} on the vendor, 10 requests per second,
 * account {@code account}; the shared state on PostgreSQL for {@code shared}, in process for
 * {@code local}; the policy {@link LoadWorker#POLICY}) served by a {@link Broker} on an ephemeral
 * loopback port, with the principals file {@code principals} (the harness wrote it; the key stays
 * with the harness). Warms the layer in process on the warm-up account, starts the broker, prints
 * {@code BROKER <uri>}, serves until its standard input ends (the harness closes it when its agents
 * are done), then closes, prints {@code DONE} and exits.
 *
 * <p>Like {@code actionlayer serve} with {@code broker.database.url}, the shared state runs on a
 * Hikari pool; unlike it, the saga journal and the approvals stay in memory (the load has no
 * sagas to resume and no approval rules; the shared limit is what is measured).
 *
 * <p>{@code BrokerWorker <vendorUri> <shared|local> <account> <principalsFile>}
 */
public final class BrokerWorker {
  private BrokerWorker() {}

  public static void main(String[] args) throws Exception {
    URI vendor = URI.create(args[0]);
    boolean shared = args[1].equals("shared");
    String account = args[2];
    Path principals = Path.of(args[3]);

    HikariDataSource pool = shared ? LoadWorker.pool(10) : null;
    ActionLayer layer = LoadWorker.layer(vendor, pool, account, Policy.parse(LoadWorker.POLICY));
    LoadWorker.warm(layer.forPrincipal(LoadWorker.PRINCIPAL).tools());
    Broker broker = Broker.builder(layer).principals(principals).host("127.0.0.1").port(0).build().start();
    System.out.println("BROKER " + broker.uri());
    System.out.flush();
    try (InputStream in = System.in) {
      while (in.read() >= 0) {
        // the harness writes nothing; end of input is the signal to stop
      }
    }
    broker.close();
    layer.close();
    if (pool != null) pool.close();
    System.out.println("DONE");
    System.out.flush();
    // Idle client threads (the vendor connections' pools) would keep the JVM for minutes.
    System.exit(0);
  }
}
