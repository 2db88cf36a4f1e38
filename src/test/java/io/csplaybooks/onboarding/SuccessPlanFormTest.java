package io.csplaybooks.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.spin.Spin.JSON;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.playbook.TaskForm;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuccessPlanFormTest {

  static final TaskForm LISTS = new TaskForm(Set.of(SuccessPlanForm.KPIS, SuccessPlanForm.MILESTONES));
  static final TaskForm TEXT_AREAS = new TaskForm(Set.of());

  final SuccessPlan plan = new SuccessPlan(7, 3, Instant.now(), "carol", List.of("Cut costs", "Happier agents"),
      List.of("New champion"),
      List.of(new SuccessPlan.Kpi("Weekly active agents", "%", new BigDecimal("20.0000"), new BigDecimal("80"), null,
          LocalDate.parse("2027-03-01"))),
      List.of(new SuccessPlan.Milestone("Set up: SSO", "engineering", LocalDate.parse("2026-12-07"), "done")));

  @Test
  void aPlanSurvivesTheRoundTripThroughItsFormInEitherShape() {
    for (TaskForm form : List.of(LISTS, TEXT_AREAS)) {
      Map<String, Object> fields = new HashMap<>(SuccessPlanForm.fields(plan, form));
      // As the engine hands a JSON variable to the listener: a Spin node.
      fields.replaceAll((key, value) -> value instanceof SerializableValue json ? JSON(json.getValueSerialized()) : value);

      assertThat(SuccessPlanForm.parse(fields)).usingRecursiveComparison()
          .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(plan.content());
    }
  }

  @Test
  void theListsAreFilledAsRowsOfJsonWithTheFieldsTheFormNames() {
    Map<String, Object> fields = SuccessPlanForm.fields(plan, LISTS);

    assertThat(fields.get(SuccessPlanForm.KPIS)).isInstanceOf(TypedValue.class);
    assertThat(((SerializableValue) fields.get(SuccessPlanForm.KPIS)).getValueSerialized()).isEqualTo(
        "[{\"name\":\"Weekly active agents\",\"unit\":\"%\",\"baseline\":20,\"target\":80,\"currentValue\":null,"
            + "\"dueDate\":\"2027-03-01\"}]");
    assertThat(((SerializableValue) fields.get(SuccessPlanForm.MILESTONES)).getValueSerialized()).isEqualTo(
        "[{\"name\":\"Set up: SSO\",\"ownerTeam\":\"engineering\",\"dueDate\":\"2026-12-07\",\"status\":\"done\"}]");
    assertThat(SuccessPlanForm.fields(plan, TEXT_AREAS).get(SuccessPlanForm.KPIS))
        .isEqualTo("Weekly active agents | % | 20 | 80 |  | 2027-03-01");
  }

  @Test
  void rowsAreReadFieldByFieldAndEachRefusalNamesItsRow() {
    Map<String, Object> form = Map.of(
        SuccessPlanForm.KPIS, JSON("""
            [{"name":"Active agents","unit":"%","baseline":20,"target":80,"currentValue":35,"dueDate":"2027-03-01"},
             {"name":"Tickets","target":"not much","dueDate":"2027-03-01"},
             {"name":"","unit":"","baseline":null,"target":null,"currentValue":null,"dueDate":null},
             {"name":"NPS","baseline":-20,"target":30}]"""),
        SuccessPlanForm.MILESTONES, JSON("""
            [{"name":"Go live","ownerTeam":"CS","dueDate":"2027-01-10"},
             {"name":"Train admins","ownerTeam":"marketing","dueDate":"2027-01-20","status":"later"}]"""));

    assertThatThrownBy(() -> SuccessPlanForm.parse(form)).isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).errors()).asList().containsExactly(
            new FieldError("planKpis[1].target", "must be a number"),
            new FieldError("planKpis[3].dueDate", "is required"),
            new FieldError("planMilestones[1].ownerTeam", "must be one of cs-managers, cs, sales, engineering, product"),
            new FieldError("planMilestones[1].status", "must be one of open, done"));

    SuccessPlan.Content good = SuccessPlanForm.parse(Map.of(
        SuccessPlanForm.KPIS, JSON("[{\"name\":\"NPS\",\"baseline\":-20,\"target\":30,\"dueDate\":\"2027-06-30\"}]"),
        SuccessPlanForm.MILESTONES, JSON("[{\"name\":\"Go live\",\"ownerTeam\":\"CS\",\"dueDate\":\"2027-01-10\"}]")));
    assertThat(good.kpis()).singleElement().satisfies(kpi -> assertThat(kpi.baseline()).isEqualByComparingTo("-20"));
    assertThat(good.milestones()).containsExactly(
        new SuccessPlan.Milestone("Go live", "cs", LocalDate.parse("2027-01-10"), "open"));
  }

  @Test
  void aListWhoseRowsWereAllRemovedEmptiesThePlansList() {
    Map<String, Object> form = new HashMap<>(SuccessPlanForm.fields(plan, LISTS));
    // form-js leaves an emptied list out; the task keeps its fill, and the row count says 0.
    form.put("planKpisRows", 0);
    form.put(SuccessPlanForm.MILESTONES, JSON("[]"));
    form.put(SuccessPlanForm.KPIS, JSON(((SerializableValue) form.get(SuccessPlanForm.KPIS)).getValueSerialized()));

    SuccessPlan.Content back = SuccessPlanForm.parse(form);

    assertThat(back.kpis()).isEmpty();
    assertThat(back.milestones()).isEmpty();
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
