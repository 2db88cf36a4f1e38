package io.csplaybooks.metrics;

import io.csplaybooks.account.MoneySettings;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.Validation;
import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The exchange rates into the reporting currency (csp.money.reporting-currency) that metrics use. */
@RestController
class ExchangeRateController {

  private final ExchangeRates rates;
  private final String reporting;

  public ExchangeRateController(ExchangeRates rates, MoneySettings money) {
    this.rates = rates;
    this.reporting = money.reportingCurrency();
  }

  /** One unit of the currency is worth {@code rate} units of the reporting currency, from {@code validFrom} (today). */
  public record NewRate(BigDecimal rate, LocalDate validFrom) {}

  @GetMapping("/api/exchange-rates")
  @Operation(operationId = "listExchangeRates", summary = "The exchange rates to the reporting currency")
  public List<ExchangeRates.Rate> list() {
    return rates.all(reporting);
  }

  @PutMapping("/api/exchange-rates/{currency}")
  @Operation(operationId = "setExchangeRate", summary = "Set a currency's exchange rate from a date on")
  public ExchangeRates.Rate set(@PathVariable String currency, @RequestBody NewRate rate) {
    Validation v = new Validation();
    String code = MoneySettings.currencyCode(currency).orElse(null);
    if (code == null) {
      v.reject("currency", "must be an ISO 4217 currency code, such as EUR or KRW");
    } else if (code.equals(reporting)) {
      v.reject("currency", "is the reporting currency: its rate is 1");
    }
    if (v.required("rate", rate.rate()) && (rate.rate().signum() <= 0
        || rate.rate().precision() - rate.rate().scale() > 10 || rate.rate().stripTrailingZeros().scale() > 10)) {
      v.reject("rate", "must be a positive number with at most 10 digits before and after the point");
    }
    LocalDate from = rate.validFrom() == null ? EngineClock.today() : rate.validFrom();
    if (from.isBefore(LocalDate.of(2000, 1, 1)) || from.isAfter(LocalDate.of(2099, 12, 31))) {
      v.reject("validFrom", "must be between 2000-01-01 and 2099-12-31");
    }
    v.throwIfInvalid();
    rates.set(code, reporting, from, rate.rate(), ApiUser.current().id());
    return rates.on(code, reporting, from).orElseThrow();
  }
}
