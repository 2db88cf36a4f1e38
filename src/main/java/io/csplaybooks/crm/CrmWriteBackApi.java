package io.csplaybooks.crm;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The write-backs to the CRMs, for administrators: the failed ones with the CRM's answer, and a retry. */
@RestController
class CrmWriteBackApi {

  private static final List<String> STATES = List.of(WriteBackRows.FAILED, WriteBackRows.PENDING);
  private static final List<String> CRMS = List.of(SalesforceAccounts.CRM, HubSpotCompanies.CRM);

  private final CrmWriteBack writeBack;

  CrmWriteBackApi(CrmWriteBack writeBack) {
    this.writeBack = writeBack;
  }

  /** The write-backs in a state (failed unless asked), oldest due first, at most 500. */
  @Operation(operationId = "listCrmWriteBacks",
      summary = "The write-backs to the CRMs in a state: failed (default) or pending, with the CRM's last answer")
  @GetMapping("/api/crm/write-backs")
  public List<WriteBackRows.Row> list(@RequestParam(name = "state", defaultValue = "failed") String state) {
    if (!STATES.contains(state)) {
      throw new InvalidInputException("state", "must be one of " + STATES);
    }
    return writeBack.inState(state, 500);
  }

  /** Sends a failed write-back again, now, with the account's facts as they are now. */
  @Operation(operationId = "retryCrmWriteBack",
      summary = "Send a failed write-back to the CRM again, with the account's facts as they are now")
  @PostMapping("/api/crm/write-backs/{crm}/{accountId}/retry")
  public Map<String, Object> retry(@PathVariable("crm") String crm, @PathVariable("accountId") long accountId) {
    if (!CRMS.contains(crm)) {
      throw new InvalidInputException("crm", "must be one of " + CRMS);
    }
    if (!writeBack.retry(accountId, crm)) {
      throw new NotFoundException("no failed write-back of account " + accountId + " to " + crm);
    }
    return Map.of("accountId", accountId, "crm", crm, "state", WriteBackRows.PENDING);
  }
}
