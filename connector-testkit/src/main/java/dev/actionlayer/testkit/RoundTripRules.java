package dev.actionlayer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import org.junit.jupiter.api.Test;

/** Rules on the canonical round trip: what a create leaves, and what a delete means. */
abstract class RoundTripRules extends VerificationSupport {

  @Test
  public void required_roundTrip_createGetDelete() {
    ActionLayer layer = layer();
    int before = storedRecords(fake);

    String id = create(layer);
    assertThat(storedRecords(fake)).as("records after one create").isEqualTo(before + 1);
    assertThat(get(layer, id)).as("the id get returns").isEqualTo(id);
    delete(layer, id);

    assertThat(storedRecords(fake)).as("records after the delete").isEqualTo(before);
  }

  @Test
  public void required_roundTrip_getAfterDeleteIsNotFound() {
    ActionLayer layer = layer();
    String id = create(layer);
    delete(layer, id);

    assertThat(failure(() -> get(layer, id)).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  /** Compensation counts a delete that finds nothing as done: it must say NOT_FOUND, nothing else. */
  @Test
  public void required_roundTrip_deleteOfAMissingRecordIsNotFound() {
    ActionLayer layer = layer();

    assertThat(failure(() -> delete(layer, missingId())).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  public void required_roundTrip_getOfAMissingRecordIsNotFound() {
    ActionLayer layer = layer();

    assertThat(failure(() -> get(layer, missingId())).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }
}
