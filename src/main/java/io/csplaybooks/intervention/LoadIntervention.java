package io.csplaybooks.intervention;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.TaskForm;
import io.csplaybooks.playbook.TaskFormFields;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Task listener (create): the account, its health and the diagnosis, into the task's form. */
@PlaybookStep(value = "loadIntervention",
    name = "Load intervention",
    description = "Listener of a save play task (on create): the account, its health and the diagnosis into the task's "
        + "form.")
class LoadIntervention extends TaskFormFields {

  private final InterventionRepository interventions;
  private final Accounts accounts;

  public LoadIntervention(InterventionRepository interventions, Accounts accounts) {
    this.interventions = interventions;
    this.accounts = accounts;
  }

  @Override
  protected Map<String, Object> fields(DelegateTask task) {
    InterventionRepository.Row row = interventions.find(PlaybookVariables.interventionId(task)).orElseThrow();
    Account account = accounts.findById(row.accountId()).orElseThrow();
    Map<String, Object> fields = new HashMap<>();
    fields.put(PlaybookVariables.ACCOUNT_NAME, account.name());
    fields.put(InterventionVariables.HEALTH, account.healthScore() == null ? "not scored" : account.healthScore() + " (" + account.healthBand() + ")");
    fields.put(InterventionVariables.TRIGGER, row.triggerKind() + (row.triggerReason() == null ? "" : ": " + row.triggerReason())
        + (row.triggers() > 1 ? " (" + row.triggers() + " alarms)" : ""));
    fields.put(InterventionVariables.DIAGNOSED_REASONS, row.reasons() == null ? "" : row.reasons().replace(",", ", "));
    fields.put(InterventionVariables.DIAGNOSED_BUGS, row.bugList() == null ? "" : row.bugList());
    fields.put(InterventionVariables.DIAGNOSED_FEATURE, row.missingFeature() == null ? "" : row.missingFeature());
    fields.put(InterventionVariables.DIAGNOSED_NOTES, row.notes() == null ? "" : row.notes());
    if (TaskForm.of(task).isList(CorrectiveActions.FIELD)) {
      // The task's own, empty list: Tasklist shows one blank row and submits the rows as JSON,
      // onto this task rather than the playbook.
      fields.put(CorrectiveActions.FIELD, TaskForm.noRows());
    }
    return fields;
  }
}
