package io.csplaybooks.handoff;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Task listener (complete) on "Complete handoff brief": stores what sales filled in. Invalid input
 * refuses the completion with the field and the reason; the brief is scored again next.
 */
@PlaybookStep(value = "saveHandoffBrief",
    name = "Save handoff brief",
    description = "Listener of \"Complete handoff brief\" (on complete): stores what sales filled in; invalid input "
        + "refuses the completion, naming the field.")
class SaveHandoffBrief implements TaskListener {

  private final HandoffRepository handoffs;
  private final Accounts accounts;

  public SaveHandoffBrief(HandoffRepository handoffs, Accounts accounts) {
    this.handoffs = handoffs;
    this.accounts = accounts;
  }

  @Override
  public void notify(DelegateTask task) {
    Validation v = new Validation();
    HandoffBrief brief = BriefForm.parse(task.getVariables(), v);
    HandoffRegistry.checkLimits(brief, v);
    v.throwIfInvalid();
    Handoff handoff = handoffs.findById(PlaybookVariables.handoffId(task)).orElseThrow();
    handoffs.saveItems(handoff.id(), brief);
    for (StakeholderRole role : List.of(StakeholderRole.CHAMPION, StakeholderRole.EXECUTIVE_SPONSOR)) {
      brief.inRole(role.code()).ifPresentOrElse(
          s -> accounts.replaceStakeholder(handoff.accountId(), role, s.name(), s.email()),
          () -> accounts.removeStakeholder(handoff.accountId(), role));
    }
  }
}
