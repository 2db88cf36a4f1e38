package io.csplaybooks.onboarding;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/accounts/{accountId}/success-plan")
class SuccessPlanController {

  private final SuccessPlans plans;
  private final Accounts accounts;

  public SuccessPlanController(SuccessPlans plans, Accounts accounts) {
    this.plans = plans;
    this.accounts = accounts;
  }

  @GetMapping
  @Operation(operationId = "getSuccessPlan", summary = "The account's success plan")
  public SuccessPlan get(@PathVariable long accountId) {
    return plans.find(existing(accountId))
        .orElseThrow(() -> new NotFoundException("account " + accountId + " has no success plan yet"));
  }

  /** Replaces the plan (CS only). Send the version you read; 409 if someone saved in between. */
  @PutMapping
  @Operation(operationId = "replaceSuccessPlan", summary = "Replace the success plan")
  @ApiResponse(responseCode = "200", description = "The plan as stored, with its new version", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The plan changed since the version sent")
  public SuccessPlan put(@PathVariable long accountId, @RequestBody SuccessPlan.Content plan) {
    ApiUser user = ApiUser.current();
    return plans.update(existing(accountId), plan, user.id(), "edited through the API");
  }

  @GetMapping("/history")
  @Operation(operationId = "successPlanHistory",
      summary = "Every version of the success plan, with who, when and why")
  public List<SuccessPlan.Change> history(@PathVariable long accountId) {
    return plans.history(existing(accountId));
  }

  @ExceptionHandler(StalePlanException.class)
  public ProblemDetail stale(StalePlanException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Success plan changed");
    return problem;
  }

  private long existing(long accountId) {
    accounts.findById(accountId).orElseThrow(() -> new NotFoundException("no account " + accountId));
    return accountId;
  }
}
