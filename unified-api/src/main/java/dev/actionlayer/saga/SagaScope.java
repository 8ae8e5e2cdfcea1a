package dev.actionlayer.saga;

import dev.actionlayer.Contacts;
import dev.actionlayer.Folders;
import dev.actionlayer.Tasks;

/**
 * What a saga step acts through: the canonical operations, where each {@code create} is journaled
 * (intent before, record id after) and keyed by saga id and step, so that neither a retry nor a
 * recovery after a crash can create a second record. {@code get} and {@code delete} are plain
 * calls that share the saga's trace; a delete is not undone.
 */
public interface SagaScope {
  Tasks tasks(String connection);

  Contacts contacts(String connection);

  Folders folders(String connection);

  /** This saga's id, as in the journal and the audit context. */
  String sagaId();

  /** The running step's name. */
  String step();

  /**
   * The output of an earlier step of this run.
   *
   * @throws IllegalArgumentException when no earlier step has that name or its output is not a
   *     {@code type}
   */
  <T> T output(String step, Class<T> type);
}
