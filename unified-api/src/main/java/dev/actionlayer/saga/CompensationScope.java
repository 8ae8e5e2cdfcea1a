package dev.actionlayer.saga;

import dev.actionlayer.ActionLayer;
import java.util.List;

/** What a custom {@link Compensation} knows: which saga and step, the records it made, and the layer. */
public interface CompensationScope {
  String sagaId();

  /** The saga's name. */
  String saga();

  /** The step being undone. */
  String step();

  /** The records the step created, as journaled (ids found by lookup included). */
  List<SagaRecord> records();

  /** The layer, acting for the saga's principal, whose calls carry the saga's trace id. */
  ActionLayer layer();
}
