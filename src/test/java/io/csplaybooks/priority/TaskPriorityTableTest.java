package io.csplaybooks.priority;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped decision table {@code bpmn/task-priority.dmn}, rule by rule, as plain Java (no process engine). */
class TaskPriorityTableTest {

  static final PriorityRule RULE = new PriorityRule();
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    try (InputStream model = Files.newInputStream(Path.of("bpmn/task-priority.dmn"))) {
      decision = RULE.parse(model);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # case                                         | band   | arr       | currency | days to due | priority
      red and overdue                                 | red    | 5000      | USD      | -1          | 100
      red, a large account and overdue                | red    | 500000    | USD      | -10         | 100
      a large account, overdue                        | green  | 100000    | USD      | -1          | 95
      a large euro account, overdue                   | yellow | 90000     | EUR      | -2          | 95
      red, due in a month                             | red    | 1000      | USD      | 30          | 90
      red, no due date                                | red    | 1000      | USD      | -           | 90
      overdue, small and green                        | green  | 1000      | USD      | -1          | 85
      overdue, not scored                             | -      | 1000      | USD      | -5          | 85
      overdue, a task about no account                | -      | -         | -        | -1          | 85
      a large account, due today                      | green  | 250000    | USD      | 0           | 80
      a large account, due in 3 days                  | yellow | 100000    | USD      | 3           | 80
      a large won account, due in 2 days              | green  | 130000000 | KRW      | 2           | 80
      a large account, due in 4 days                  | green  | 100000    | USD      | 4           | 70
      a large account, no due date                    | green  | 100000    | USD      | -           | 70
      just under large in dollars                     | green  | 99999     | USD      | 20          | 30
      100,000 won is not large                        | green  | 100000    | KRW      | 20          | 30
      yellow, due in 3 days                           | yellow | 1000      | USD      | 3           | 70
      yellow, due in 10 days                          | yellow | 1000      | USD      | 10          | 60
      green, due tomorrow                             | green  | 1000      | USD      | 1           | 60
      green, due in 2 weeks                           | green  | 1000      | USD      | 14          | 30
      green, due in 13 days                           | green  | 1000      | USD      | 13          | 50
      green, no due date                              | green  | 1000      | USD      | -           | 50
      not scored, due in a month                      | -      | 1000      | USD      | 30          | 50
      a task about no account without a due date      | -      | -         | -        | -           | 50
      """)
  void priorities(String name, String band, BigDecimal arr, String currency, Integer daysToDue, int priority) {
    assertThat(RULE.priority(decision, new PriorityRule.Facts(band, arr, currency, daysToDue))).isEqualTo(priority);
  }

  @ParameterizedTest(name = "due in {0} minutes is {1} days")
  @CsvSource(textBlock = """
      1, 0
      1439, 0
      1440, 1
      0, 0
      -1, -1
      -1440, -1
      -1441, -2
      """)
  void daysToDueAreWholeDaysAndNegativeOnceOverdue(long minutes, int days) {
    Instant now = Instant.parse("2026-12-07T10:00:00Z");
    assertThat(PriorityRule.daysToDue(now.plus(Duration.ofMinutes(minutes)), now)).isEqualTo(days);
  }

  @Test
  void noDueDateIsNoDays() {
    assertThat(PriorityRule.daysToDue(null, Instant.now())).isNull();
  }
}
