package io.csplaybooks.playbook;

import java.util.Set;

/**
 * The ids a playbook works on. The application's steps set them from the business key and its own
 * tables; no form may have a field of that name, so nobody who completes a task can point the
 * playbook at another customer, contract or renewal.
 */
public final class ProtectedVariables {

  public static final Set<String> NAMES = Set.of("accountId", "handoffId", "contractId", "renewalId",
      "interventionId", "feedbackItemId", "qbrRound", "bugIds", "productFeedbackIds");

  /** The contract id is what sales enters to open a handoff: a start form may ask for it, a task form may not. */
  public static final Set<String> START_INPUTS = Set.of("contractId");

  private ProtectedVariables() {}
}
