package io.csplaybooks.handoff;

import static io.csplaybooks.handoff.HandoffVariables.KICKOFF_DUE_DATE;

import io.csplaybooks.notify.Mail;
import io.csplaybooks.notify.MailMessages;
import io.csplaybooks.notify.Mailer;
import io.csplaybooks.notify.Slack;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.security.Languages;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Tell CSM about new account": the CSM learns of the account and gets the brief by email, in their language. */
@PlaybookStep(value = "notifyCsmOfNewAccount",
    name = "Tell CSM about new account",
    description = "Handoff: mails the account's new CSM the handoff brief, in their language. A mail: a job of its own "
        + "(async before), and a retry never mails twice.",
    asyncBefore = true, mail = true)
class NotifyCsmOfNewAccount implements JavaDelegate {

  private final HandoffContext context;
  private final Languages languages;
  private final MailMessages texts;
  private final Mailer mailer;
  private final Slack slack;

  public NotifyCsmOfNewAccount(HandoffContext context, Languages languages, MailMessages texts, Mailer mailer,
      Slack slack) {
    this.context = context;
    this.languages = languages;
    this.texts = texts;
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
    String kickoffBy = kickoffDue.toInstant().atZone(ZoneId.systemDefault()).toLocalDate().toString();
    Locale language = languages.of(h.csm().id());
    String name = h.account().name();
    String segment = h.account().segment().code();
    String region = h.account().region();
    String body = texts.text(language, "newAccount.body", h.csm().firstNameOrId(), name, kickoffBy, mailer.tasklistLink(),
        BriefText.render(h.account(), h.contract(), h.brief(), texts, language), mailer.accountLink(h.account().id()));
    mailer.sendOnce(Mailer.stepKey(execution), new Mail(List.of(h.csm().email()), null,
        texts.text(language, "newAccount.subject", name, segment, region), body));
    // And in Slack, for a CSM who wants it; a Slack outage retries this job without mailing again.
    slack.tellOnce(Mailer.stepKey(execution), h.csm().id(), h.csm().email(), texts.text(language, "slack.newAccount",
        "<" + mailer.accountLink(h.account().id()) + "|" + Slack.escape(name).replace("|", "¦") + ">", segment, region,
        kickoffBy));
  }
}
