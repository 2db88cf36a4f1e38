package io.csplaybooks.health;

import io.csplaybooks.common.Validation;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/signals")
class SignalController {

  private final SignalIntake intake;

  public SignalController(SignalIntake intake) {
    this.intake = intake;
  }

  /** A JSON array of up to 10,000 signals; all stored or, with any problem, none. */
  @PostMapping(consumes = "application/json")
  @Operation(operationId = "receiveSignals", summary = "Customer signals, all or nothing, idempotent on signalId")
  public SignalIntake.Result json(@RequestBody List<Signal> signals) {
    Validation v = new Validation();
    intake.validate(signals, i -> "signals[" + i + "].", v);
    v.throwIfInvalid();
    return intake.store(signals);
  }

  /** The same as CSV with a header line (see SignalCsv for the columns). */
  @PostMapping(path = "/csv", consumes = "text/csv")
  @Operation(operationId = "receiveSignalsCsv",
      summary = "Customer signals as CSV, all or nothing, idempotent on signalId")
  public SignalIntake.Result csv(@RequestBody String csv) {
    Validation v = new Validation();
    List<Signal> signals = SignalCsv.parse(csv, v);
    if (v.errors().isEmpty()) {
      intake.validate(signals, i -> "line " + (i + 2) + ": ", v);
    }
    v.throwIfInvalid();
    return intake.store(signals);
  }
}
