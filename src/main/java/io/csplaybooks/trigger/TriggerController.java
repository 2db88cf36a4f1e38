package io.csplaybooks.trigger;

import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The triggers CS managers declare ({@link Triggers}), as a REST resource: listed with how often each
 * fired, declared (201), changed or switched off with PUT. Who may is ApiAccess's table: CS managers.
 */
@RestController
@Tag(name = "Triggers", description = "Events a CS manager declares in words, sent to an account's playbooks")
class TriggerController {

  private final Triggers triggers;

  TriggerController(Triggers triggers) {
    this.triggers = triggers;
  }

  @GetMapping("/api/triggers")
  @Operation(operationId = "listTriggers",
      summary = "Every trigger, with the accounts it fired for in the last 30 days and when it last fired")
  public List<Trigger> list() {
    return triggers.list();
  }

  @GetMapping("/api/triggers/{id}")
  @Operation(operationId = "getTrigger", summary = "One trigger")
  public Trigger get(@PathVariable long id) {
    return triggers.find(id);
  }

  @PostMapping("/api/triggers")
  @Operation(operationId = "declareTrigger", summary = "Declare a trigger",
      description = "Its event (BPMN message) is named from its name unless given, and never changes. Every"
          + " condition must hold for an account; it fires once when they start to, and again only after they"
          + " stopped holding.")
  @ApiResponse(responseCode = "201", description = "Declared", useReturnTypeSchema = true)
  public ResponseEntity<Trigger> declare(@RequestBody(required = false) TriggerInput input) {
    return ResponseEntity.status(HttpStatus.CREATED).body(triggers.declare(input, ApiUser.current().id()));
  }

  @PutMapping("/api/triggers/{id}")
  @Operation(operationId = "changeTrigger",
      summary = "Change a trigger's name, conditions, segments, or switch it off (enabled: false) or on")
  public Trigger change(@PathVariable long id, @RequestBody(required = false) TriggerInput input) {
    return triggers.change(id, input, ApiUser.current().id());
  }
}
