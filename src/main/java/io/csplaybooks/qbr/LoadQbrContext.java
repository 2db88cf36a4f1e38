package io.csplaybooks.qbr;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.feedback.FeedbackVariables;
import io.csplaybooks.notify.Mailer;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.TaskForm;
import io.csplaybooks.playbook.TaskFormFields;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Task listener (create) on the CSM's QBR tasks: the account, the round, a link to the pack; on
 * "Record QBR outcome" also the success plan's KPIs and goals to update.
 */
@PlaybookStep(value = "loadQbrContext",
    name = "Load QBR context",
    description = "Listener of a QBR task (on create): the account, the round and its pack; for the outcome also the "
        + "KPIs and goals to update.")
class LoadQbrContext extends TaskFormFields {

  private final Accounts accounts;
  private final SuccessPlans plans;
  private final Mailer mailer;

  public LoadQbrContext(Accounts accounts, SuccessPlans plans, Mailer mailer) {
    this.accounts = accounts;
    this.plans = plans;
    this.mailer = mailer;
  }

  @Override
  protected Map<String, Object> fields(DelegateTask task) {
    long accountId = AccountId.from(task).value();
    int round = QbrVariables.round(task);
    Account account = accounts.findById(accountId).orElseThrow();
    Map<String, Object> fields = new HashMap<>();
    fields.put(PlaybookVariables.ACCOUNT_NAME, account.name());
    fields.put(QbrVariables.ROUND_LABEL, "Round " + round + " on "
        + ((Date) task.getVariable(QbrVariables.QBR_DATE)).toInstant().atZone(ZoneId.systemDefault()).toLocalDate());
    fields.put(QbrVariables.PACK_LINK, mailer.accountLink(accountId) + "/qbr/" + round);
    if (QbrVariables.Elements.RECORD_QBR_OUTCOME.equals(task.getTaskDefinitionKey())) {
      List<SuccessPlan.Kpi> kpis = plans.find(accountId).map(SuccessPlan::kpis).orElse(List.of());
      fields.put(QbrVariables.KPI_TARGETS, QbrOutcomeForm.kpiTargets(kpis));
      TaskForm form = TaskForm.of(task);
      fields.put(QbrOutcomeForm.KPI_VALUES, form.rows(QbrOutcomeForm.KPI_VALUES, QbrOutcomeForm.kpiRows(kpis),
          () -> QbrOutcomeForm.kpiLines(kpis)));
      fields.put(QbrVariables.PLAN_GOALS, String.join("\n", plans.find(accountId).map(SuccessPlan::goals).orElse(List.of())));
      fields.put(QbrVariables.QBR_HELD_ON, null);
      fields.put(FeedbackVariables.FEEDBACK_ITEMS, form.isList(FeedbackVariables.FEEDBACK_ITEMS) ? TaskForm.noRows() : null);
      fields.put(QbrVariables.EXPANSION_SIGNALS, null);
      fields.put(QbrVariables.OUTCOME_NOTES, null);
    }
    return fields;
  }
}
