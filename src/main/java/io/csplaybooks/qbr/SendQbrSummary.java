package io.csplaybooks.qbr;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.notify.Mail;
import io.csplaybooks.notify.MailMessages;
import io.csplaybooks.notify.Mailer;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.PlaybookStep;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Send QBR summary" (scaled tier, tech-touch): the quarter's pack as a short report to the customer's
 * champion, else the executive sponsor, in English ({@link MailMessages#CUSTOMERS}). Runs after an
 * async boundary: an SMTP outage is retried.
 */
@PlaybookStep(value = "sendQbrSummary",
    name = "Send QBR summary",
    description = "QBR cycle (scaled tier): mails the quarter's pack to the customer's champion, else the executive "
        + "sponsor. A mail: a job of its own (async before), and a retry never mails twice.",
    asyncBefore = true, mail = true)
class SendQbrSummary implements JavaDelegate {

  static final String SENT_TO = "qbrSummarySentTo";
  private static final Logger LOG = LoggerFactory.getLogger(SendQbrSummary.class);

  private final QbrPacks packs;
  private final Accounts accounts;
  private final MailMessages texts;
  private final Mailer mailer;

  public SendQbrSummary(QbrPacks packs, Accounts accounts, MailMessages texts, Mailer mailer) {
    this.packs = packs;
    this.accounts = accounts;
    this.texts = texts;
    this.mailer = mailer;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = AccountId.from(execution).value();
    int round = execution.hasVariable(QbrVariables.SUMMARY_ROUND)
        ? PlaybookVariables.intValue(execution, QbrVariables.SUMMARY_ROUND) : QbrVariables.round(execution);
    QbrPack pack = packs.find(accountId, round);
    List<Stakeholder> people = accounts.stakeholdersOf(accountId);
    Optional<Stakeholder> to = inRole(people, StakeholderRole.CHAMPION).or(() -> inRole(people, StakeholderRole.EXECUTIVE_SPONSOR));
    if (to.isEmpty()) {
      LOG.warn("{} has no champion or executive sponsor with an email: no QBR summary this quarter", pack.accountName());
      execution.setVariable(SENT_TO, null);
      return;
    }
    Locale language = MailMessages.CUSTOMERS;
    mailer.sendOnce(Mailer.stepKey(execution, round), new Mail(List.of(to.get().email()),
        null, texts.text(language, "qbr.subject", pack.accountName()),
        texts.text(language, "qbr.greeting", to.get().name()) + "\n\n" + QbrPackText.summary(pack, texts, language)));
    execution.setVariable(SENT_TO, to.get().email());
  }

  private static Optional<Stakeholder> inRole(List<Stakeholder> people, StakeholderRole role) {
    return people.stream().filter(s -> s.role() == role && s.reachable()).findFirst();
  }
}
