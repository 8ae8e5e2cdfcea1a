package dev.actionlayer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rules on protecting the vendor and the connection: cooldown, breaker, timeouts. */
abstract class ProtectionRules extends RetrySafetyRules {

  @Test
  public void required_protection_aRateLimitPausesEveryCallerOfTheConnection() {
    ActionLayer layer = layer(p -> p.maxAttempts(1));
    String id = create(layer);
    fake.on(Requests.gets()).nth(1).respond(signals().rateLimited().header("Retry-After", "5"));

    assertThat(failure(() -> get(layer, id)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    int sent = fake.requestCount();
    assertThat(get(layer, id)).as("another caller, after the pause").isEqualTo(id);

    assertThat(time.sleeps()).as("the next caller waited for the vendor's reset").contains(Duration.ofSeconds(5));
    assertThat(fake.requestCount() - sent).isEqualTo(1);
  }

  @Test
  public void required_protection_breakersAreIsolatedPerConnection() {
    FakeVendor healthy = anotherFake();
    ActionLayer layer = track(dev.actionlayer.ActionLayer.builder()
        .connection(CONNECTION, connector(baseUri(fake), secret),
            p -> p.noRateLimit().maxAttempts(1).breaker(2, 2, Duration.ofMinutes(1)))
        .connection("healthy", connector(baseUri(healthy), secret), p -> p.noRateLimit())
        .clock(time).sleeper(time).auditSink(events::add).build());
    fake.on(Requests.any()).always().respond(Fault.html(503));

    failure(() -> get(layer, missingId()));
    failure(() -> get(layer, missingId()));
    int sent = fake.requestCount();
    ActionError open = failure(() -> get(layer, missingId()));

    assertThat(open.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
    assertThat(fake.requestCount()).as("nothing sent while open").isEqualTo(sent);
    String id = subject().create(layer, "healthy");
    assertThat(subject().get(layer, "healthy", id)).isEqualTo(id);
  }

  @Test
  public void required_protection_aStalledVendorIsATimeout() {
    ActionLayer layer = layer(p -> p.maxAttempts(1).attemptTimeout(Duration.ofMillis(300)));
    fake.on(Requests.gets()).always().respond(Fault.stall());

    assertThat(failure(() -> get(layer, missingId())).code()).isEqualTo(ErrorCode.TIMEOUT);
  }
}
