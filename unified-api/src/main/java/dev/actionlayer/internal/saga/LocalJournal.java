package dev.actionlayer.internal.saga;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bookkeeping shared by the single-process journals: the entries of every unfinished saga, and
 * which of them this process owns (runs or has claimed for recovery). Subclasses make an entry
 * durable in {@link #persist} before it counts.
 */
abstract class LocalJournal implements JournalStore {
  private final Map<String, List<JournalEntry>> unfinished = new LinkedHashMap<>();
  private final Set<String> owned = new HashSet<>();

  /** Makes {@code entry} durable before returning. */
  abstract void persist(JournalEntry entry);

  @Override
  public final void append(JournalEntry entry) {
    persist(entry);
    remember(entry, true);
  }

  /** Adds an entry read back from storage (not owned by anyone alive). */
  final void restore(JournalEntry entry) {
    remember(entry, false);
  }

  private synchronized void remember(JournalEntry entry, boolean mine) {
    if (entry.type() == JournalEntry.Type.SAGA_ENDED) {
      unfinished.remove(entry.sagaId());
      owned.remove(entry.sagaId());
      return;
    }
    unfinished.computeIfAbsent(entry.sagaId(), id -> new ArrayList<>()).add(entry);
    if (mine && entry.type() == JournalEntry.Type.SAGA_STARTED) owned.add(entry.sagaId());
  }

  @Override
  public final synchronized List<List<JournalEntry>> claimUnfinished(int max) {
    if (max < 1) throw new IllegalArgumentException("max < 1: " + max);
    List<List<JournalEntry>> claimed = new ArrayList<>();
    for (Map.Entry<String, List<JournalEntry>> e : unfinished.entrySet()) {
      if (claimed.size() == max) break;
      if (owned.add(e.getKey())) claimed.add(List.copyOf(e.getValue()));
    }
    return claimed;
  }
}
