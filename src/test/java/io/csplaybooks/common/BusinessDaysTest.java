package io.csplaybooks.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDaysTest {

  @ParameterizedTest(name = "{0} + {1} business days = {2}")
  @CsvSource(textBlock = """
      2026-11-16T09:00Z, 0, 2026-11-16T09:00Z
      2026-11-16T09:00Z, 2, 2026-11-18T09:00Z
      2026-11-19T09:00Z, 2, 2026-11-23T09:00Z
      2026-11-20T17:30Z, 1, 2026-11-23T17:30Z
      2026-11-20T17:30Z, 2, 2026-11-24T17:30Z
      2026-11-21T10:00Z, 0, 2026-11-23T10:00Z
      2026-11-21T10:00Z, 2, 2026-11-24T10:00Z
      2026-11-22T10:00Z, 1, 2026-11-23T10:00Z
      2026-11-16T09:00Z, 5, 2026-11-23T09:00Z
      """)
  void weekendsDoNotCount(String from, int days, String expected) {
    assertThat(BusinessDays.add(ZonedDateTime.parse(from), days)).isEqualTo(ZonedDateTime.parse(expected));
  }

  @Test
  void refusesNegativeDays() {
    assertThatThrownBy(() -> BusinessDays.add(ZonedDateTime.parse("2026-11-16T09:00Z"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
