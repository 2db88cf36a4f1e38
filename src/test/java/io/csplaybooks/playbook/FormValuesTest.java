package io.csplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.spin.Spin.JSON;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.Validation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Form values as people type them, read one way: a table of what is taken and what is refused. */
class FormValuesTest {

  final Validation v = new Validation();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void rowsAreTheNonBlankLinesNumberedAsTyped() {
    var lines = FormValues.lines("  Cut costs | ops \n\n   \r\nGo live |  | 2027-01-31\n");

    assertThat(lines).extracting(FormValues.Line::number).containsExactly(1, 4);
    assertThat(lines.get(0).text()).isEqualTo("Cut costs | ops");
    assertThat(lines.get(1).where()).isEqualTo("line 4: ");
    assertThat(lines.get(1).cells()).containsExactly("Go live", "", "2027-01-31");
    assertThat(FormValues.texts("a\n\n b ")).containsExactly("a", "b");
    assertThat(FormValues.lines(null)).isEmpty();
    assertThat(FormValues.texts("   ")).isEmpty();
  }

  @Test
  void aNumberThatIsMissingOrNotOneIsNamed() {
    assertThat(PlaybookVariables.number(3, "daysBefore").longValue()).isEqualTo(3L);
    assertThat(PlaybookVariables.number(3L, "daysBefore").intValue()).isEqualTo(3);
    assertThatThrownBy(() -> PlaybookVariables.number(null, "renewalId"))
        .hasMessage("the playbook has no 'renewalId'");
    assertThatThrownBy(() -> PlaybookVariables.number("7", "renewalId"))
        .hasMessage("'renewalId' is not a number: 7");
  }

  @Test
  void textIsTrimmedAndBlankIsNone() {
    assertThat(FormValues.text("  Globex  ")).isEqualTo("Globex");
    assertThat(FormValues.text("   ")).isNull();
    assertThat(FormValues.text(null)).isNull();
    assertThat(FormValues.text(42)).isEqualTo("42");
  }

  @Test
  void numbersAreCheckedAndNameTheirField() {
    assertThat(FormValues.number("120000.50", "arr", v)).isEqualByComparingTo("120000.50");
    assertThat(FormValues.number(7L, "arr", v)).isEqualByComparingTo(BigDecimal.valueOf(7));
    assertThat(FormValues.number("", "arr", v)).isNull();
    assertThat(v.errors()).isEmpty();
    assertThat(FormValues.number("a lot", "arr", v)).isNull();
    assertThat(v.errors()).containsExactly(new FieldError("arr", "must be a number"));
  }

  @Test
  void datesComeAsTheDatePickerAndAsDateTimesCutToTheirDay() {
    assertThat(FormValues.date("2027-01-15", "due", v)).isEqualTo(LocalDate.parse("2027-01-15"));
    assertThat(FormValues.date("2027-01-15T00:00:00+01:00", "due", v)).isEqualTo(LocalDate.parse("2027-01-15"));
    assertThat(FormValues.date(Date.from(Instant.parse("2027-01-15T12:00:00Z")), "due", v)).isNotNull();
    assertThat(FormValues.date(null, "due", v)).isNull();
    assertThat(v.errors()).isEmpty();
    assertThat(FormValues.date("15/01/2027", "due", v)).isNull();
    assertThat(FormValues.requiredDate(" ", "heldOn", v)).isNull();
    assertThat(v.errors()).extracting(FieldError::field).containsExactly("due", "heldOn");
  }

  @Test
  void aPastDateIsNotAfterTodayByTheEnginesClock() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-07T09:00:00Z")));

    assertThat(FormValues.pastDate("2026-12-07", "heldOn", v)).isEqualTo(LocalDate.parse("2026-12-07"));
    assertThat(v.errors()).isEmpty();
    FormValues.pastDate("2026-12-09", "heldOn", "hold it first", v);
    assertThat(v.errors()).containsExactly(new FieldError("heldOn", "hold it first"));
  }

  static final List<String> KPI = List.of("name", "target", "dueDate");

  @Test
  void rowsOfADynamicListComeAsJsonOrJavaListsAndBlankRowsAreLeftOut() {
    Object json = JSON("[{\"name\":\" Active agents \",\"target\":80,\"dueDate\":\"2027-03-01\"},"
        + "{\"name\":\"\",\"target\":null},{\"name\":\"Tickets\",\"target\":\"12.5\"}]");

    List<FormValues.Row> rows = FormValues.rows(json, "planKpis", KPI, v);

    assertThat(v.errors()).isEmpty();
    assertThat(rows).extracting(FormValues.Row::where).containsExactly("planKpis[0]", "planKpis[2]");
    assertThat(rows.get(0).requiredText("name", 200, v)).isEqualTo("Active agents");
    assertThat(rows.get(0).requiredNumber("target", 14, 4, v)).isEqualByComparingTo("80");
    assertThat(rows.get(0).requiredDate("dueDate", v)).isEqualTo(LocalDate.parse("2027-03-01"));
    assertThat(rows.get(1).requiredNumber("target", 14, 4, v)).isEqualByComparingTo("12.5");
    assertThat(v.errors()).isEmpty();
    assertThat(FormValues.rows(List.of(Map.of("name", "Go live")), "planKpis", KPI, v)).hasSize(1);
    assertThat(FormValues.rows(null, "planKpis", KPI, v)).isEmpty();
  }

  @Test
  void eachRefusalNamesTheListTheRowAndTheField() {
    List<FormValues.Row> rows = FormValues.rows(List.of(
        Map.of("name", "A", "target", "lots", "dueDate", "1 March"),
        Map.of("name", "x".repeat(201), "target", "1.23456"),
        Map.of("target", "1e15", "dueDate", "2027-03-01")), "planKpis", KPI, v);
    for (FormValues.Row row : rows) {
      row.requiredText("name", 200, v);
      row.requiredNumber("target", 14, 4, v);
      row.requiredDate("dueDate", v);
    }

    assertThat(v.errors()).containsExactly(
        new FieldError("planKpis[0].target", "must be a number"),
        new FieldError("planKpis[0].dueDate", "must be a date (YYYY-MM-DD)"),
        new FieldError("planKpis[1].name", "must be at most 200 characters"),
        new FieldError("planKpis[1].target", "must have at most 4 decimals"),
        new FieldError("planKpis[1].dueDate", "is required"),
        new FieldError("planKpis[2].name", "is required"),
        new FieldError("planKpis[2].target", "must be less than 100,000,000,000,000 in size"));
  }

  @Test
  void aChoiceIsOneOfItsValues() {
    FormValues.Row row = FormValues.rows(List.of(Map.of("name", "Engineering", "target", "marketing")), "list",
        KPI, v).get(0);

    assertThat(row.choice("name", List.of("cs", "engineering"), v)).isEqualTo("engineering");
    assertThat(row.requiredChoice("target", List.of("cs", "engineering"), v)).isNull();
    assertThat(row.requiredChoice("dueDate", List.of("cs"), v)).isNull();
    assertThat(v.errors()).containsExactly(new FieldError("list[0].target", "must be one of cs, engineering"),
        new FieldError("list[0].dueDate", "is required"));
  }

  @Test
  void hostileListsAreRefusedWithoutReadingThem() {
    String tenThousand = IntStream.range(0, 10_000).mapToObj(i -> "{\"name\":\"k" + i + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
    Object huge = JSON(tenThousand);
    assertThat(FormValues.rows(huge, "planKpis", KPI, v)).isEmpty();
    assertThat(FormValues.rows(Collections.nCopies(51, Map.of("name", "k")), "planMilestones", KPI, v)).isEmpty();
    assertThat(FormValues.rows(Collections.nCopies(50, Map.of("name", "k")), "fifty", KPI, v)).hasSize(50);

    Object nested = JSON("[{\"name\":{\"$ref\":\"x\"},\"target\":[1,2]},[1],\"text\",7,"
        + "{\"name\":\"A\",\"evil\":\"yes\"}]");
    assertThat(FormValues.rows(nested, "nested", KPI, v)).isEmpty();
    assertThat(FormValues.rows(JSON("{\"name\":\"A\"}"), "object", KPI, v)).isEmpty();
    assertThat(FormValues.rows(42L, "number", KPI, v)).isEmpty();
    assertThat(FormValues.rows(new byte[] {1, 2}, "bytes", KPI, v)).isEmpty();

    assertThat(v.errors()).containsExactly(
        new FieldError("planKpis", "must have at most 50 rows"),
        new FieldError("planMilestones", "must have at most 50 rows"),
        new FieldError("nested[0].name", "must be a single value, not a list or an object"),
        new FieldError("nested[0].target", "must be a single value, not a list or an object"),
        new FieldError("nested[1]", "must be a row of fields (name, target, dueDate)"),
        new FieldError("nested[2]", "must be a row of fields (name, target, dueDate)"),
        new FieldError("nested[3]", "must be a row of fields (name, target, dueDate)"),
        new FieldError("nested[4]", "has no field 'evil': its fields are name, target, dueDate"),
        new FieldError("object", "must be a list of rows"),
        new FieldError("number", "must be a list of rows"),
        new FieldError("bytes", "must be a list of rows"));
  }

  @Test
  void aListTheFormEmptiedIsEmptyWhateverTheTaskWasFilledWith() {
    Map<String, Object> emptied = new HashMap<>();
    emptied.put("planKpis", List.of(Map.of("name", "from the fill")));
    emptied.put("planKpisRows", 0);
    assertThat(FormValues.list(emptied, "planKpis")).isEqualTo(List.of());
    emptied.put("planKpisRows", 1);
    assertThat(FormValues.list(emptied, "planKpis")).isEqualTo(List.of(Map.of("name", "from the fill")));
    assertThat(FormValues.list(Map.of("planKpis", "a | b"), "planKpis")).isEqualTo("a | b");
    assertThat(FormValues.isLines("a | b")).isTrue();
    assertThat(FormValues.isLines(List.of())).isFalse();
  }
}
