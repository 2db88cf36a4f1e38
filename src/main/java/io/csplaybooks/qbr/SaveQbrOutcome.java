package io.csplaybooks.qbr;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.Validation;
import io.csplaybooks.feedback.FeedbackItem;
import io.csplaybooks.feedback.FeedbackKind;
import io.csplaybooks.feedback.FeedbackLines;
import io.csplaybooks.feedback.FeedbackLog;
import io.csplaybooks.feedback.FeedbackVariables;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.StepContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Task listener (complete) on "Record QBR outcome": KPI values and goals into the success plan (a new
 * version), the outcome stored, each feedback line a feedback item for its team. Sets what the gateways
 * read: expansion signals or not, and the ids of the bugs and of the product feedback to route.
 * Any wrong line refuses the whole form and nothing is saved.
 */
@PlaybookStep("saveQbrOutcome")
class SaveQbrOutcome implements TaskListener {

  private final SuccessPlans plans;
  private final QbrRepository qbrs;
  private final FeedbackLog feedback;

  public SaveQbrOutcome(SuccessPlans plans, QbrRepository qbrs, FeedbackLog feedback) {
    this.plans = plans;
    this.qbrs = qbrs;
    this.feedback = feedback;
  }

  @Override
  public void notify(DelegateTask task) {
    long accountId = AccountId.from(task).value();
    int round = QbrVariables.round(task);
    SuccessPlan plan = plans.find(accountId).orElse(null);
    List<SuccessPlan.Kpi> kpis = plan == null ? List.of() : plan.kpis();

    Validation v = new Validation();
    LocalDate heldOn = FormValues.requiredDate(task.getVariable(QbrVariables.QBR_HELD_ON), QbrVariables.QBR_HELD_ON, v);
    Object kpiValues = task.getVariable(QbrOutcomeForm.KPI_VALUES);
    String goalsText = text(task, QbrVariables.PLAN_GOALS);
    String signals = text(task, QbrVariables.EXPANSION_SIGNALS);
    String notes = text(task, QbrVariables.OUTCOME_NOTES);
    Map<String, BigDecimal> values = QbrOutcomeForm.kpiValues(kpiValues, kpis, v);
    // The outcome keeps the values as text, as the older form's lines were kept.
    String kpiText = FormValues.isLines(kpiValues) ? FormValues.text(kpiValues) : QbrOutcomeForm.kpiText(values);
    v.maxLength(QbrOutcomeForm.KPI_VALUES, kpiText, 4000);
    List<String> goals = FormValues.texts(goalsText);
    goals.forEach(goal -> v.maxLength(QbrVariables.PLAN_GOALS, goal, 2000));
    List<FeedbackItem.New> items = FeedbackLines.read(FeedbackVariables.FEEDBACK_ITEMS, task.getVariable(FeedbackVariables.FEEDBACK_ITEMS), v);
    v.maxLength(QbrVariables.EXPANSION_SIGNALS, signals, 4000);
    v.maxLength(QbrVariables.OUTCOME_NOTES, notes, 4000);
    v.throwIfInvalid();

    String user = StepContext.actor(task);
    List<SuccessPlan.Kpi> updatedKpis = kpis.stream().map(k -> values.containsKey(k.name())
        ? new SuccessPlan.Kpi(k.name(), k.unit(), k.baseline(), k.target(), values.get(k.name()), k.dueDate()) : k).toList();
    List<String> oldGoals = plan == null ? List.of() : plan.goals();
    if (!updatedKpis.equals(kpis) || !goals.equals(oldGoals)) {
      plans.update(accountId, new SuccessPlan.Content(plan == null ? null : plan.version(), goals,
          plan == null ? List.of() : plan.challenges(), updatedKpis, plan == null ? List.of() : plan.milestones()),
          user, "QBR round " + round);
    }
    qbrs.saveOutcome(new QbrHistory.Outcome(accountId, round, heldOn, kpiText, goalsText, signals, notes, user,
        EngineClock.now()));

    List<Long> bugs = new ArrayList<>();
    List<Long> product = new ArrayList<>();
    for (FeedbackItem.New item : items) {
      long id = feedback.record(accountId, round, item, user);
      (item.kind() == FeedbackKind.BUG ? bugs : product).add(id);
    }
    task.getExecution().setVariable(QbrVariables.HAS_EXPANSION_SIGNALS, signals != null);
    task.getExecution().setVariable(QbrVariables.BUG_IDS, Variables.objectValue(bugs).create());
    task.getExecution().setVariable(QbrVariables.PRODUCT_FEEDBACK_IDS, Variables.objectValue(product).create());
  }

  private static String text(DelegateTask task, String name) {
    return FormValues.text(task.getVariable(name));
  }
}
