package io.csplaybooks.handoff;

import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.notify.Mail;
import io.csplaybooks.notify.Mailer;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Introduce CSM to customer": the customer's primary contact (the champion, else the executive
 * sponsor, else any stakeholder with an email) hears from their CSM, and replies reach the CSM.
 */
@PlaybookStep("introduceCsmToCustomer")
public class IntroduceCsmToCustomer implements JavaDelegate {

  static final String CUSTOMER_INTRODUCED_TO = "customerIntroducedTo";
  private static final Logger LOG = LoggerFactory.getLogger(IntroduceCsmToCustomer.class);

  private final HandoffContext context;
  private final Mailer mailer;

  public IntroduceCsmToCustomer(HandoffContext context, Mailer mailer) {
    this.context = context;
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
    String body = "Dear " + contact.get().name() + ",\n\n"
        + "welcome aboard! I am " + csmName + ", your Customer Success Manager. My job is to make sure "
        + h.account().name() + " reaches the goals you bought us for"
        + (h.brief().businessGoals().isEmpty() ? "" : ": " + String.join("; ", h.brief().businessGoals())) + ".\n\n"
        + "I will be in touch in the next days to schedule our kickoff, where we agree on success criteria, "
        + "the technical setup and a timeline. You can reply to this email to reach me directly.\n\n"
        + "Best regards,\n" + csmName + "\nCustomer Success\n";
    mailer.sendOnce(Mailer.stepKey(execution), new Mail(List.of(contact.get().email()), h.csm().email(),
        "Introducing your Customer Success Manager, " + csmName, body));
    execution.setVariable(CUSTOMER_INTRODUCED_TO, contact.get().email());
  }

  static Optional<BriefStakeholder> primaryContact(HandoffBrief brief) {
    return brief.inRole(StakeholderRole.CHAMPION.code()).filter(s -> s.email() != null)
        .or(() -> brief.inRole(StakeholderRole.EXECUTIVE_SPONSOR.code()).filter(s -> s.email() != null))
        .or(() -> brief.stakeholders().stream().filter(s -> s.email() != null).findFirst());
  }
}
