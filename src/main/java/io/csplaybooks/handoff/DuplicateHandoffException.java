package io.csplaybooks.handoff;

/** The contract already has its handoff; the intake answers with that one. */
class DuplicateHandoffException extends RuntimeException {

  private final transient Handoff existing;

  public DuplicateHandoffException(Handoff existing) {
    super("contract " + existing.contractId() + " already has a handoff");
    this.existing = existing;
  }

  public Handoff existing() {
    return existing;
  }
}
