package io.csplaybooks.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BriefScorerTest {

  /** The shipped weights (application.yaml): they add up to 100. */
  static final Map<BriefItem, Integer> WEIGHTS = new EnumMap<>(Map.of(
      BriefItem.BUSINESS_GOALS, 25,
      BriefItem.SUCCESS_CRITERIA, 15,
      BriefItem.CHAMPION, 15,
      BriefItem.EXECUTIVE_SPONSOR, 15,
      BriefItem.USE_CASES, 10,
      BriefItem.TECHNICAL_REQUIREMENTS, 10,
      BriefItem.KNOWN_RISKS, 10));

  final BriefScorer scorer = new BriefScorer(WEIGHTS, 80);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # brief supplies (G goals, S criteria, C champion, E sponsor, U use cases, T technical, R risks) | score | complete | missing
      GSCEUTR | 100 | true  |
      ''      | 0   | false | BUSINESS_GOALS SUCCESS_CRITERIA CHAMPION EXECUTIVE_SPONSOR USE_CASES TECHNICAL_REQUIREMENTS KNOWN_RISKS
      GSCEUT  | 90  | true  | KNOWN_RISKS
      GSCUTR  | 85  | true  | EXECUTIVE_SPONSOR
      GSCEU   | 80  | true  | TECHNICAL_REQUIREMENTS KNOWN_RISKS
      SCEUTR  | 75  | false | BUSINESS_GOALS
      GCEUT   | 75  | false | SUCCESS_CRITERIA KNOWN_RISKS
      G       | 25  | false | SUCCESS_CRITERIA CHAMPION EXECUTIVE_SPONSOR USE_CASES TECHNICAL_REQUIREMENTS KNOWN_RISKS
      """)
  void scoresTheShareOfWeightTheBriefSupplies(String supplies, int score, boolean complete, String missing) {
    BriefScore result = scorer.score(brief(supplies, true));

    assertThat(result.score()).isEqualTo(score);
    assertThat(result.complete()).isEqualTo(complete);
    assertThat(result.missing()).containsExactlyElementsOf(items(missing));
  }

  @Test
  void aStakeholderWithoutEmailIsNotYetAStakeholderCsCanWorkWith() {
    BriefScore result = scorer.score(brief("GSCEUTR", false));

    assertThat(result.score()).isEqualTo(70);
    assertThat(result.missing()).containsExactly(BriefItem.CHAMPION, BriefItem.EXECUTIVE_SPONSOR);
    assertThat(result.missingLabels()).isEqualTo("champion (name and email), executive sponsor (name and email)");
  }

  @Test
  void blankLinesDoNotCount() {
    HandoffBrief blank = new HandoffBrief(List.of(" ", ""), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    assertThat(scorer.score(blank).missing()).contains(BriefItem.BUSINESS_GOALS);
  }

  @Test
  void weightsNeedNotAddUpTo100AndZeroWeightsAreIgnored() {
    BriefScorer twoItems = new BriefScorer(Map.of(BriefItem.BUSINESS_GOALS, 3, BriefItem.CHAMPION, 1,
        BriefItem.KNOWN_RISKS, 0), 75);

    BriefScore result = twoItems.score(brief("G", true));

    assertThat(result.score()).isEqualTo(75);
    assertThat(result.complete()).isTrue();
    assertThat(result.missing()).containsExactly(BriefItem.CHAMPION);
  }

  @Test
  void refusesConfigurationThatCannotScore() {
    assertThatThrownBy(() -> new BriefScorer(Map.of(BriefItem.CHAMPION, -1), 80))
        .hasMessageContaining("champion must not be negative");
    assertThatThrownBy(() -> new BriefScorer(Map.of(BriefItem.CHAMPION, 0), 80))
        .hasMessageContaining("more than 0");
    assertThatThrownBy(() -> new BriefScorer(WEIGHTS, 101)).hasMessageContaining("0-100");
  }

  @Test
  void settingsNameAnUnknownItem() {
    HandoffSettings settings = new HandoffSettings(2, 1, 1, 2, 14, null,
        new HandoffSettings.Brief(80, Map.of("budget", 10)));

    assertThatThrownBy(settings::scorer).hasMessageContaining("'budget', which is not a brief item");
  }

  static HandoffBrief brief(String supplies, boolean withEmails) {
    List<BriefStakeholder> stakeholders = new ArrayList<>();
    if (supplies.contains("C")) {
      stakeholders.add(new BriefStakeholder("Hank", "champion", withEmails ? "hank@globex.example" : null));
    }
    if (supplies.contains("E")) {
      stakeholders.add(new BriefStakeholder("Mindy", "executive-sponsor", withEmails ? "mindy@globex.example" : null));
    }
    stakeholders.add(new BriefStakeholder("Homer", "user", "homer@globex.example"));
    return new HandoffBrief(
        supplies.contains("G") ? List.of("Cut support costs by 15%") : List.of(),
        supplies.contains("S") ? List.of("80% of agents weekly active") : List.of(),
        supplies.contains("U") ? List.of("Ticket deflection") : List.of(),
        supplies.contains("T") ? List.of("SSO") : List.of(),
        List.of(),
        supplies.contains("R") ? List.of("none known") : List.of(),
        stakeholders);
  }

  static List<BriefItem> items(String names) {
    return names == null ? List.of() : Arrays.stream(names.trim().split("\\s+")).map(BriefItem::valueOf).toList();
  }
}
