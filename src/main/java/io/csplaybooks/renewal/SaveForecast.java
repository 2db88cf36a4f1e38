package io.csplaybooks.renewal;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Task listener (complete) on "Update renewal forecast": commit, likely, at risk or lost, kept as history. */
@PlaybookStep(value = "saveForecast",
    name = "Save renewal forecast",
    description = "Listener of \"Update renewal forecast\" (on complete): commit, likely, at risk or lost, kept as "
        + "history.")
class SaveForecast implements TaskListener {

  private final RenewalRepository renewals;

  public SaveForecast(RenewalRepository renewals) {
    this.renewals = renewals;
  }

  @Override
  public void notify(DelegateTask task) {
    Object forecast = task.getVariable(RenewalVariables.FORECAST);
    Object notes = task.getVariable(RenewalVariables.FORECAST_NOTES);
    Validation v = new Validation();
    if (v.required(RenewalVariables.FORECAST, forecast) && !RenewalVariables.FORECASTS.contains(forecast.toString())) {
      v.reject(RenewalVariables.FORECAST, "must be " + RenewalVariables.oneOf(RenewalVariables.FORECASTS));
    }
    v.maxLength(RenewalVariables.FORECAST_NOTES, notes == null ? null : notes.toString(), 2000);
    v.throwIfInvalid();
    String user = task.getAssignee() != null ? task.getAssignee() : "engine";
    renewals.forecast(PlaybookVariables.renewalId(task),
        PlaybookVariables.intValue(task, RenewalVariables.DAYS_BEFORE), forecast.toString(),
        notes == null ? null : notes.toString(), user);
  }
}
