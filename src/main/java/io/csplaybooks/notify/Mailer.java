package io.csplaybooks.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends mail through Spring Mail. Callers run after an async boundary: a failure here fails the
 * job, which the engine retries and finally shows as an incident in Cockpit.
 */
@Service
public class Mailer {

  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

  private final JavaMailSender sender;
  private final String from;
  private final String baseUrl;

  public Mailer(JavaMailSender sender, @Value("${csp.mail.from}") String from, @Value("${csp.base-url}") String baseUrl) {
    this.sender = sender;
    this.from = from;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public void send(Mail mail) {
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
