package dev.actionlayer.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the broker keeps approvals between the agent's call that asked for one, the person's
 * decision and the agent's repeat. {@link #inMemory()} for one broker process;
 * {@link #jdbc(DataSource)} (PostgreSQL) when approvals must outlive a restart and be shared by
 * several brokers. Implementations are thread-safe, and {@link #resolve} is atomic: two identical
 * calls racing on one approval cannot both use it.
 */
public interface ApprovalStore extends AutoCloseable {
  /** An in-process store: approvals are lost when the process ends. */
  static ApprovalStore inMemory() {
    return new InMemoryApprovalStore();
  }

  /**
   * A store in the PostgreSQL database behind {@code dataSource}; its table
   * ({@code actionlayer_approval}) is created if absent, at once.
   *
   * @throws IllegalStateException when the database cannot be reached or the table created
   */
  static ApprovalStore jdbc(DataSource dataSource) {
    return new PostgresApprovalStore(Objects.requireNonNull(dataSource, "dataSource == null"));
  }

  /**
   * What a call bound to {@code key} may do now, in one atomic step: if a decided (approved or
   * denied), unexpired approval for it exists, it is consumed and returned (status
   * {@link Approval.Status#CONSUMED}, with {@code decidedBy} and {@code reason} telling which);
   * otherwise the pending approval for it is returned, created (expiring after {@code ttl}) when
   * there is none — a repeat while pending gets the same id, never a new approval.
   */
  Resolution resolve(Approval.Key key, String summary, Instant now, Duration ttl);

  /**
   * Records a decision on pending approval {@code id} by principal {@code by}; an approval is then
   * valid for {@code ttl} from {@code now}.
   *
   * @param reason a denial's reason; may be null
   * @return the decided approval, or null when no pending, unexpired approval has that id
   */
  Approval decide(String id, boolean approve, String by, String reason, Instant now, Duration ttl);

  /** Every pending, unexpired approval, oldest first. */
  List<Approval> pending(Instant now);

  /** Whether the store answers (for {@code /readyz}). */
  boolean ready();

  @Override
  default void close() {}

  /**
   * What {@link #resolve} found.
   *
   * @param approval the approval consumed, or the pending one
   * @param decision {@code APPROVED} or {@code DENIED} when a decision was consumed, {@code PENDING}
   *     otherwise
   */
  record Resolution(Approval approval, Approval.Status decision) {
    public Resolution {
      Objects.requireNonNull(approval, "approval == null");
      Objects.requireNonNull(decision, "decision == null");
    }
  }
}
