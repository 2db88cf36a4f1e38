package io.csplaybooks.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewalRiskTest {

  final RenewalRisk risk = new RenewalRisk(3, 6);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # case                          | band   | trend | adoption now | month ago | open plays | escalated | champion | nps | days | level  | points
      healthy and far off             | green  | 2     | 80           | 78        | 0          | 0         | true     | 9   | 120  | LOW    | 0
      yellow, close to renewal        | yellow | -     | -            | -         | 0          | 1         | true     | -   | 45   | MEDIUM | 3
      red with an open save play      | red    | -12   | 30           | 60        | 1          | 0         | true     | -   | 120  | HIGH   | 10
      no champion and a detractor     | green  | -     | -            | -         | 0          | 0         | false    | 4   | 100  | MEDIUM | 4
      usage fell 14 points: not yet   | green  | -     | 66           | 80        | 0          | 0         | true     | -   | 100  | LOW    | 0
      usage fell 15 points            | green  | -     | 65           | 80        | 0          | 0         | true     | -   | 100  | LOW    | 2
      """)
  void pointsAndLevel(String name, String band, Integer trend, Integer now, Integer before, int open, int escalated,
      boolean champion, Integer nps, long days, RenewalRisk.Level level, int points) {
    RenewalRisk.Result result = risk.assess(new RenewalRisk.Inputs(band, trend, now, before, open, escalated, champion,
        nps, days));

    assertThat(result.points()).isEqualTo(points);
    assertThat(result.level()).isEqualTo(level);
    assertThat(result.reasons()).hasSizeGreaterThanOrEqualTo(points == 0 ? 0 : 1);
  }
}
