package dev.actionlayer.internal.saga;

/** {@link dev.actionlayer.saga.SagaJournal#inMemory()}: the books live as long as the process. */
public final class MemoryJournal extends LocalJournal {
  @Override
  void persist(JournalEntry entry) {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "SagaJournal.inMemory()";
  }
}
