package dev.actionlayer.testkit;

import static dev.actionlayer.testkit.Kit.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.actionlayer.ActionLayer;
import dev.actionlayer.ErrorCode;
import dev.actionlayer.testkit.fake.Fault;
import dev.actionlayer.testkit.fake.Requests;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rules on {@code update} and {@code list}: a vendor that can do them does them as the canonical
 * API promises (a partial change that a retry repeats safely; pages that together hold every
 * record, read-only); one that cannot says {@code UNSUPPORTED} without sending anything.
 */
interface UpdateListRules extends Rules {

  @Test
  default void required_update_changesTheRecordOrIsUnsupported() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    String id = kit.create(layer);
    int sent = kit.fake().requestCount();
    Subject subject = kit.subject();
    if (!kit.canUpdate()) {
      assertThat(failure(() -> subject.update(layer, Kit.CONNECTION, id)).code()).isEqualTo(ErrorCode.UNSUPPORTED);
      assertThat(kit.fake().requestCount()).as("requests sent for an unsupported update").isEqualTo(sent);
      return;
    }
    int before = kit.storedRecords();

    assertThat(subject.update(layer, Kit.CONNECTION, id)).as("the changed field in the update's answer")
        .isEqualTo(subject.changedValue());
    assertThat(subject.changedField(layer, Kit.CONNECTION, id)).as("the changed field as a get reads it")
        .isEqualTo(subject.changedValue());
    assertThat(kit.storedRecords()).as("records after an update").isEqualTo(before);
  }

  @Test
  default void required_ifUpdatable_update_ofAMissingRecordIsNotFound() {
    Kit<?> kit = kit();
    assumeTrue(kit.canUpdate(), "the connector cannot update " + kit.subject().noun());
    ActionLayer layer = kit.layer();

    assertThat(failure(() -> kit.subject().update(layer, Kit.CONNECTION, kit.missingId())).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  /** An update is idempotent: one whose answer is lost is sent again and lands once. */
  @Test
  default void required_ifUpdatable_update_isRetriedAfterALostAnswer() {
    Kit<?> kit = kit();
    assumeTrue(kit.canUpdate(), "the connector cannot update " + kit.subject().noun());
    ActionLayer layer = kit.layer();
    String id = kit.create(layer);
    kit.fake().on(Requests.any()).nth(1).respond(Fault.applyThenReset());

    assertThat(kit.subject().update(layer, Kit.CONNECTION, id)).isEqualTo(kit.subject().changedValue());
    assertThat(kit.subject().changedField(layer, Kit.CONNECTION, id)).isEqualTo(kit.subject().changedValue());
  }

  @Test
  default void required_list_pagesHoldEveryRecordOrIsUnsupported() {
    Kit<?> kit = kit();
    ActionLayer layer = kit.layer();
    Set<String> created = new HashSet<>();
    // Three distinct records: identical ones would be one call to the duplicate window, and one
    // record to a vendor with a natural key (a folder's name, a contact's email).
    for (int i = 0; i < 3; i++) created.add(kit.subject().create(layer, Kit.CONNECTION, i + 1));
    int sent = kit.fake().requestCount();
    if (!kit.canList()) {
      assertThat(failure(() -> kit.subject().list(layer, Kit.CONNECTION, 2, null)).code())
          .isEqualTo(ErrorCode.UNSUPPORTED);
      assertThat(kit.fake().requestCount()).as("requests sent for an unsupported list").isEqualTo(sent);
      return;
    }
    int before = kit.storedRecords();

    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Subject.Listed page = kit.subject().list(layer, Kit.CONNECTION, 2, cursor);
      assertThat(page.ids()).as("a page of at most pageSize records").hasSizeLessThanOrEqualTo(2);
      listed.addAll(page.ids());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 50);

    assertThat(listed).as("the ids listed across all pages").containsAll(created).doesNotHaveDuplicates();
    assertThat(pages).as("pages read for 3 records at 2 a page").isGreaterThanOrEqualTo(2);
    assertThat(kit.storedRecords()).as("records after listing").isEqualTo(before);
  }

  @Test
  default void required_ifListable_list_isRetriedAfterA503() {
    Kit<?> kit = kit();
    assumeTrue(kit.canList(), "the connector cannot list " + kit.subject().noun());
    ActionLayer layer = kit.layer();
    String id = kit.create(layer);
    kit.fake().on(Requests.any()).nth(1).respond(Fault.status(503));

    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Subject.Listed page = kit.subject().list(layer, Kit.CONNECTION, 100, cursor);
      listed.addAll(page.ids());
      cursor = page.nextCursor();
    } while (cursor != null && ++pages < 50);
    assertThat(listed).contains(id);
  }
}
