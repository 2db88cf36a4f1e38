package io.csplaybooks.handoff;

import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/handoffs")
class HandoffController {

  private final HandoffIntake intake;
  private final HandoffRepository handoffs;

  public HandoffController(HandoffIntake intake, HandoffRepository handoffs) {
    this.intake = intake;
    this.handoffs = handoffs;
  }

  /**
   * The CRM's "contract closed" webhook. 201 with the new handoff; the same contract id again
   * answers 200 with the handoff that already exists.
   */
  @PostMapping
  @Operation(operationId = "contractClosed", summary = "A contract closed: start its handoff")
  @ApiResponse(responseCode = "201", description = "A new handoff", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "200",
      description = "The same contract again with the same values: the handoff that exists",
      useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409",
      description = "The same contract id with other values: fields names them (amend the contract instead)")
  public ResponseEntity<HandoffView> contractClosed(@RequestBody HandoffRequest request) {
    HandoffIntake.Result result = intake.contractClosed(request, Caller.of(ApiUser.current()));
    HandoffView view = HandoffView.of(result.handoff());
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/handoffs/" + view.contractId()))
        .body(view);
  }

  @GetMapping("/{contractId}")
  @Operation(operationId = "getHandoff", summary = "A handoff: brief score, what is missing, kickoff date")
  public HandoffView get(@PathVariable String contractId) {
    return handoffs.findByContractId(contractId).map(HandoffView::of)
        .orElseThrow(() -> new NotFoundException("no handoff for contract " + contractId));
  }
}
