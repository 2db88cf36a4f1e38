package io.csplaybooks.qbr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.spin.Spin.JSON;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.Validation;
import io.csplaybooks.feedback.FeedbackItem;
import io.csplaybooks.feedback.FeedbackKind;
import io.csplaybooks.feedback.FeedbackLines;
import io.csplaybooks.onboarding.SuccessPlan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The QBR outcome's KPI values and feedback: rows of the form's lists, or lines of an older form. */
class QbrOutcomeFormTest {

  final Validation v = new Validation();
  final List<SuccessPlan.Kpi> kpis = List.of(new SuccessPlan.Kpi("Weekly active agents", "%", BigDecimal.ONE,
      BigDecimal.TEN, new BigDecimal("35.5000"), LocalDate.parse("2027-03-01")));

  @Test
  void kpiValuesFromRowsAndFromLines() {
    assertThat(QbrOutcomeForm.kpiRows(kpis)).containsExactly(Map.of("name", "Weekly active agents",
        "currentValue", new BigDecimal("35.5")));
    Map<String, BigDecimal> values = QbrOutcomeForm.kpiValues(
        JSON("[{\"name\":\"weekly active agents \",\"currentValue\":55}]"), kpis, v);
    assertThat(values).containsOnlyKeys("Weekly active agents");
    assertThat(QbrOutcomeForm.kpiText(values)).isEqualTo("Weekly active agents | 55");
    assertThat((Object) QbrOutcomeForm.kpiValues((Object) "Weekly active agents | 60", kpis, v))
        .isEqualTo(Map.of("Weekly active agents", new BigDecimal("60")));
    assertThat(QbrOutcomeForm.kpiValues(JSON("[{\"name\":\"Weekly active agents\",\"currentValue\":null}]"), kpis, v))
        .isEmpty();
    assertThat(v.errors()).isEmpty();

    QbrOutcomeForm.kpiValues(JSON("[{\"name\":\"Churn\",\"currentValue\":1},{\"name\":\"Weekly active agents\","
        + "\"currentValue\":\"many\"}]"), kpis, v);
    assertThat(v.errors()).containsExactly(
        new FieldError("kpiValues[0].name", "'Churn' is not a KPI of the success plan: Weekly active agents"),
        new FieldError("kpiValues[1].currentValue", "must be a number"));
  }

  @Test
  void feedbackFromRowsAndFromLines() {
    FeedbackItem.New bug = new FeedbackItem.New(FeedbackKind.BUG, "reporting", "CSV export drops umlauts");
    assertThat(FeedbackLines.read("feedbackItems", JSON("[{\"kind\":\"bug\",\"theme\":\" Reporting \","
        + "\"description\":\"CSV export drops umlauts\"}]"), v)).containsExactly(bug);
    assertThat(FeedbackLines.read("feedbackItems", "bug | Reporting | CSV export drops umlauts", v)).containsExactly(bug);
    assertThat(FeedbackLines.read("feedbackItems", null, v)).isEmpty();
    assertThat(v.errors()).isEmpty();

    FeedbackLines.read("feedbackItems", JSON("[{\"kind\":\"wish\",\"theme\":\"\",\"description\":\"More\"}]"), v);
    assertThat(v.errors()).containsExactly(
        new FieldError("feedbackItems[0].kind", "must be one of bug, feature-request, usability"),
        new FieldError("feedbackItems[0].theme", "is required"));
  }
}
