package io.csplaybooks.intervention;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Task listener (complete) on "Diagnose risk": at least one reason; bugs need the customer's bug
 * list, a missing feature its description. Each reason's route becomes a flag the gateway reads.
 */
@PlaybookStep(value = "saveDiagnosis",
    name = "Save diagnosis",
    description = "Listener of \"Diagnose risk\" (on complete): the reasons and where each goes (engineering, product, "
        + "sales, enablement).")
class SaveDiagnosis implements TaskListener {

  private final InterventionRepository interventions;

  public SaveDiagnosis(InterventionRepository interventions) {
    this.interventions = interventions;
  }

  @Override
  public void notify(DelegateTask task) {
    List<RiskReason> reasons = new ArrayList<>();
    for (RiskReason reason : RiskReason.values()) {
      if (Boolean.TRUE.equals(task.getVariable(reason.formField()))) {
        reasons.add(reason);
      }
    }
    String bugs = FormValues.text(task.getVariable(InterventionVariables.BUG_LIST));
    String feature = FormValues.text(task.getVariable(InterventionVariables.MISSING_FEATURE));
    String notes = FormValues.text(task.getVariable(InterventionVariables.DIAGNOSIS_NOTES));
    Validation v = new Validation();
    if (reasons.isEmpty()) {
      v.reject("reasons", "tick at least one risk reason");
    }
    if (reasons.contains(RiskReason.PRODUCT_BUGS) && bugs == null) {
      v.reject(InterventionVariables.BUG_LIST, "list the customer's bugs for engineering");
    }
    if (reasons.contains(RiskReason.MISSING_FEATURE) && feature == null) {
      v.reject(InterventionVariables.MISSING_FEATURE, "describe the missing feature for product");
    }
    v.maxLength(InterventionVariables.BUG_LIST, bugs, 4000);
    v.maxLength(InterventionVariables.MISSING_FEATURE, feature, 2000);
    v.maxLength(InterventionVariables.DIAGNOSIS_NOTES, notes, 4000);
    v.throwIfInvalid();
    interventions.saveDiagnosis(PlaybookVariables.interventionId(task), reasons, bugs, feature, notes);
    for (RiskReason.Route route : RiskReason.Route.values()) {
      task.getExecution().setVariable(route.variable(), reasons.stream().anyMatch(r -> r.route() == route));
    }
  }

}
