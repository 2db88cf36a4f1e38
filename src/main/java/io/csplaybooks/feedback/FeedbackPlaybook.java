package io.csplaybooks.feedback;

import io.csplaybooks.common.BusinessDays;
import java.time.ZoneId;
import java.util.Date;
import org.springframework.beans.factory.annotation.Autowired;
import io.csplaybooks.playbook.PlaybookFunctions;

/** Deadlines of the feedback tasks (engineering, product), for BPMN expressions. */
@PlaybookFunctions("feedbackPlaybook")
public class FeedbackPlaybook {

  private final FeedbackSettings settings;
  private final ZoneId zone;

  @Autowired
  public FeedbackPlaybook(FeedbackSettings settings) {
    this(settings, ZoneId.systemDefault());
  }

  public FeedbackPlaybook(FeedbackSettings settings, ZoneId zone) {
    this.settings = settings;
    this.zone = zone;
  }

  public Date triageDue() {
    return BusinessDays.fromNow(settings.triageBusinessDays(), zone);
  }
}
