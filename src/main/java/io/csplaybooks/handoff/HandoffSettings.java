package io.csplaybooks.handoff;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** What a CS team tunes about the handoff: deadlines, the sales manager, the brief gate. */
@ConfigurationProperties("csp.handoff")
record HandoffSettings(
    int briefBusinessDays,
    int escalatedBriefBusinessDays,
    int csmReviewBusinessDays,
    int kickoffFollowUpBusinessDays,
    int kickoffWithinDays,
    String salesManager,
    Brief brief) {

  public record Brief(int threshold, Map<String, Integer> weights) {}

  public BriefScorer scorer() {
    Map<BriefItem, Integer> byItem = new EnumMap<>(BriefItem.class);
    brief.weights().forEach((code, weight) -> byItem.put(
        BriefItem.fromCode(code).orElseThrow(() -> new IllegalStateException(
            "csp.handoff.brief.weights names '" + code + "', which is not a brief item")),
        weight));
    return new BriefScorer(byItem, brief.threshold());
  }
}
