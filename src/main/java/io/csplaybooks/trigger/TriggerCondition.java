package io.csplaybooks.trigger;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One thing a trigger watches: its kind and the numbers that kind reads (the others are empty).
 *
 * @param kind health-band, score-drop, usage-drop, nps-detractor, renewal-near, no-contact or stakeholder-changed
 * @param band for health-band: yellow (yellow or red) or red
 * @param points for score-drop: how many points below the highest score of the days
 * @param days score-drop: the days looked back; usage-drop: compared with this many days ago (30); nps-detractor
 *     and stakeholder-changed: within the last days (30); renewal-near: days before the renewal; no-contact: days
 *     without a call or meeting
 * @param percent for usage-drop: how many percent down
 * @param role for stakeholder-changed: champion or executive-sponsor
 */
@Schema(description = "One thing a trigger watches: a kind and the numbers it reads")
public record TriggerCondition(
    @Schema(example = "health-band", allowableValues = {"health-band", "score-drop", "usage-drop", "nps-detractor",
        "renewal-near", "no-contact", "stakeholder-changed"}) String kind,
    @Schema(example = "yellow", allowableValues = {"yellow", "red"}) String band,
    @Schema(example = "15") Integer points,
    @Schema(example = "30") Integer days,
    @Schema(example = "20") Integer percent,
    @Schema(example = "executive-sponsor", allowableValues = {"champion", "executive-sponsor"}) String role) {

  public TriggerKind kindOf() {
    return TriggerKind.fromCode(kind).orElseThrow();
  }
}
