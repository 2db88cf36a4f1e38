package io.csplaybooks.notify;

import io.csplaybooks.common.CommonSettings;
import io.csplaybooks.common.EngineClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends mail through Spring Mail, once. Callers run in a job of their own (an async boundary before
 * and after the step): a failure fails the job, which the engine retries with backoff for hours
 * (csp.mail.retry-cycle) and finally shows as an incident in Cockpit. Each mail has a key; a mail
 * whose key is recorded as sent is not sent again, so a retry after a failure behind the send
 * (the job's commit) does not mail the customer twice.
 */
@Service
public class Mailer {

  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

  private final JavaMailSender sender;
  private final SentMails sentMails;
  private final String from;
  private final String baseUrl;
  private final Counter sent;
  private final Counter failed;

  Mailer(JavaMailSender sender, SentMails sentMails, NotifySettings settings, CommonSettings common,
      MeterRegistry meters) {
    this.sent = Counter.builder("csp.mail.sent").description("Mails sent").register(meters);
    this.failed = Counter.builder("csp.mail.failures").description("Mails the server refused or could not take;"
        + " the job retries them").register(meters);
    this.sender = sender;
    this.sentMails = sentMails;
    this.from = settings.mail().from();
    this.baseUrl = common.baseUrlWithoutSlash();
  }

  /** The key of a playbook step's mail: its playbook instance and step, and a round for steps that repeat. */
  public static String stepKey(DelegateExecution execution, Object... round) {
    StringBuilder key = new StringBuilder(execution.getProcessInstanceId()).append(':')
        .append(execution.getCurrentActivityId());
    for (Object part : round) {
      key.append(':').append(part);
    }
    return key.toString();
  }

  /** Sends the mail unless a mail with this key was sent already; true when it went out now. */
  public boolean sendOnce(String key, Mail mail) {
    if (sentMails.sent(key)) {
      LOG.info("Mail '{}' to {} was sent before ({}); not again", mail.subject(), mail.to(), key);
      return false;
    }
    send(mail);
    if (!sentMails.record(key, mail, EngineClock.now())) {
      LOG.warn("Mail {} was sent twice at the same moment", key);
    }
    return true;
  }

  void send(Mail mail) {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(mail.to().toArray(String[]::new));
    if (mail.replyTo() != null) {
      message.setReplyTo(mail.replyTo());
    }
    message.setSubject(mail.subject());
    message.setText(mail.body());
    try {
      sender.send(message);
    } catch (RuntimeException e) {
      failed.increment();
      throw e;
    }
    sent.increment();
    LOG.info("Mail '{}' sent to {}", mail.subject(), mail.to());
  }

  /** A link to one task in Tasklist. */
  public String taskLink(String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  public String tasklistLink() {
    return baseUrl + "/camunda/app/tasklist/default/";
  }

  public String accountLink(long accountId) {
    return baseUrl + "/api/accounts/" + accountId;
  }
}
