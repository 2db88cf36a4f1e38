package io.csplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.Validation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
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
}
