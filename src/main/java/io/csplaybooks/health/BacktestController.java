package io.csplaybooks.health;

import io.csplaybooks.common.Validation;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Does the health score predict? The backtest of the renewals decided in a period, for CS managers. */
@RestController
class BacktestController {

  /** The horizons a backtest reads the score at, in days before the renewal date. */
  static final Set<Integer> HORIZONS = Set.of(30, 60, 90);
  /** The longest period one request reads: two years of renewals. */
  static final long MAX_DAYS = 2 * 366;

  private record Asked(LocalDate from, LocalDate to, int horizon) {}

  private final HealthBacktest backtest;
  private final HealthCalibration calibration;
  private final HealthModels models;
  private final RenewalForecast forecasts;

  BacktestController(HealthBacktest backtest, HealthCalibration calibration, HealthModels models,
      RenewalForecast forecasts) {
    this.backtest = backtest;
    this.calibration = calibration;
    this.models = models;
    this.forecasts = forecasts;
  }

  @GetMapping("/api/health/backtest")
  @Operation(operationId = "healthBacktest", summary = "The health score against the renewals decided in a period:"
      + " AUC with its confidence interval, the red band's catch, lift by decile, each measure's power")
  public HealthBacktest.Report run(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "90") String horizon, @RequestParam(required = false) String model,
      @RequestParam(required = false) String segment) {
    Asked asked = asked(from, to, horizon);
    Validation v = new Validation();
    if (model != null && models.all().stream().noneMatch(m -> m.version().equals(model))) {
      v.reject("model", "is not a health model's version");
    }
    segment(v, segment).throwIfInvalid();
    return backtest.run(asked.from(), asked.to(), asked.horizon(), model, segment);
  }

  @GetMapping("/api/health/calibration")
  @Operation(operationId = "healthCalibration", summary = "Suggested health weights fitted on the renewals decided in"
      + " a period (non-negative, summing to 100), each with its 95 % interval")
  public HealthCalibration.Suggestion calibrate(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(defaultValue = "90") String horizon,
      @RequestParam(required = false) String segment) {
    Asked asked = asked(from, to, horizon);
    segment(new Validation(), segment).throwIfInvalid();
    return calibration.suggest(asked.from(), asked.to(), asked.horizon(), segment);
  }

  @GetMapping("/api/health/forecast")
  @Operation(operationId = "renewalForecast", summary = "The renewals due in a period in money: each renewal's chance"
      + " (its forecast category and health band, learned from two years of renewals) times its ARR, by month and"
      + " quarter; and each past quarter's forecast against what renewed")
  public RenewalForecast.Forecast forecast(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Validation v = new Validation();
    LocalDate today = io.csplaybooks.common.EngineClock.today();
    LocalDate first = from == null || from.isBlank() ? today.withDayOfMonth(1) : date(v, "from", from);
    LocalDate last = to == null || to.isBlank() ? today.plusYears(1) : date(v, "to", to);
    period(v, first, last);
    v.throwIfInvalid();
    return forecasts.forecast(first, last);
  }

  private static Asked asked(String from, String to, String horizon) {
    Validation v = new Validation();
    LocalDate first = date(v, "from", from);
    LocalDate last = date(v, "to", to);
    Integer days = null;
    try {
      days = Integer.valueOf(horizon.trim());
      if (!HORIZONS.contains(days)) {
        v.reject("horizon", "must be 30, 60 or 90 (days before the renewal date)");
      }
    } catch (NumberFormatException e) {
      v.reject("horizon", "must be 30, 60 or 90 (days before the renewal date)");
    }
    period(v, first, last);
    v.throwIfInvalid();
    return new Asked(first, last, days);
  }

  private static Validation segment(Validation v, String segment) {
    if (segment != null && !HealthModels.SEGMENTS.contains(segment)) {
      v.reject("segment", "must be one of " + String.join(", ", HealthModels.SEGMENTS));
    }
    return v;
  }

  /** A period of at most two years, its end not before its start. */
  private static void period(Validation v, LocalDate first, LocalDate last) {
    if (first != null && last != null) {
      if (last.isBefore(first)) {
        v.reject("to", "must not be before from");
      } else if (ChronoUnit.DAYS.between(first, last) > MAX_DAYS) {
        v.reject("to", "must be at most two years after from");
      }
    }
  }

  private static LocalDate date(Validation v, String field, String value) {
    if (!v.required(field, value)) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      v.reject(field, "must be a date like 2026-01-31");
      return null;
    }
  }
}
