package dev.actionlayer.testkit;

import static dev.actionlayer.testkit.Kit.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import org.junit.jupiter.api.Test;

/** Rules on the canonical round trip: what a create leaves, and what a delete means. */
interface RoundTripRules extends Rules {

  @Test
  default void required_roundTrip_createGetDelete() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    int before = kit.storedRecords();

    String id = kit.create(layer);
    assertThat(kit.storedRecords()).as("records after one create").isEqualTo(before + 1);
    assertThat(kit.get(layer, id)).as("the id get returns").isEqualTo(id);
    kit.delete(layer, id);

    assertThat(kit.storedRecords()).as("records after the delete").isEqualTo(before);
  }

  @Test
  default void required_roundTrip_getAfterDeleteIsNotFound() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    String id = kit.create(layer);
    kit.delete(layer, id);

    assertThat(failure(() -> kit.get(layer, id)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  /** Compensation counts a delete that finds nothing as done: it must say NOT_FOUND, nothing else. */
  @Test
  default void required_roundTrip_deleteOfAMissingRecordIsNotFound() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();

    assertThat(failure(() -> kit.delete(layer, kit.missingId())).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  default void required_roundTrip_getOfAMissingRecordIsNotFound() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();

    assertThat(failure(() -> kit.get(layer, kit.missingId())).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }
}
