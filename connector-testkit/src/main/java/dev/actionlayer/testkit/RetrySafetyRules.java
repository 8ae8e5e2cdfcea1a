package dev.actionlayer.testkit;

import static dev.actionlayer.testkit.Kit.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.RecordedCall;
import dev.actionlayer.testkit.fake.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules on repeating creates: never two records for one logical call. */
interface RetrySafetyRules extends Rules {

  @Test
  default void required_retrySafety_aLostCreateResponseYieldsOneRecordOrOutcomeUnknown() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    int before = kit.storedRecords();
    kit.fake().on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    String id = null;
    ActionError error = null;
    try {
      id = kit.create(layer);
    } catch (ActionException e) {
      error = e.error();
    }

    assertThat(kit.storedRecords()).as("records after one logical create").isEqualTo(before + 1);
    if (error != null) {
      assertThat(error.code()).as("the only honest failure").isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    } else {
      assertThat(kit.get(layer, id)).as("the returned record exists").isEqualTo(id);
    }
  }

  @Test
  default void required_ifUnkeyed_retrySafety_neverRepeatedAfterItMayHaveBeenApplied() {
    Kit<?> kit = kit();
    assumeTrue(kit.createSafety() == CreateSafety.UNSAFE, "creates are " + kit.createSafety() + ", not unkeyed");
    ActionLayer layer = kit.layer();
    kit.fake().on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    ActionError e = failure(() -> kit.create(layer));

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(kit.creates()).as("create requests sent").hasSize(1);
  }

  @Test
  default void required_ifUnkeyed_retrySafety_notRepeatedAfterA500() {
    Kit<?> kit = kit();
    assumeTrue(kit.createSafety() == CreateSafety.UNSAFE, "creates are " + kit.createSafety() + ", not unkeyed");
    ActionLayer layer = kit.layer();
    kit.fake().on(Requests.creates()).always().respond(Fault.empty(500));

    failure(() -> kit.create(layer));

    assertThat(kit.creates()).as("create requests sent").hasSize(1);
  }

  @Test
  default void required_ifKeyed_retrySafety_repeatsTheSameRequest() {
    Kit<?> kit = kit();
    assumeTrue(kit.createSafety() == CreateSafety.KEYED, "creates are " + kit.createSafety() + ", not keyed");
    ActionLayer layer = kit.layer();
    kit.fake().on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    kit.create(layer);

    List<RecordedCall> creates = kit.creates();
    assertThat(creates).as("create requests sent").hasSizeGreaterThanOrEqualTo(2);
    RecordedCall first = creates.get(0);
    RecordedCall again = creates.get(1);
    assertThat(again.method()).isEqualTo(first.method());
    assertThat(again.path()).isEqualTo(first.path());
    assertThat(again.body()).as("the repeat's body (same key, same id)").isEqualTo(first.body());
    assertThat(again.header("Idempotency-Key")).isEqualTo(first.header("Idempotency-Key"));
  }

  @Test
  default void required_ifFindable_retrySafety_reconciledInsteadOfRepeated() {
    Kit<?> kit = kit();
    assumeTrue(kit.createSafety() == CreateSafety.FINDABLE, "creates are " + kit.createSafety() + ", not findable");
    ActionLayer layer = kit.layer();
    int before = kit.storedRecords();
    kit.fake().on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    String id = kit.create(layer);

    assertThat(kit.creates()).as("create requests sent").hasSize(1);
    assertThat(kit.storedRecords()).isEqualTo(before + 1);
    assertThat(kit.events().get(kit.events().size() - 1).reconciled()).isTrue();
    assertThat(kit.get(layer, id)).isEqualTo(id);
  }

  @Test
  default void required_retrySafety_aCreateRefusedBeforeSendingIsRetried() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    int before = kit.storedRecords();
    kit.fake().on(Requests.creates()).nth(1).respond(Fault.empty(503));

    kit.create(layer);

    assertThat(kit.storedRecords()).isEqualTo(before + 1);
    assertThat(kit.creates()).as("a 503 was not applied, so the create is sent again").hasSize(2);
  }
}
