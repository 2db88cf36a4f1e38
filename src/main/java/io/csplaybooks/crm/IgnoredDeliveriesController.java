package io.csplaybooks.crm;

import io.csplaybooks.security.ApiUser;
import io.csplaybooks.handoff.HandoffView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HubSpot deliveries the app could not take, for administrators (ApiAccess): read why, fix the
 * cause (a pipeline's closed-won stages, a field mapping, the deal in HubSpot), and replay.
 */
@RestController
@RequestMapping(CrmIntake.IGNORED_PATH)
class IgnoredDeliveriesController {

  private final CrmIntake intake;

  IgnoredDeliveriesController(CrmIntake intake) {
    this.intake = intake;
  }

  @GetMapping
  @Operation(operationId = "listIgnoredHubSpotDeliveries",
      summary = "HubSpot deliveries the app could not take, newest first (without their bodies)")
  public List<IgnoredDeliveries.Delivery> list(@RequestParam(defaultValue = "50") int limit) {
    return intake.list(limit);
  }

  @GetMapping("/{id}")
  @Operation(operationId = "ignoredHubSpotDelivery", summary = "An ignored HubSpot delivery with its body and headers")
  public IgnoredDeliveries.Delivery one(@PathVariable long id) {
    return intake.find(id);
  }

  /** The same intake as HubSpot's call; a delivery replayed with success answers 409 after. */
  @PostMapping("/{id}/replay")
  @Operation(operationId = "replayIgnoredHubSpotDelivery",
      summary = "Run an ignored HubSpot delivery through the intake again, once")
  @ApiResponse(responseCode = "201", description = "A new handoff, as HubSpot's call would have started it",
      content = @Content(schema = @Schema(implementation = HandoffView.class)))
  @ApiResponse(responseCode = "200", description = "The deal's handoff exists already (from another delivery)",
      content = @Content(schema = @Schema(implementation = HandoffView.class)))
  @ApiResponse(responseCode = "202", description = "The deal is at a stage that is not closed-won: nothing started")
  @ApiResponse(responseCode = "409", description = "Replayed with success already, or its body was kept only in"
      + " part; or the same deal with other values")
  public ResponseEntity<?> replay(@PathVariable long id) {
    return intake.replay(id, ApiUser.current().id());
  }
}
