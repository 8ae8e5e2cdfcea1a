package dev.actionlayer.testkit;

import static dev.actionlayer.testkit.Kit.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Requests;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rules on protecting the vendor and the connection: cooldown, breaker, timeouts. */
interface ProtectionRules extends Rules {

  @Test
  default void required_protection_aRateLimitPausesEveryCallerOfTheConnection() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer(p -> p.maxAttempts(1));
    String id = kit.create(layer);
    kit.fake().on(Requests.gets()).nth(1).respond(kit.signals().rateLimited().header("Retry-After", "5"));

    assertThat(failure(() -> kit.get(layer, id)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    int sent = kit.fake().requestCount();
    assertThat(kit.get(layer, id)).as("another caller, after the pause").isEqualTo(id);

    assertThat(kit.time().sleeps()).as("the next caller waited for the vendor's reset").contains(Duration.ofSeconds(5));
    assertThat(kit.fake().requestCount() - sent).isEqualTo(1);
  }

  @Test
  default void required_protection_breakersAreIsolatedPerConnection() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.track(kit.layerBuilder()
        .connection(Kit.CONNECTION, kit.connector(),
            p -> p.maxAttempts(1).breaker(2, 2, Duration.ofMinutes(1)))
        .connection("healthy", kit.connectorOnAnotherFake()).build());
    kit.fake().on(Requests.any()).always().respond(Fault.html(503));

    failure(() -> kit.get(layer, kit.missingId()));
    failure(() -> kit.get(layer, kit.missingId()));
    int sent = kit.fake().requestCount();
    ActionError open = failure(() -> kit.get(layer, kit.missingId()));

    assertThat(open.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
    assertThat(kit.fake().requestCount()).as("nothing sent while open").isEqualTo(sent);
    String id = kit.subject().create(layer, "healthy");
    assertThat(kit.subject().get(layer, "healthy", id)).isEqualTo(id);
  }

  @Test
  default void required_protection_aStalledVendorIsATimeout() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer(p -> p.maxAttempts(1).attemptTimeout(Duration.ofMillis(300)));
    kit.fake().on(Requests.gets()).always().respond(Fault.stall());

    assertThat(failure(() -> kit.get(layer, kit.missingId())).code()).isEqualTo(ErrorCode.TIMEOUT);
  }
}
