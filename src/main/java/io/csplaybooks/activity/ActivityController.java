package io.csplaybooks.activity;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Activities from a CRM or a calendar (or a script of a CSM's): {@code POST} is idempotent on the
 * activity's external id (201 the first time, 200 with the stored activity after, 409 when the same
 * id comes with other content); who recorded it is the caller.
 */
@RestController
class ActivityController {

  private final Activities activities;
  private final Accounts accounts;

  ActivityController(Activities activities, Accounts accounts) {
    this.activities = activities;
    this.accounts = accounts;
  }

  @PostMapping("/api/accounts/{id}/activities")
  @Operation(operationId = "recordActivity", summary = "Record a note, call, meeting or email of an account")
  @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "200",
      description = "The same externalId again with the same content: the stored activity",
      useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409",
      description = "The same externalId with other content: fields names what differs")
  public ResponseEntity<Activity> record(@PathVariable long id, @RequestBody NewActivity activity) {
    Activities.Recorded recorded = activities.record(id, activity, ApiUser.current().id());
    return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK).body(recorded.activity());
  }

  /** The account's activities, newest first. */
  @GetMapping("/api/accounts/{id}/activities")
  @Operation(operationId = "listActivities", summary = "The account's activities, newest first")
  public List<Activity> list(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
    if (accounts.findById(id).isEmpty()) {
      throw new NotFoundException("no account " + id);
    }
    return activities.ofAccount(id, limit);
  }
}
