package io.csplaybooks.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.common.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuccessPlanFormTest {

  @Test
  void aPlanSurvivesTheRoundTripThroughItsForm() {
    SuccessPlan plan = new SuccessPlan(7, 3, Instant.now(), "carol", List.of("Cut costs", "Happier agents"),
        List.of("New champion"),
        List.of(new SuccessPlan.Kpi("Weekly active agents", "%", new BigDecimal("20"), new BigDecimal("80"), null,
            LocalDate.parse("2027-03-01"))),
        List.of(new SuccessPlan.Milestone("Set up: SSO", "engineering", LocalDate.parse("2026-12-07"), "done")));

    SuccessPlan.Content back = SuccessPlanForm.parse(SuccessPlanForm.fields(plan));

    assertThat(back).isEqualTo(plan.content());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ';', textBlock = """
      Active agents | % | 20 | 80 | 35 | 2027-03-01 ; 
      Active agents | % | 20 | lots | | 2027-03-01 ; planKpis: line 1: target 'lots' is not a number
      Active agents | % | 20 | 80 | | 1 March     ; planKpis: line 1: '1 March' is not a date (YYYY-MM-DD)
      Active agents | 80 | 2027-03-01            ; planKpis: line 1: needs 6 parts: name | unit | baseline | target | current | YYYY-MM-DD
      """)
  void kpiLines(String line, String error) {
    Map<String, Object> form = Map.of(SuccessPlanForm.KPIS, line);
    if (error == null) {
      assertThat(SuccessPlanForm.parse(form).kpis()).singleElement()
          .satisfies(kpi -> assertThat(kpi.currentValue()).isEqualByComparingTo("35"));
    } else {
      assertThatThrownBy(() -> SuccessPlanForm.parse(form)).isInstanceOf(InvalidInputException.class)
          .hasMessage(error);
    }
  }

  @Test
  void aMilestoneWithoutStatusIsOpenAndTheValidatorNamesWhatIsWrong() {
    SuccessPlan.Content plan = SuccessPlanForm.parse(Map.of(SuccessPlanForm.MILESTONES,
        "Go live | cs | 2027-01-10\nTrain admins | marketing | 2027-01-20 | open"));

    assertThat(plan.milestones().get(0).status()).isEqualTo("open");
    assertThatThrownBy(() -> SuccessPlans.validate(plan))
        .hasMessage("milestones[1].ownerTeam: must be one of cs-managers, cs, sales, engineering, product");
  }
}
