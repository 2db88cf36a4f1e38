package io.csplaybooks.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScorecardTest {

  static final Map<String, Double> WEIGHTS = Map.of("adoption", 30.0, "featureBreadth", 15.0, "engagement", 15.0,
      "support", 15.0, "nps", 15.0, "sentiment", 10.0);
  // The portfolio run's hold on the cluster, which a scorecard does not read.
  static final Duration HOLD_AT_MOST = Duration.ofHours(1);
  static final Duration HOLD_AT_LEAST = Duration.ofMinutes(10);
  static final HealthModel MODEL =
      new HealthModel("test-1", WEIGHTS, 50, 75, 14, 60, 5, 10, 20, 30, HOLD_AT_MOST, HOLD_AT_LEAST);

  final Scorecard scorecard = new Scorecard(MODEL);

  @ParameterizedTest(name = "score {0} is {1}")
  @CsvSource(textBlock = """
      0, red
      49, red
      50, yellow
      75, yellow
      76, green
      100, green
      """)
  void bandsEdges(int score, String band) {
    assertThat(MODEL.band(score).code()).isEqualTo(band);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # case (weights: adoption 30, features 15, engagement 15, support 15, NPS 15, sentiment 10) | active | seats | used | total | days | opened | escalated | critical | nps | sentiment | score | band
      everything good                      | 90     | 100   | 8    | 10    | 3    | 1      | 0         | 0        | 9   | positive  | 92    | green
      low adoption, detractor              | 20     | 100   | 2    | 10    | 40   | 6      | 2         | 1        | 3   | negative  | 26    | red
      only usage known                     | 60     | 100   | -    | -     | -    | -      | -         | -        | -   | -         | 60    | yellow
      more active users than seats counts as full | 120 | 100 | -   | -     | -    | -      | -         | -        | -   | -         | 100   | green
      contact within 14 days is full engagement | - | -   | -    | -     | 14   | -      | -         | -        | -   | -         | 100   | green
      engagement falls linearly to 0 at 60 days | - | -   | -    | -     | 37   | -      | -         | -        | -   | -         | 50    | yellow
      no contact for 60 days             | -      | -     | -    | -     | 60   | -      | -         | -        | -   | -         | 0     | red
      support load caps at 0             | -      | -     | -    | -     | -    | 10     | 3         | 2        | -   | -         | 0     | red
      a huge ticket count does not wrap round to a good score | - | - | - | - | -  | 858993460 | 858993460 | 858993460 | - | -     | 0     | red
      neutral sentiment                    | -      | -     | -    | -     | -    | -      | -         | -        | -   | neutral   | 60    | yellow
      """)
  void scoresTheWeightedMeasuresThatHaveData(String name, Integer active, Integer seats, Integer used, Integer total,
      Integer days, Integer opened, Integer escalated, Integer critical, Integer nps, String sentiment, int score,
      String band) {
    Scorecard.Result result = scorecard.score(new ScorecardInputs(1, active, seats, used, total, days, opened,
        escalated, critical, nps, sentiment));

    assertThat(result.score()).isEqualTo(score);
    assertThat(result.band().code()).isEqualTo(band);
    assertThat(result.modelVersion()).isEqualTo("test-1");
  }

  @Test
  void everyMeasureIsExplainedWithItsWeightAndInputs() {
    Scorecard.Result result = scorecard.score(new ScorecardInputs(1, 45, 60, 3, 12, 20, 2, 1, 0, 7, "neutral"));

    assertThat(result.measures()).extracting(Scorecard.Measure::name)
        .containsExactly("adoption", "featureBreadth", "engagement", "support", "nps", "sentiment");
    assertThat(result.measures().get(0)).isEqualTo(new Scorecard.Measure("adoption", 75, 30.0,
        "45 active of 60 licensed seats"));
    assertThat(result.measures().get(3).inputs()).isEqualTo("2 tickets, 1 escalated, 0 critical in 30 days");
    // engagement: 20 days is (60 - 20) / (60 - 14) of the way = 87;
    // (75*30 + 25*15 + 87*15 + 80*15 + 70*15 + 60*10) / 100 = 67.8
    assertThat(result.measures().get(2).value()).isEqualTo(87);
    assertThat(result.score()).isEqualTo(68);
  }

  @Test
  void noSignalsNoScore() {
    Scorecard.Result result = scorecard.score(new ScorecardInputs(1, null, null, null, null, null, null, null, null,
        null, null));

    assertThat(result.score()).isNull();
    assertThat(result.band()).isNull();
    assertThat(result.measures()).isEmpty();
  }

  @Test
  void refusesAModelWithoutAWeight() {
    Map<String, Double> weights = new HashMap<>(WEIGHTS);
    weights.remove("nps");
    HealthModel model = new HealthModel("x", weights, 50, 75, 14, 60, 5, 10, 20, 30, HOLD_AT_MOST, HOLD_AT_LEAST);

    assertThatThrownBy(() -> new Scorecard(model))
        .hasMessageContaining("csp.health.weights.nps");
  }
}
