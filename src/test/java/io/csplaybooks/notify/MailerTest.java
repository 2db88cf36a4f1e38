package io.csplaybooks.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TestMailServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A mail step whose job fails after the send is retried without mailing the customer again. */
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
}
