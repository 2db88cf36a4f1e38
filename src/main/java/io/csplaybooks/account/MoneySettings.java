package io.csplaybooks.account;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Money: the currency of a contract that names none, the currency retention metrics are reported
 * in (with the exchange rates an administrator keeps), and the gross margin lifetime value counts.
 *
 * @param defaultCurrency ISO 4217 code of a contract that names no currency (USD)
 * @param reportingCurrency ISO 4217 code the portfolio's figures are summed in (USD)
 * @param grossMargin share of revenue left after the cost of serving it, 0-1 (0.8)
 */
@ConfigurationProperties("csp.money")
public record MoneySettings(String defaultCurrency, String reportingCurrency, BigDecimal grossMargin) {}
