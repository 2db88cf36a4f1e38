package io.csplaybooks.handoff;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormCompleteness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The handoff brief's gate, asked before the brief is sent: the items the scorer would find missing,
 * each on the field that supplies it, so that sales sees on the form what sends the brief back to
 * them (ScoreHandoffBrief scores the saved brief the same way right after the task).
 */
@Component
class BriefCompleteness implements FormCompleteness {

  /** The reason of every missing item: the words that FieldMessages translate. */
  static final String NEEDED = "is needed for a complete brief";

  private final BriefScorer scorer;

  BriefCompleteness(HandoffSettings settings) {
    this.scorer = settings.scorer();
  }

  @Override
  public String formId() {
    return "complete-handoff-brief";
  }

  @Override
  public List<FieldError> missing(Map<String, Object> values) {
    Validation v = new Validation();
    HandoffBrief brief = BriefForm.parse(values, v);
    if (!v.errors().isEmpty()) {
      return List.of();
    }
    BriefScore score = scorer.score(brief);
    if (score.complete()) {
      return List.of();
    }
    List<FieldError> missing = new ArrayList<>();
    for (BriefItem item : score.missing()) {
      missing.add(new FieldError(field(item, values), NEEDED));
    }
    return missing;
  }

  /** The field that supplies the item: for a stakeholder, the name if it is empty, else the email. */
  private static String field(BriefItem item, Map<String, Object> values) {
    return switch (item) {
      case BUSINESS_GOALS -> BriefForm.BUSINESS_GOALS;
      case SUCCESS_CRITERIA -> BriefForm.SUCCESS_CRITERIA;
      case USE_CASES -> BriefForm.USE_CASES;
      case TECHNICAL_REQUIREMENTS -> BriefForm.TECHNICAL_REQUIREMENTS;
      case KNOWN_RISKS -> BriefForm.KNOWN_RISKS;
      case CHAMPION -> BriefForm.text(values.get(BriefForm.CHAMPION_NAME)).isEmpty()
          ? BriefForm.CHAMPION_NAME : BriefForm.CHAMPION_EMAIL;
      case EXECUTIVE_SPONSOR -> BriefForm.text(values.get(BriefForm.SPONSOR_NAME)).isEmpty()
          ? BriefForm.SPONSOR_NAME : BriefForm.SPONSOR_EMAIL;
    };
  }
}
