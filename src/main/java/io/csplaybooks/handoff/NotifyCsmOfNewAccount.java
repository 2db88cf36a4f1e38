package io.csplaybooks.handoff;

import static io.csplaybooks.handoff.HandoffVariables.KICKOFF_DUE_DATE;

import io.csplaybooks.notify.Mail;
import io.csplaybooks.notify.Mailer;
import io.csplaybooks.notify.Slack;
import io.csplaybooks.playbook.PlaybookStep;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Tell CSM about new account": the CSM learns of the account and gets the brief by email. */
@PlaybookStep("notifyCsmOfNewAccount")
public class NotifyCsmOfNewAccount implements JavaDelegate {

  private final HandoffContext context;
  private final Mailer mailer;
  private final Slack slack;

  public NotifyCsmOfNewAccount(HandoffContext context, Mailer mailer, Slack slack) {
    this.context = context;
    this.mailer = mailer;
    this.slack = slack;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HandoffContext.Loaded h = context.load(execution);
    if (!h.csm().reachable()) {
      // Fails the job: the incident in Cockpit says whose address to add, then it can be retried.
      throw new IllegalStateException("CSM '" + h.csm().id() + "' has no email address");
    }
    Date kickoffDue = (Date) execution.getVariable(KICKOFF_DUE_DATE);
    String body = "Hello " + h.csm().firstNameOrId() + ",\n\n"
        + h.account().name() + " is your account now. Hold the kickoff by "
        + kickoffDue.toInstant().atZone(ZoneId.systemDefault()).toLocalDate()
        + "; the task is in your task list:\n"
        + mailer.tasklistLink() + "\n\n"
        + "The handoff brief from sales:\n\n"
        + BriefText.render(h.account(), h.contract(), h.brief())
        + "\nAccount record: " + mailer.accountLink(h.account().id()) + "\n";
    mailer.sendOnce(Mailer.stepKey(execution), new Mail(List.of(h.csm().email()), null,
        "New account: " + h.account().name() + " (" + h.account().segment().code() + ", " + h.account().region() + ")",
        body));
    // And in Slack, for a CSM who wants it; a Slack outage retries this job without mailing again.
    slack.tellOnce(Mailer.stepKey(execution), h.csm().id(), h.csm().email(), "New account for you: <"
        + mailer.accountLink(h.account().id()) + "|" + Slack.escape(h.account().name()).replace("|", "¦") + "> (" + h.account().segment().code() + ", "
        + h.account().region() + "); hold the kickoff by "
        + kickoffDue.toInstant().atZone(ZoneId.systemDefault()).toLocalDate() + ".");
  }
}
