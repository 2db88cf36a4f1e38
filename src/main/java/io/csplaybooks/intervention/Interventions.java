package io.csplaybooks.intervention;

import io.csplaybooks.common.ConflictException;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the churn-intervention module tells other modules, and what it lets them do: whether an
 * account is in a save play, and a person's start of one by hand.
 */
@Component
public class Interventions {

  private final InterventionRepository interventions;

  private final PlaybookEvents events;

  Interventions(InterventionRepository interventions, PlaybookEvents events) {
    this.interventions = interventions;
    this.events = events;
  }

  /** Whether a save play is open for the account. */
  public boolean isOpen(long accountId) {
    return interventions.isOpen(accountId);
  }

  /**
   * A person starts the save play by hand (the account page's "Start a play"): refused while one is
   * open for the account, which a second alarm would only join; else the account is flagged at risk
   * with the person's reason, as {@code POST /api/accounts/{id}/risk} does. Two starts at once still
   * give one save play: the database's key on the open intervention decides (the second joins).
   */
  public void startSavePlay(long accountId, String reason, String by) {
    if (interventions.isOpen(accountId)) {
      throw new ConflictException("a save play is already open for account " + accountId
          + ": work in it rather than start a second", List.of("playbook"));
    }
    events.publish(PlaybookEvent.ACCOUNT_AT_RISK, new AccountId(accountId),
        Map.of(InterventionVariables.RISK_REASON, "started by " + by + ": " + reason));
  }
}
