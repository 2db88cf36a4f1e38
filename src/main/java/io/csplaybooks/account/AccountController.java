package io.csplaybooks.account;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.security.ApiUser;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/accounts")
public class AccountController {

  private final AccountRepository accounts;
  private final OpenPlaybooks openPlaybooks;

  public AccountController(AccountRepository accounts, OpenPlaybooks openPlaybooks) {
    this.accounts = accounts;
    this.openPlaybooks = openPlaybooks;
  }

  /** Accounts by name; narrow with {@code lifecycleStage} and {@code csm}, page with limit/offset. */
  @GetMapping
  public List<Account> list(
      @RequestParam(required = false) String lifecycleStage,
      @RequestParam(required = false) String csm,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    ApiUser.current();
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
  public AccountView get(@PathVariable long id) {
    ApiUser.current();
    Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
    return new AccountView(account, accounts.contractsOf(id), accounts.stakeholdersOf(id), openPlaybooks.of(id));
  }
}
