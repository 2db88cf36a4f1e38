package io.csplaybooks.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.account.ContractAmendment;
import io.csplaybooks.common.ConflictException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A contract and its amendments. A contract changes only through an amendment, which records who
 * changed what and when, and why; the account's ARR follows.
 */
@RestController
@RequestMapping("/api/contracts")
class ContractController {

  private final Accounts accounts;
  private final HandoffRegistry registry;
  private final RuntimeService runtime;
  private final ObjectMapper json;

  public ContractController(Accounts accounts, HandoffRegistry registry, RuntimeService runtime,
      ObjectMapper json) {
    this.accounts = accounts;
    this.registry = registry;
    this.runtime = runtime;
    this.json = json;
  }

  /** What changes: the ARR (in the contract's currency), the end date, or both; and why. */
  public record Amendment(BigDecimal arr, LocalDate endDate, String reason) {}

  public record ContractView(Contract contract, List<ContractAmendment> amendments) {}

  @GetMapping("/{contractId}")
  @Operation(operationId = "getContract", summary = "A contract and its amendments")
  public ContractView get(@PathVariable String contractId) {
    Contract contract = find(contractId);
    return new ContractView(contract, accounts.amendments(contract.contractId()));
  }

  @PostMapping("/{contractId}/amendments")
  @Operation(operationId = "amendContract", summary = "Amend a contract's ARR or end date")
  @ApiResponse(responseCode = "200", description = "The amended contract and its amendments", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The term's renewal runs (a new end date), or nothing changes")
  @Transactional
  public ContractView amend(@PathVariable String contractId, @RequestBody Amendment amendment) {
    Contract contract = find(contractId);
    Account account = accounts.findById(contract.accountId()).orElseThrow();
    registry.authorize(account, Caller.of(ApiUser.current()));
    Validation v = new Validation();
    if (v.required("reason", amendment.reason())) {
      v.maxLength("reason", amendment.reason().trim(), 500);
    }
    if (amendment.arr() == null && amendment.endDate() == null) {
      v.reject("arr", "give the new arr, the new endDate, or both");
    }
    v.money("arr", amendment.arr(), HandoffRegistry.ARR_DIGITS, 2);
    if (amendment.endDate() != null) {
      HandoffRegistry.checkTerm(v, "endDate", amendment.endDate(), contract.startDate(),
          "the contract's start (" + contract.startDate() + ")");
    }
    v.throwIfInvalid();
    Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
    BigDecimal arr = contract.arr();
    if (amendment.arr() != null && amendment.arr().compareTo(contract.arr()) != 0) {
      changes.put("arr", fromTo(contract.arr(), amendment.arr()));
      arr = amendment.arr();
    }
    LocalDate end = contract.endDate();
    if (amendment.endDate() != null && !amendment.endDate().equals(contract.endDate())) {
      if (renewalUnderWay(contract)) {
        throw new ConflictException("the renewal of contract " + contractId + " is under way, on its end date "
            + contract.endDate() + ": record the new term through the renewal", List.of("endDate"));
      }
      changes.put("endDate", fromTo(contract.endDate().toString(), amendment.endDate().toString()));
      end = amendment.endDate();
    }
    if (changes.isEmpty()) {
      throw new ConflictException("contract " + contractId + " has these values already: nothing to amend",
          List.of("arr", "endDate"));
    }
    Contract amended = new Contract(contract.contractId(), contract.accountId(), contract.startDate(), end, arr,
        contract.kind(), contract.currency(), contract.replaces());
    accounts.amendContract(amended, write(changes), amendment.reason().trim(), ApiUser.current().id());
    accounts.recomputeArr(contract.accountId());
    return get(contractId);
  }

  private static Map<String, Object> fromTo(Object from, Object to) {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("from", from);
    change.put("to", to);
    return change;
  }

  /** The renewal playbook of this term has its timers on the end date. */
  private boolean renewalUnderWay(Contract contract) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("renewal")
        .processInstanceBusinessKey(String.valueOf(contract.accountId()))
        .variableValueEquals("contractId", contract.contractId()).active().count() > 0;
  }

  private Contract find(String contractId) {
    return accounts.findContract(contractId).orElseThrow(() -> new NotFoundException("no contract " + contractId));
  }

  private String write(Map<String, Map<String, Object>> changes) {
    try {
      return json.writeValueAsString(changes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
