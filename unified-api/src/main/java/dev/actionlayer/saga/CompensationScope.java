package dev.actionlayer.saga;

import dev.actionlayer.Contacts;
import dev.actionlayer.Folders;
import dev.actionlayer.Tasks;
import java.util.List;

/**
 * What a custom {@link Compensation} knows and acts through: which saga and step, the records the
 * step made, and the canonical operations on the layer's connections. Those calls act for the
 * saga's principal, carry the saga's trace id and its id and step in their audit events, and go
 * through the whole pipeline; they are not journaled, so a record a compensation creates is not
 * undone by anyone.
 */
public interface CompensationScope {
  String sagaId();

  /** The saga's name. */
  String saga();

  /** The step being undone. */
  String step();

  /** The records the step created, as journaled (ids found by lookup included). */
  List<SagaRecord> records();

  /**
   * The tasks on connection {@code connection}.
   *
   * @throws dev.actionlayer.ActionException {@code INVALID_REQUEST} for an unknown connection,
   *     {@code UNSUPPORTED} when its vendor has no tasks
   */
  Tasks tasks(String connection);

  /**
   * The contacts on connection {@code connection}.
   *
   * @throws dev.actionlayer.ActionException {@code INVALID_REQUEST} for an unknown connection,
   *     {@code UNSUPPORTED} when its vendor has no contacts
   */
  Contacts contacts(String connection);

  /**
   * The folders on connection {@code connection}.
   *
   * @throws dev.actionlayer.ActionException {@code INVALID_REQUEST} for an unknown connection,
   *     {@code UNSUPPORTED} when its vendor has no folders
   */
  Folders folders(String connection);
}
