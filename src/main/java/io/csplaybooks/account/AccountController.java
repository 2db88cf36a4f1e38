package io.csplaybooks.account;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/accounts")
class AccountController {

  private final Accounts accounts;
  private final OpenPlaybooks openPlaybooks;
  private final PlaybookEvents events;
  private final AccountTimeline timeline;

  public record Churn(String reason) {}

  public AccountController(Accounts accounts, OpenPlaybooks openPlaybooks, PlaybookEvents events,
      AccountTimeline timeline) {
    this.timeline = timeline;
    this.accounts = accounts;
    this.openPlaybooks = openPlaybooks;
    this.events = events;
  }

  /**
   * A CS manager records that the customer left: the account is churned and "AccountChurned" ends
   * every playbook that runs for it, each through its own "Account churned" event subprocess.
   */
  @PostMapping("/{id}/churn")
  @Operation(operationId = "churnAccount", summary = "Record that an account churned: its playbooks end")
  @Transactional
  public Map<String, Object> churn(@PathVariable long id, @RequestBody Churn churn) {
    Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
    Validation v = new Validation();
    if (v.required("reason", churn.reason())) {
      v.maxLength("reason", churn.reason(), 500);
    }
    if (account.lifecycleStage() == LifecycleStage.CHURNED) {
      v.reject("id", "account " + id + " has already churned");
    }
    v.throwIfInvalid();
    String reason = churn.reason().trim();
    accounts.recordChurn(id, EngineClock.today(), reason, ApiUser.current().id());
    int ended = events.publish(PlaybookEvent.ACCOUNT_CHURNED, new AccountId(id), Map.of(PlaybookVariables.CHURN_REASON, reason));
    return Map.of("accountId", id, "lifecycleStage", LifecycleStage.CHURNED, "churnReason", reason,
        "playbooksNotified", ended);
  }

  /** Accounts by name; narrow with {@code lifecycleStage} and {@code csm}, page with limit/offset. */
  @GetMapping
  @Operation(operationId = "listAccounts", summary = "Accounts by name, by lifecycle stage or CSM")
  public List<Account> list(
      @RequestParam(required = false) String lifecycleStage,
      @RequestParam(required = false) String csm,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit", "must be 1-1000");
    }
    if (offset < 0) {
      throw new InvalidInputException("offset", "must not be negative");
    }
    LifecycleStage stage = null;
    if (lifecycleStage != null) {
      try {
        stage = LifecycleStage.fromCode(lifecycleStage);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("lifecycleStage", "must be one of handoff, onboarding, adoption, renewal, at-risk, churned");
      }
    }
    return accounts.find(stage, csm, limit, offset);
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getAccount", summary = "An account with its contracts, stakeholders and open playbooks")
  public AccountView get(@PathVariable long id) {
    Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
    return new AccountView(account, accounts.contractsOf(id), accounts.stakeholdersOf(id), openPlaybooks.of(id));
  }

  /** What happened to the account, oldest first: lifecycle moves, contracts, amendments, stakeholders. */
  @GetMapping("/{id}/timeline")
  @Operation(operationId = "accountTimeline", summary = "What happened to an account, oldest first")
  public List<AccountTimeline.Entry> timeline(@PathVariable long id) {
    accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
    return timeline.of(id);
  }
}
