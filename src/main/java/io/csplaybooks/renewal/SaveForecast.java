package io.csplaybooks.renewal;

import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Task listener (complete) on "Update renewal forecast": commit, likely, at risk or lost, kept as history. */
@PlaybookStep("saveForecast")
public class SaveForecast implements TaskListener {

  static final Set<String> FORECASTS = Set.of("commit", "likely", "at-risk", "lost");

  private final RenewalRepository renewals;

  public SaveForecast(RenewalRepository renewals) {
    this.renewals = renewals;
  }

  @Override
  public void notify(DelegateTask task) {
    Object forecast = task.getVariable("forecast");
    Object notes = task.getVariable("forecastNotes");
    Validation v = new Validation();
    if (v.required("forecast", forecast) && !FORECASTS.contains(forecast.toString())) {
      v.reject("forecast", "must be commit, likely, at-risk or lost");
    }
    v.maxLength("forecastNotes", notes == null ? null : notes.toString(), 2000);
    v.throwIfInvalid();
    String user = task.getAssignee() != null ? task.getAssignee() : "engine";
    renewals.forecast(PlaybookVariables.renewalId(task),
        PlaybookVariables.intValue(task, "daysBefore"), forecast.toString(),
        notes == null ? null : notes.toString(), user);
  }
}
