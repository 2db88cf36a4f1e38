package io.csplaybooks.notify;

import io.csplaybooks.common.CommonSettings;
import io.csplaybooks.common.EngineClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends mail through Spring Mail, once. Callers run in a job of their own (an async boundary before
 * and after the step): a failure fails the job, which the engine retries with backoff for hours
 * (csp.mail.retry-cycle) and finally shows as an incident in Cockpit. Each mail has a key; a mail
 * whose key is recorded as sent is not sent again, so a retry after a failure behind the send
 * (the job's commit) does not mail the customer twice; a crash between the send and that record
 * resends the mail with the same Message-ID, which mail clients show as one message.
 */
@Service
public class Mailer {

  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

  private final JavaMailSender sender;
  private final SentMails sentMails;
  private final String from;
  private final String baseUrl;
  private final String domain;
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
    this.domain = domain(baseUrl, from);
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
    send(key, mail);
    if (!sentMails.record(key, mail, EngineClock.now())) {
      LOG.warn("Mail {} was sent twice at the same moment", key);
    }
    return true;
  }

  /**
   * Sends the mail with the Message-ID of its key and recipients: a resend of the same mail (the
   * job retried after a crash between the send and {@code mail_sent}) carries the same id, so mail
   * servers and clients see one message; the same step's mail to someone else is another message.
   */
  void send(String key, Mail mail) {
    MimeMessage message = sender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(mail.to().toArray(String[]::new));
      if (mail.replyTo() != null) {
        helper.setReplyTo(mail.replyTo());
      }
      helper.setSubject(mail.subject());
      helper.setText(mail.body());
      // JavaMailSenderImpl keeps a Message-ID set before the send instead of making a new one.
      message.setHeader("Message-ID", messageId(key, mail));
    } catch (MessagingException invalid) {
      failed.increment();
      throw new MailPreparationException("Mail " + key + " could not be prepared", invalid);
    }
    try {
      sender.send(message);
    } catch (RuntimeException e) {
      failed.increment();
      throw e;
    }
    sent.increment();
    LOG.info("Mail '{}' sent to {}", mail.subject(), mail.to());
  }

  /** The Message-ID of a mail: from its key and its recipients, at the application's domain. */
  public String messageId(String key, Mail mail) {
    List<String> to = mail.to().stream().map(address -> address.trim().toLowerCase(Locale.ROOT)).sorted().toList();
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256")
          .digest((key + "\n" + String.join(",", to)).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
    return "<" + HexFormat.of().formatHex(digest, 0, 16) + ".mail@" + domain + ">";
  }

  /** The host people reach the app at (csp.base-url), else the sender address's domain. */
  static String domain(String baseUrl, String from) {
    try {
      String host = baseUrl == null ? null : URI.create(baseUrl).getHost();
      if (host != null && !host.isBlank()) {
        return host;
      }
    } catch (IllegalArgumentException notAnAddress) {
      // The sender's domain below.
    }
    int at = from == null ? -1 : from.lastIndexOf('@');
    return at < 0 ? "localhost" : from.substring(at + 1).replace(">", "").trim();
  }

  /** A link to one task's page in the workspace (its form, its account's facts). */
  public String workspaceTaskLink(String taskId) {
    return baseUrl + "/tasks/" + taskId;
  }

  /** The workspace's inbox: a person's and their teams' open tasks, most urgent first. */
  public String inboxLink() {
    return baseUrl + "/inbox";
  }

  public String tasklistLink() {
    return baseUrl + "/camunda/app/tasklist/default/";
  }

  /** The account's page in the workspace (people open links in a browser; the API answers JSON). */
  public String accountLink(long accountId) {
    return baseUrl + "/accounts/" + accountId;
  }
}
