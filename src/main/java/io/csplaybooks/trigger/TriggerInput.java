package io.csplaybooks.trigger;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A trigger as a CS manager declares or changes it.
 *
 * @param message the event's name; derived from the name when left out (a new trigger only: deployed playbooks
 *     wait for it, so it never changes)
 * @param enabled on when left out
 */
@Schema(description = "A trigger to declare or change")
public record TriggerInput(
    @Schema(example = "Executive sponsor changed", requiredMode = Schema.RequiredMode.REQUIRED) String name,
    @Schema(example = "ExecutiveSponsorChanged") String message,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<TriggerCondition> conditions,
    @Schema(example = "[\"strategic\", \"enterprise\"]") List<String> segments,
    Boolean enabled) {}
