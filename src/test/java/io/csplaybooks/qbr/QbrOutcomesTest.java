package io.csplaybooks.qbr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.feedback.FeedbackItem;
import io.csplaybooks.feedback.FeedbackKind;
import io.csplaybooks.feedback.FeedbackLog;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The "Record QBR outcome" use case without the engine: what it writes where, and that a wrong row writes nothing. */
class QbrOutcomesTest {

  static final long ACCOUNT = 7L;
  static final SuccessPlan.Kpi FIRST_RESPONSE = new SuccessPlan.Kpi("First-response time", "minutes",
      BigDecimal.valueOf(240), BigDecimal.valueOf(60), BigDecimal.valueOf(180), LocalDate.of(2027, 6, 30));

  final SuccessPlans plans = mock(SuccessPlans.class);
  final QbrRepository qbrs = mock(QbrRepository.class);
  final FeedbackLog feedback = mock(FeedbackLog.class);
  final QbrOutcomes outcomes = new QbrOutcomes(plans, qbrs, feedback);

  @Test
  void aMeetingMovesTheKpisIntoANewPlanVersionAndEachFeedbackLineGoesToItsTeam() {
    when(plans.find(ACCOUNT)).thenReturn(Optional.of(new SuccessPlan(ACCOUNT, 3, Instant.EPOCH, "carol",
        List.of("Cut support costs"), List.of(), List.of(FIRST_RESPONSE), List.of())));
    when(feedback.record(eq(ACCOUNT), eq(2), any(), eq("carol"))).thenReturn(41L, 42L);

    QbrOutcomes.Recorded recorded = outcomes.record(ACCOUNT, 2, new QbrOutcomes.Form("2027-03-02",
        List.of(Map.of("name", "first-response time", "currentValue", 95)), "Cut support costs\nOpen a Busan desk",
        "Wants the Busan office on board", "Went well",
        List.of(Map.of("kind", "bug", "theme", "SSO", "description", "Login loops after the Okta redirect"),
            Map.of("kind", "feature-request", "theme", "Reports", "description", "Weekly PDF"))), "carol");

    assertThat(recorded).isEqualTo(new QbrOutcomes.Recorded(true, List.of(41L), List.of(42L)));
    ArgumentCaptor<SuccessPlan.Content> plan = ArgumentCaptor.forClass(SuccessPlan.Content.class);
    verify(plans).update(eq(ACCOUNT), plan.capture(), eq("carol"), eq("QBR round 2"));
    assertThat(plan.getValue().version()).isEqualTo(3);
    assertThat(plan.getValue().goals()).containsExactly("Cut support costs", "Open a Busan desk");
    assertThat(plan.getValue().kpis()).singleElement().extracting(SuccessPlan.Kpi::currentValue)
        .isEqualTo(BigDecimal.valueOf(95));
    ArgumentCaptor<QbrHistory.Outcome> outcome = ArgumentCaptor.forClass(QbrHistory.Outcome.class);
    verify(qbrs).saveOutcome(outcome.capture());
    assertThat(outcome.getValue()).extracting(QbrHistory.Outcome::heldOn, QbrHistory.Outcome::kpiValues,
        QbrHistory.Outcome::recordedBy).containsExactly(LocalDate.of(2027, 3, 2), "First-response time | 95", "carol");
    verify(feedback).record(ACCOUNT, 2, new FeedbackItem.New(FeedbackKind.BUG, "sso",
        "Login loops after the Okta redirect"), "carol");
    verify(feedback).record(ACCOUNT, 2, new FeedbackItem.New(FeedbackKind.FEATURE_REQUEST, "reports", "Weekly PDF"),
        "carol");
  }

  @Test
  void aKpiThePlanDoesNotHaveRefusesTheWholeFormAndWritesNothing() {
    when(plans.find(ACCOUNT)).thenReturn(Optional.of(new SuccessPlan(ACCOUNT, 3, Instant.EPOCH, "carol",
        List.of(), List.of(), List.of(FIRST_RESPONSE), List.of())));

    assertThatThrownBy(() -> outcomes.record(ACCOUNT, 2, new QbrOutcomes.Form("2027-03-02",
        List.of(Map.of("name", "Deflection rate", "currentValue", 30)), null, null, null,
        List.of(Map.of("kind", "bug", "theme", "SSO", "description", "Loops"))), "carol"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).anySatisfy(error ->
            assertThat(error.toString()).contains("kpiValues[0].name").contains("'Deflection rate' is not a KPI")));
    verify(plans, never()).update(anyLong(), any(), anyString(), anyString());
    verify(qbrs, never()).saveOutcome(any());
    verifyNoInteractions(feedback);
  }

  @Test
  void aMeetingWithoutADateIsRefused() {
    when(plans.find(ACCOUNT)).thenReturn(Optional.empty());

    assertThatThrownBy(() -> outcomes.record(ACCOUNT, 1, new QbrOutcomes.Form(null, null, null, null, null, null),
        "carol")).isInstanceOf(InvalidInputException.class).hasMessageContaining("qbrHeldOn");
    verify(qbrs, never()).saveOutcome(any());
  }
}
