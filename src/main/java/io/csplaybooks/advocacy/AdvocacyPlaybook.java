package io.csplaybooks.advocacy;

import io.csplaybooks.common.BusinessDays;
import java.time.ZoneId;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import io.csplaybooks.playbook.PlaybookFunctions;

/** The advocacy playbook's deadlines and the months between two asks, for its BPMN and delegates. */
@PlaybookFunctions("advocacyPlaybook")
public class AdvocacyPlaybook {

  private final int askBusinessDays;
  private final int storyBusinessDays;
  private final int monthsBetweenAsks;

  public AdvocacyPlaybook(@Value("${csp.advocacy.ask-business-days}") int askBusinessDays,
      @Value("${csp.advocacy.story-business-days}") int storyBusinessDays,
      @Value("${csp.advocacy.months-between-asks}") int monthsBetweenAsks) {
    this.askBusinessDays = askBusinessDays;
    this.storyBusinessDays = storyBusinessDays;
    this.monthsBetweenAsks = monthsBetweenAsks;
  }

  public Date askDue() {
    return BusinessDays.fromNow(askBusinessDays, ZoneId.systemDefault());
  }

  public Date storyDue() {
    return BusinessDays.fromNow(storyBusinessDays, ZoneId.systemDefault());
  }

  public int monthsBetweenAsks() {
    return monthsBetweenAsks;
  }
}
