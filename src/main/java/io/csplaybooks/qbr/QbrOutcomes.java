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
import io.csplaybooks.playbook.FormValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records a QBR meeting: KPI values and goals into the success plan (a new version), the outcome
 * stored, each feedback line a feedback item for its team. Any wrong value refuses the whole form
 * (InvalidInputException naming the field) and nothing is saved. The use case behind the "Record
 * QBR outcome" task, run without the engine in its test.
 */
@Component
class QbrOutcomes {

  /** The form as the CSM submitted it: values as the form sends them, read and checked here. */
  record Form(Object heldOn, Object kpiValues, Object goals, Object expansionSignals, Object notes, Object feedbackItems) {}

  /** What the playbook's gateways read: expansion signals or not, the ids of the bugs and of the product feedback. */
  record Recorded(boolean expansionSignals, List<Long> bugIds, List<Long> productFeedbackIds) {}

  private final SuccessPlans plans;
  private final QbrRepository qbrs;
  private final FeedbackLog feedback;

  QbrOutcomes(SuccessPlans plans, QbrRepository qbrs, FeedbackLog feedback) {
    this.plans = plans;
    this.qbrs = qbrs;
    this.feedback = feedback;
  }

  Recorded record(long accountId, int round, Form form, String user) {
    SuccessPlan plan = plans.find(accountId).orElse(null);
    List<SuccessPlan.Kpi> kpis = plan == null ? List.of() : plan.kpis();

    Validation v = new Validation();
    LocalDate heldOn = FormValues.requiredDate(form.heldOn(), QbrVariables.QBR_HELD_ON, v);
    String goalsText = FormValues.text(form.goals());
    String signals = FormValues.text(form.expansionSignals());
    String notes = FormValues.text(form.notes());
    Map<String, BigDecimal> values = QbrOutcomeForm.kpiValues(form.kpiValues(), kpis, v);
    // The outcome keeps the values as text, as the older form's lines were kept.
    String kpiText = FormValues.isLines(form.kpiValues()) ? FormValues.text(form.kpiValues()) : QbrOutcomeForm.kpiText(values);
    v.maxLength(QbrOutcomeForm.KPI_VALUES, kpiText, 4000);
    List<String> goals = FormValues.texts(goalsText);
    goals.forEach(goal -> v.maxLength(QbrVariables.PLAN_GOALS, goal, 2000));
    List<FeedbackItem.New> items = FeedbackLines.read(FeedbackVariables.FEEDBACK_ITEMS, form.feedbackItems(), v);
    v.maxLength(QbrVariables.EXPANSION_SIGNALS, signals, 4000);
    v.maxLength(QbrVariables.OUTCOME_NOTES, notes, 4000);
    v.throwIfInvalid();

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
    return new Recorded(signals != null, bugs, product);
  }
}
