package io.csplaybooks.notify;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The mails that went out (mail_sent), by key: what makes a retried mail step send nothing again. */
@Repository
class SentMails {

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;

  SentMails(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  boolean sent(String key) {
    return jdbc.sql("select count(*) from mail_sent where mail_key = :key").param("key", key).query(Long.class).single() > 0;
  }

  /**
   * Records the mail as sent, committed at once in a transaction of its own, so that the record
   * stays even when the step's job fails after the send.
   *
   * @return false when the same mail was recorded meanwhile (sent twice at the same moment)
   */
  boolean record(String key, Mail mail, Instant at) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql("""
              insert into mail_sent (mail_key, subject, recipients, sent_at) values (:key, :subject, :to, :at)""")
          .param("key", key).param("subject", truncate(mail.subject(), 1000))
          .param("to", truncate(String.join(", ", mail.to()), 2000)).param("at", Timestamp.from(at))
          .update());
      return true;
    } catch (DuplicateKeyException sentMeanwhile) {
      return false;
    }
  }

  private static String truncate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
