package io.csplaybooks.health;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
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
class HealthController {

  public record OverrideRequest(Integer score, String reason, LocalDate until) {}

  private final HealthRepository health;
  private final HealthScoring scoring;
  private final Accounts accounts;
  private final HealthExplanations explanations;

  public HealthController(HealthRepository health, HealthScoring scoring, Accounts accounts,
      HealthExplanations explanations) {
    this.health = health;
    this.scoring = scoring;
    this.accounts = accounts;
    this.explanations = explanations;
  }

  @GetMapping
  @Operation(operationId = "accountHealth", summary = "The account's health score, explained")
  public HealthExplanations.Explained current(@PathVariable long accountId) {
    existing(accountId);
    return explanations.latest(accountId)
        .orElseThrow(() -> new NotFoundException("account " + accountId + " has not been scored yet"));
  }

  @GetMapping("/history")
  @Operation(operationId = "healthHistory", summary = "The account's health scores, newest first")
  public List<HealthExplanations.Explained> history(@PathVariable long accountId, @RequestParam(defaultValue = "90") int limit) {
    existing(accountId);
    return explanations.history(accountId, Math.max(1, Math.min(limit, 1000)));
  }

  /** A CSM's override: a score with a reason and an expiry; the account is scored again at once. */
  @PostMapping("/override")
  @Operation(operationId = "overrideHealth", summary = "Override the account's health score until a date")
  public HealthExplanations.Explained override(@PathVariable long accountId, @RequestBody OverrideRequest request) {
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

  private void existing(long accountId) {
    accounts.findById(accountId).orElseThrow(() -> new NotFoundException("no account " + accountId));
  }
}
