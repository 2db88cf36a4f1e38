package io.csplaybooks.intervention;

import io.csplaybooks.common.BusinessDays;
import java.time.ZoneId;
import java.util.Date;
import org.springframework.beans.factory.annotation.Autowired;
import io.csplaybooks.playbook.PlaybookFunctions;

/** The churn-intervention playbook's deadlines and monitoring interval, for its BPMN expressions. */
@PlaybookFunctions("interventionPlaybook")
public class InterventionPlaybook {

  private final InterventionSettings settings;
  private final ZoneId zone;

  @Autowired
  public InterventionPlaybook(InterventionSettings settings) {
    this(settings, ZoneId.systemDefault());
  }

  public InterventionPlaybook(InterventionSettings settings, ZoneId zone) {
    this.settings = settings;
    this.zone = zone;
  }

  public Date diagnoseDue() {
    return BusinessDays.fromNow(settings.diagnoseBusinessDays(), zone);
  }

  public Date teamWorkDue() {
    return BusinessDays.fromNow(settings.teamWorkBusinessDays(), zone);
  }

  public Date actionPlanDue() {
    return BusinessDays.fromNow(settings.actionPlanBusinessDays(), zone);
  }

  public Date decisionDue() {
    return BusinessDays.fromNow(settings.decisionBusinessDays(), zone);
  }

  public String checkEvery() {
    return settings.checkEvery();
  }

  public int maxChecks() {
    return settings.maxChecks();
  }
}
