package io.csplaybooks.health;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.security.ApiUser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/accounts/{accountId}/health")
public class HealthController {

  /** A health score explained: what counts, what the model said, from which measures and inputs. */
  public record Explained(long accountId, Instant scoredAt, Integer score, HealthBand band, Integer computedScore,
      String modelVersion, List<Scorecard.Measure> measures, Integer trend30d, String reason, HealthOverride override) {}

  public record OverrideRequest(Integer score, String reason, LocalDate until) {}

  private final HealthRepository health;
  private final HealthScoring scoring;
  private final AccountRepository accounts;
  private final ObjectMapper json;

  public HealthController(HealthRepository health, HealthScoring scoring, AccountRepository accounts,
      ObjectMapper json) {
    this.health = health;
    this.scoring = scoring;
    this.accounts = accounts;
    this.json = json;
  }

  @GetMapping
  public Explained current(@PathVariable long accountId) {
    existing(accountId);
    return health.latest(accountId).map(this::explain)
        .orElseThrow(() -> new NotFoundException("account " + accountId + " has not been scored yet"));
  }

  @GetMapping("/history")
  public List<Explained> history(@PathVariable long accountId, @RequestParam(defaultValue = "90") int limit) {
    existing(accountId);
    return health.history(accountId, Math.max(1, Math.min(limit, 1000))).stream().map(this::explain).toList();
  }

  /** A CSM's override: a score with a reason and an expiry; the account is scored again at once. */
  @PostMapping("/override")
  public Explained override(@PathVariable long accountId, @RequestBody OverrideRequest request) {
    ApiUser user = ApiUser.current();
    existing(accountId);
    Validation v = new Validation();
    if (v.required("score", request.score()) && (request.score() < 0 || request.score() > 100)) {
      v.reject("score", "must be 0-100");
    }
    if (v.required("reason", request.reason())) {
      v.maxLength("reason", request.reason(), 1000);
    }
    if (v.required("until", request.until()) && !request.until().isAfter(EngineClock.today())) {
      v.reject("until", "must be in the future");
    }
    v.throwIfInvalid();
    health.saveOverride(accountId, new HealthOverride(request.score(), request.reason().trim(), request.until(), user.id()));
    scoring.score(Set.of(accountId), "override by " + user.id());
    return current(accountId);
  }

  private Explained explain(HealthRecord r) {
    try {
      List<Scorecard.Measure> measures = json.readValue(r.measuresJson(), new TypeReference<>() {});
      return new Explained(r.accountId(), r.scoredAt(), r.score(), r.band(), r.computedScore(), r.modelVersion(),
          measures, r.trend30d(), r.reason(), r.override());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void existing(long accountId) {
    accounts.findById(accountId).orElseThrow(() -> new NotFoundException("no account " + accountId));
  }
}
