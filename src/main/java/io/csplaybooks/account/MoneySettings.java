package io.csplaybooks.account;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Money: the currency of a contract that names none, the currency retention metrics are reported
 * in (with the exchange rates an administrator keeps), and the gross margin lifetime value counts.
 * The codes are checked and upper-cased when the configuration is read.
 *
 * @param defaultCurrency ISO 4217 code of a contract that names no currency (USD)
 * @param reportingCurrency ISO 4217 code the portfolio's figures are summed in (USD)
 * @param grossMargin share of revenue left after the cost of serving it, 0-1 (0.8)
 */
@ConfigurationProperties("csp.money")
public record MoneySettings(String defaultCurrency, String reportingCurrency, BigDecimal grossMargin) {

  public MoneySettings {
    defaultCurrency = required("default-currency", defaultCurrency);
    reportingCurrency = required("reporting-currency", reportingCurrency);
  }

  /** The ISO 4217 code, upper-cased, when the text is one (" krw" is KRW). */
  public static Optional<String> currencyCode(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String code = text.trim().toUpperCase(Locale.ROOT);
    try {
      return code.length() == 3 ? Optional.of(Currency.getInstance(code).getCurrencyCode()) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String required(String name, String text) {
    return currencyCode(text).orElseThrow(() ->
        new IllegalStateException("csp.money." + name + " '" + text + "' is not an ISO 4217 currency code"));
  }
}
