package io.csplaybooks.intervention;

import org.springframework.stereotype.Component;

/** What the churn-intervention module tells other modules: whether an account is in a save play. */
@Component
public class Interventions {

  private final InterventionRepository interventions;

  Interventions(InterventionRepository interventions) {
    this.interventions = interventions;
  }

  /** Whether a save play is open for the account. */
  public boolean isOpen(long accountId) {
    return interventions.isOpen(accountId);
  }
}
