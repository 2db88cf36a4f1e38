package io.csplaybooks.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TestMailServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A mail step whose job fails after the send is retried without mailing the customer again; a resend is the same message. */
class MailerTest extends IntegrationTest {

  @Autowired Mailer mailer;
  @Autowired TransactionTemplate transaction;

  @Test
  void aRetryAfterAFailureBehindTheSendDoesNotSendAgain() throws Exception {
    String key = "test:" + System.nanoTime();
    String subject = "Introducing your Customer Success Manager " + key;
    Mail mail = new Mail(List.of("hank@globex.example"), null, subject, "Welcome aboard");

    // The job's transaction fails after the mail went out (its commit, a later statement).
    transaction.executeWithoutResult(status -> {
      assertThat(mailer.sendOnce(key, mail)).isTrue();
      status.setRollbackOnly();
    });
    // The engine retries the job.
    boolean again = transaction.execute(status -> mailer.sendOnce(key, mail));

    assertThat(again).isFalse();
    assertThat(TestMailServer.subjectsTo("hank@globex.example")).filteredOn(subject::equals).hasSize(1);
  }

  /**
   * A crash between the send and mail_sent resends the mail on the job's retry: it carries the
   * same Message-ID, so the customer's mail client shows one message. Another recipient of the same
   * step, or another step's mail, is another message.
   */
  @Test
  void aResentMailCarriesTheSameMessageId() throws Exception {
    String key = "test:" + System.nanoTime();
    Mail mail = new Mail(List.of("iris@initech.example"), null, "Welcome " + key, "Welcome aboard");

    mailer.send(key, mail);
    mailer.send(key, mail);
    mailer.send(key, new Mail(List.of("ivan@initech.example"), null, "Welcome " + key, "Welcome aboard"));
    mailer.send(key + ":2", mail);

    List<String> toIris = TestMailServer.to("iris@initech.example").stream()
        .filter(m -> subject(m).equals("Welcome " + key)).map(MailerTest::messageId).toList();
    List<String> toIvan = TestMailServer.to("ivan@initech.example").stream()
        .filter(m -> subject(m).equals("Welcome " + key)).map(MailerTest::messageId).toList();
    assertThat(toIris).hasSize(3);
    assertThat(toIris.get(0)).isEqualTo(toIris.get(1)).isEqualTo(mailer.messageId(key, mail))
        .matches("<[0-9a-f]{32}\\.mail@localhost>");
    assertThat(toIris.get(2)).as("another step's mail").isNotEqualTo(toIris.get(0));
    assertThat(toIvan).singleElement().as("the same mail to someone else").isNotIn(toIris);
  }

  @Test
  void theMessageIdsDomainIsTheAppsAddress() {
    assertThat(Mailer.domain("https://cs.acme.example:8443/", "cs@mail.acme.example")).isEqualTo("cs.acme.example");
    assertThat(Mailer.domain(null, "CS Playbooks <cs@acme.example>")).isEqualTo("acme.example");
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
