package io.csplaybooks.handoff;

import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.notify.Mail;
import io.csplaybooks.notify.MailMessages;
import io.csplaybooks.notify.Mailer;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Introduce CSM to customer": the customer's primary contact (the champion, else the executive
 * sponsor, else any stakeholder with an email) hears from their CSM, and replies reach the CSM. In
 * English ({@link MailMessages#CUSTOMERS}); the account's name and goals as sales wrote them.
 */
@PlaybookStep(value = "introduceCsmToCustomer",
    name = "Introduce CSM to customer",
    description = "Mails the customer's primary contact (the champion, else the executive sponsor) an introduction to "
        + "their CSM. A mail: a job of its own (async before), and a retry never mails twice.",
    asyncBefore = true, mail = true)
class IntroduceCsmToCustomer implements JavaDelegate {

  static final String CUSTOMER_INTRODUCED_TO = "customerIntroducedTo";
  private static final Logger LOG = LoggerFactory.getLogger(IntroduceCsmToCustomer.class);

  private final HandoffContext context;
  private final MailMessages texts;
  private final Mailer mailer;

  public IntroduceCsmToCustomer(HandoffContext context, MailMessages texts, Mailer mailer) {
    this.context = context;
    this.texts = texts;
    this.mailer = mailer;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HandoffContext.Loaded h = context.load(execution);
    Optional<BriefStakeholder> contact = primaryContact(h.brief());
    if (contact.isEmpty()) {
      LOG.warn("No stakeholder of {} has an email address; the CSM introduces themselves at kickoff", h.account().name());
      execution.setVariable(CUSTOMER_INTRODUCED_TO, null);
      return;
    }
    String csmName = h.csm().displayName();
    Locale language = MailMessages.CUSTOMERS;
    String goals = h.brief().businessGoals().isEmpty() ? ""
        : texts.text(language, "intro.goals", String.join("; ", h.brief().businessGoals()));
    String body = texts.text(language, "intro.body", contact.get().name(), csmName, h.account().name(), goals);
    mailer.sendOnce(Mailer.stepKey(execution), new Mail(List.of(contact.get().email()), h.csm().email(),
        texts.text(language, "intro.subject", csmName), body));
    execution.setVariable(CUSTOMER_INTRODUCED_TO, contact.get().email());
  }

  static Optional<BriefStakeholder> primaryContact(HandoffBrief brief) {
    return brief.inRole(StakeholderRole.CHAMPION.code()).filter(s -> s.email() != null)
        .or(() -> brief.inRole(StakeholderRole.EXECUTIVE_SPONSOR.code()).filter(s -> s.email() != null))
        .or(() -> brief.stakeholders().stream().filter(s -> s.email() != null).findFirst());
  }
}
