package io.csplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.common.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Due in 5 business days", as the palette's task templates write it: counted on the business calendar. */
class TaskDeadlinesTest {

  final TaskDeadlines deadlines = new TaskDeadlines(new BusinessCalendar(ZoneOffset.UTC));

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aNumberOfBusinessDaysSkipsTheWeekend() {
    // A Thursday: five business days later is the next Thursday, seven days on.
    ZonedDateTime thursday = LocalDate.of(2026, 3, 5).atTime(10, 0).atZone(ZoneOffset.UTC);
    assertThat(thursday.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
    ClockUtil.setCurrentTime(Date.from(thursday.toInstant()));

    assertThat(deadlines.inBusinessDays("5")).isEqualTo(Date.from(thursday.plusDays(7).toInstant()));
    assertThat(deadlines.inBusinessDays(1)).isEqualTo(Date.from(thursday.plusDays(1).toInstant()));
    assertThat(deadlines.inBusinessDays(" 2 ")).isEqualTo(Date.from(thursday.plusDays(4).toInstant()));
  }

  @Test
  void anythingButAWholeNumberFrom1To250IsRefusedNamingTheValue() {
    assertThat(TaskDeadlines.days(250L)).isEqualTo(250);
    for (Object bad : new Object[] {"0", 0, "251", 251, "-1", "5.5", 5.5, "five", "", "${x}", true}) {
      assertThatThrownBy(() -> TaskDeadlines.days(bad)).as(String.valueOf(bad))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("dueInBusinessDays");
    }
    assertThatThrownBy(() -> TaskDeadlines.days(null)).hasMessage("the task has no 'dueInBusinessDays'");
  }
}
