package io.csplaybooks.feedback;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The voice of the customer's door for other modules: an item heard elsewhere (a QBR) is recorded
 * here, and an account's items are read here. Triage, routing and closing stay in this module.
 */
@Component
public class FeedbackLog {

  private final FeedbackRepository feedback;

  FeedbackLog(FeedbackRepository feedback) {
    this.feedback = feedback;
  }

  /** Records an item the customer gave in the QBR round ({@code qbrRound} null when not in a QBR); returns its id. */
  public long record(long accountId, Integer qbrRound, FeedbackItem.New item, String recordedBy) {
    return feedback.insert(accountId, qbrRound, item, recordedBy);
  }

  /** The account's items, in the order they were recorded. */
  public List<FeedbackItem> ofAccount(long accountId) {
    return feedback.ofAccount(accountId);
  }
}
