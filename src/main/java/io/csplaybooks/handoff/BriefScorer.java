package io.csplaybooks.handoff;

import io.csplaybooks.account.StakeholderRole;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores how complete a handoff brief is. Each item a CS team expects (goals, champion, ...) has a
 * weight; the score is the share of the total weight that the brief supplies, 0-100.
 */
class BriefScorer {

  private final Map<BriefItem, Integer> weights;
  private final int threshold;
  private final int totalWeight;

  public BriefScorer(Map<BriefItem, Integer> weights, int threshold) {
    if (threshold < 0 || threshold > 100) {
      throw new IllegalArgumentException("brief threshold must be 0-100, was " + threshold);
    }
    weights.forEach((item, weight) -> {
      if (weight == null || weight < 0) {
        throw new IllegalArgumentException("weight of " + item.code() + " must not be negative");
      }
    });
    this.weights = new EnumMap<>(weights);
    this.totalWeight = this.weights.values().stream().mapToInt(Integer::intValue).sum();
    if (totalWeight <= 0) {
      throw new IllegalArgumentException("brief weights must add up to more than 0");
    }
    this.threshold = threshold;
  }

  public BriefScore score(HandoffBrief brief) {
    int supplied = 0;
    List<BriefItem> missing = new ArrayList<>();
    for (BriefItem item : BriefItem.values()) {
      int weight = weights.getOrDefault(item, 0);
      if (weight == 0) {
        continue;
      }
      if (supplies(brief, item)) {
        supplied += weight;
      } else {
        missing.add(item);
      }
    }
    int score = (int) Math.round(100.0 * supplied / totalWeight);
    return new BriefScore(score, List.copyOf(missing), score >= threshold);
  }

  private static boolean supplies(HandoffBrief brief, BriefItem item) {
    return switch (item) {
      case BUSINESS_GOALS -> !brief.businessGoals().isEmpty();
      case SUCCESS_CRITERIA -> !brief.successCriteria().isEmpty();
      case USE_CASES -> !brief.useCases().isEmpty();
      case TECHNICAL_REQUIREMENTS -> !brief.technicalRequirements().isEmpty();
      case KNOWN_RISKS -> !brief.knownRisks().isEmpty();
      // A stakeholder CS cannot reach is not yet a stakeholder CS can work with.
      case CHAMPION -> reachable(brief, StakeholderRole.CHAMPION);
      case EXECUTIVE_SPONSOR -> reachable(brief, StakeholderRole.EXECUTIVE_SPONSOR);
    };
  }

  private static boolean reachable(HandoffBrief brief, StakeholderRole role) {
    return brief.inRole(role.code())
        .filter(s -> s.name() != null && !s.name().isBlank() && s.email() != null && !s.email().isBlank())
        .isPresent();
  }
}
