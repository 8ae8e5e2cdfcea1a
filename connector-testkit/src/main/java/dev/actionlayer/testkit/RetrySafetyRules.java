package dev.actionlayer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.actionlayer.ActionError;
import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.spi.CreateSafety;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules on repeating creates: never two records for one logical call. */
abstract class RetrySafetyRules extends ErrorMappingRules {

  @Test
  public void required_retrySafety_aLostCreateResponseYieldsOneRecordOrOutcomeUnknown() {
    ActionLayer layer = layer();
    int before = storedRecords(fake);
    fake.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    String id = null;
    ActionError error = null;
    try {
      id = create(layer);
    } catch (ActionException e) {
      error = e.error();
    }

    assertThat(storedRecords(fake)).as("records after one logical create").isEqualTo(before + 1);
    if (error != null) {
      assertThat(error.code()).as("the only honest failure").isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    } else {
      assertThat(get(layer, id)).as("the returned record exists").isEqualTo(id);
    }
  }

  @Test
  public void required_ifUnkeyed_retrySafety_neverRepeatedAfterItMayHaveBeenApplied() {
    assumeTrue(createSafety() == CreateSafety.UNSAFE, "creates are " + createSafety() + ", not unkeyed");
    ActionLayer layer = layer();
    fake.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    ActionError e = failure(() -> create(layer));

    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
    assertThat(creates()).as("create requests sent").hasSize(1);
  }

  @Test
  public void required_ifUnkeyed_retrySafety_notRepeatedAfterA500() {
    assumeTrue(createSafety() == CreateSafety.UNSAFE, "creates are " + createSafety() + ", not unkeyed");
    ActionLayer layer = layer();
    fake.on(Requests.creates()).always().respond(Fault.empty(500));

    failure(() -> create(layer));

    assertThat(creates()).as("create requests sent").hasSize(1);
  }

  @Test
  public void required_ifKeyed_retrySafety_repeatsTheSameRequest() {
    assumeTrue(createSafety() == CreateSafety.KEYED, "creates are " + createSafety() + ", not keyed");
    ActionLayer layer = layer();
    fake.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    create(layer);

    List<RecordedCall> creates = creates();
    assertThat(creates).as("create requests sent").hasSizeGreaterThanOrEqualTo(2);
    RecordedCall first = creates.get(0);
    RecordedCall again = creates.get(1);
    assertThat(again.method()).isEqualTo(first.method());
    assertThat(again.path()).isEqualTo(first.path());
    assertThat(again.body()).as("the repeat's body (same key, same id)").isEqualTo(first.body());
    assertThat(again.header("Idempotency-Key")).isEqualTo(first.header("Idempotency-Key"));
  }

  @Test
  public void required_ifFindable_retrySafety_reconciledInsteadOfRepeated() {
    assumeTrue(createSafety() == CreateSafety.FINDABLE, "creates are " + createSafety() + ", not findable");
    ActionLayer layer = layer();
    int before = storedRecords(fake);
    fake.on(Requests.creates()).nth(1).respond(Fault.applyThenReset());

    String id = create(layer);

    assertThat(creates()).as("create requests sent").hasSize(1);
    assertThat(storedRecords(fake)).isEqualTo(before + 1);
    assertThat(events.get(events.size() - 1).reconciled()).isTrue();
    assertThat(get(layer, id)).isEqualTo(id);
  }

  @Test
  public void required_retrySafety_aCreateRefusedBeforeSendingIsRetried() {
    ActionLayer layer = layer();
    int before = storedRecords(fake);
    fake.on(Requests.creates()).nth(1).respond(Fault.empty(503));

    create(layer);

    assertThat(storedRecords(fake)).isEqualTo(before + 1);
    assertThat(creates()).as("a 503 was not applied, so the create is sent again").hasSize(2);
  }
}
