package dev.actionlayer.broker;

/** {@link ApprovalStore#inMemory()} against the store contract. */
class InMemoryApprovalStoreTest extends ApprovalStoreContract {
  @Override
  ApprovalStore store() {
    return ApprovalStore.inMemory();
  }
}
