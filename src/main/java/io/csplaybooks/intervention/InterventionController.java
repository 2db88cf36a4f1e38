package io.csplaybooks.intervention;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.common.ConflictException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class InterventionController {

  public record RiskFlag(String reason) {}

  /** How save plays ended for one risk reason. */
  public record ReasonOutcomes(String reason, int interventions, int saved, int churned, int accepted,
      Double saveRate) {}

  private final PlaybookEvents events;
  private final Accounts accounts;
  private final InterventionRepository interventions;

  public InterventionController(PlaybookEvents events, Accounts accounts, InterventionRepository interventions) {
    this.events = events;
    this.accounts = accounts;
    this.interventions = interventions;
  }

  /** A CSM flags an account at risk: the save play starts, or the open one hears about it. */
  @PostMapping("/api/accounts/{accountId}/risk")
  @Operation(operationId = "flagRisk", summary = "Flag an account at risk: starts or joins its save play")
  @ApiResponse(responseCode = "409", description = "The account has churned")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, Object> flag(@PathVariable long accountId, @RequestBody RiskFlag flag) {
    ApiUser user = ApiUser.current();
    Account account = accounts.findById(accountId).orElseThrow(() -> new NotFoundException("no account " + accountId));
    if (account.lifecycleStage() == LifecycleStage.CHURNED) {
      throw new ConflictException("account " + accountId + " has churned: there is nothing left to save until a new"
          + " contract wins it back", List.of("accountId"));
    }
    Validation v = new Validation();
    if (v.required("reason", flag.reason())) {
      v.maxLength("reason", flag.reason(), 250);
    }
    v.throwIfInvalid();
    String reason = "flagged by " + user.id() + ": " + flag.reason().trim();
    events.publish(PlaybookEvent.ACCOUNT_AT_RISK, new AccountId(accountId), Map.of(InterventionVariables.RISK_REASON, reason));
    return Map.of("accountId", accountId, InterventionVariables.RISK_REASON, reason);
  }

  /** Save rates per risk reason, from the outcomes of closed interventions. */
  @GetMapping("/api/interventions/outcomes")
  @Operation(operationId = "interventionOutcomes", summary = "Save plays' outcomes by risk reason")
  public List<ReasonOutcomes> outcomes() {
    Map<String, int[]> byReason = new TreeMap<>();
    for (InterventionRepository.Row row : interventions.closed()) {
      String reasons = row.reasons() == null || row.reasons().isBlank() ? "undiagnosed" : row.reasons();
      for (String reason : reasons.split(",")) {
        int[] counts = byReason.computeIfAbsent(reason, r -> new int[4]);
        counts[0]++;
        switch (row.outcome()) {
          case "saved" -> counts[1]++;
          case "churned" -> counts[2]++;
          default -> counts[3]++;
        }
      }
    }
    return byReason.entrySet().stream().map(e -> new ReasonOutcomes(e.getKey(), e.getValue()[0], e.getValue()[1],
        e.getValue()[2], e.getValue()[3], e.getValue()[0] == 0 ? null : (double) e.getValue()[1] / e.getValue()[0]))
        .toList();
  }
}
