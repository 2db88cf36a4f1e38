package io.csplaybooks.feedback;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FeedbackController {

  private final FeedbackRepository feedback;

  public FeedbackController(FeedbackRepository feedback) {
    this.feedback = feedback;
  }

  /** Voice of the customer: how many items and customers raised each theme, by kind. */
  @GetMapping("/api/feedback/themes")
  @Operation(operationId = "feedbackThemes", summary = "Feedback themes across customers")
  public List<FeedbackRepository.Theme> themes() {
    return feedback.themes();
  }

  @GetMapping("/api/accounts/{accountId}/feedback")
  @Operation(operationId = "accountFeedback", summary = "The account's feedback items")
  public List<FeedbackItem> ofAccount(@PathVariable long accountId) {
    return feedback.ofAccount(accountId);
  }
}
