package io.csplaybooks.notify;

import java.sql.Timestamp;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final String from;
  private final String baseUrl;

  public Mailer(JavaMailSender sender, JdbcClient jdbc, PlatformTransactionManager transactions,
      @Value("${csp.mail.from}") String from, @Value("${csp.base-url}") String baseUrl) {
    this.sender = sender;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.from = from;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
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
    if (jdbc.sql("select count(*) from mail_sent where mail_key = :key").param("key", key).query(Long.class).single() > 0) {
      LOG.info("Mail '{}' to {} was sent before ({}); not again", mail.subject(), mail.to(), key);
      return false;
    }
    send(mail);
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql("""
              insert into mail_sent (mail_key, subject, recipients, sent_at) values (:key, :subject, :to, :at)""")
          .param("key", key).param("subject", truncate(mail.subject(), 1000))
          .param("to", truncate(String.join(", ", mail.to()), 2000)).param("at", Timestamp.from(Instant.now()))
          .update());
    } catch (DuplicateKeyException sentMeanwhile) {
      LOG.warn("Mail {} was sent twice at the same moment", key);
    }
    return true;
  }

  private static String truncate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
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
    sender.send(message);
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
