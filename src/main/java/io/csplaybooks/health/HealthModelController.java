package io.csplaybooks.health;

import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The health models, for CS managers: the live one, the shadows beside it, and switching with a reason. */
@RestController
@RequestMapping("/api/health/models")
class HealthModelController {

  public record Models(HealthModels.Model live, List<HealthModels.Model> shadows, List<HealthModels.Model> all,
      List<HealthModels.Switch> switches) {}

  public record SwitchRequest(String reason) {}

  private final HealthModels models;

  HealthModelController(HealthModels models) {
    this.models = models;
  }

  @GetMapping
  @Operation(operationId = "healthModels", summary = "The live health model, its shadows, every version and the switches")
  public Models list() {
    HealthModels.InUse inUse = models.inUse();
    return new Models(inUse.forAll(), inUse.shadows(), inUse.all(), models.switches());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(operationId = "createHealthModel", summary = "Add a shadow model: scored every night beside the live one")
  public HealthModels.Model create(@RequestBody HealthModels.NewModel model) {
    return models.create(model, ApiUser.current().id());
  }

  @PostMapping("/{version}/live")
  @Operation(operationId = "switchHealthModel", summary = "Make a model live, with a reason; the live one is retired")
  public HealthModels.Model switchTo(@PathVariable String version, @RequestBody SwitchRequest request) {
    return models.switchTo(version, request == null ? null : request.reason(), ApiUser.current().id());
  }

  @PostMapping("/{version}/retire")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "retireHealthModel", summary = "Retire a shadow model (it scores no more) or a segment's own"
      + " live model (the model for every segment scores its accounts again)")
  public void retire(@PathVariable String version) {
    models.retire(version, ApiUser.current().id());
  }
}
