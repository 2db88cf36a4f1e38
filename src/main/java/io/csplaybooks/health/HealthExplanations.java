package io.csplaybooks.health;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** A health score explained: what counts, what the model said, from which measures and inputs. */
@Service
public class HealthExplanations {

  public record Explained(long accountId, Instant scoredAt, Integer score, HealthBand band, Integer computedScore,
      String modelVersion, List<Scorecard.Measure> measures, Integer trend30d, String reason, HealthOverride override) {}

  private final HealthRepository health;
  private final ObjectMapper json;

  public HealthExplanations(HealthRepository health, ObjectMapper json) {
    this.health = health;
    this.json = json;
  }

  public Optional<Explained> latest(long accountId) {
    return health.latest(accountId).map(this::explain);
  }

  /** The account's scores, newest first. */
  public List<Explained> history(long accountId, int limit) {
    return health.history(accountId, limit).stream().map(this::explain).toList();
  }

  private Explained explain(HealthRecord r) {
    try {
      List<Scorecard.Measure> measures = json.readValue(r.measuresJson(), new TypeReference<>() {});
      return new Explained(r.accountId(), r.scoredAt(), r.score(), r.band(), r.computedScore(), r.modelVersion(),
          measures, r.trend30d(), r.reason(), r.override());
    } catch (IOException e) {
      throw new IllegalStateException("the stored measures of account " + r.accountId() + " are not readable", e);
    }
  }
}
