package io.csplaybooks.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.renewal.Retention;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retention and lifetime value over a portfolio in three currencies, against figures worked by hand. */
class PortfolioValueTest {

  static final LocalDate RATES_FROM = LocalDate.of(2026, 1, 1);
  static final Map<String, PortfolioValue.RateUsed> RATES = Map.of(
      "KRW", new PortfolioValue.RateUsed("KRW", new BigDecimal("0.00075"), RATES_FROM),
      "EUR", new PortfolioValue.RateUsed("EUR", new BigDecimal("1.10"), RATES_FROM));

  final PortfolioValue.Figures figures = PortfolioValue.of(
      List.of(
          new PortfolioValue.Renewal("USD", "enterprise", amount("100000"), amount("120000"), "expanded"),
          new PortfolioValue.Renewal("USD", "enterprise", amount("50000"), amount("0"), "churned"),
          new PortfolioValue.Renewal("KRW", "mid-market", amount("48000000"), amount("48000000"), "renewed"),
          new PortfolioValue.Renewal("KRW", "mid-market", amount("24000000"), amount("18000000"), "contracted"),
          new PortfolioValue.Renewal("EUR", "scaled", amount("10000"), amount("0"), "churned")),
      List.of(
          new PortfolioValue.ActiveArr("enterprise", "USD", 3, amount("360000")),
          new PortfolioValue.ActiveArr("mid-market", "KRW", 2, amount("66000000")),
          new PortfolioValue.ActiveArr("scaled", "GBP", 1, amount("5000"))),
      RATES, "USD", new BigDecimal("0.8"));

  @Test
  void eachCurrencyKeepsItsOwnRetention() {
    Retention.Figures usd = figures.retentionByCurrency().get("USD");
    // (150,000 - 50,000) / 150,000; (100,000 + 20,000) / 150,000
    assertThat(usd.grossRetention()).isEqualByComparingTo("0.6667");
    assertThat(usd.netRetention()).isEqualByComparingTo("0.8000");
    // won: (72,000,000 - 6,000,000) / 72,000,000, no expansion
    Retention.Figures krw = figures.retentionByCurrency().get("KRW");
    assertThat(krw.startingArr()).isEqualByComparingTo("72000000");
    assertThat(krw.grossRetention()).isEqualByComparingTo("0.9167");
    assertThat(krw.netRetention()).isEqualByComparingTo("0.9167");
    assertThat(figures.retentionByCurrency().get("EUR").grossRetention()).isEqualByComparingTo("0");
  }

  @Test
  void theReportingCurrencyAddsEveryCurrencyAtItsRate() {
    Retention.Figures usd = figures.retention();
    // 150,000 + 48,000,000 × 0.00075 + 24,000,000 × 0.00075 + 10,000 × 1.10 = 215,000
    assertThat(usd.startingArr()).isEqualByComparingTo("215000");
    // 50,000 + 11,000
    assertThat(usd.churnedArr()).isEqualByComparingTo("61000");
    // (24,000,000 - 18,000,000) × 0.00075
    assertThat(usd.contractionArr()).isEqualByComparingTo("4500");
    assertThat(usd.expansionArr()).isEqualByComparingTo("20000");
    // (215,000 - 61,000 - 4,500) / 215,000 = 0.69535 ; (149,500 + 20,000) / 215,000 = 0.78837
    assertThat(usd.grossRetention()).isEqualByComparingTo("0.6953");
    assertThat(usd.netRetention()).isEqualByComparingTo("0.7884");
    assertThat(usd.logoChurnRate()).isEqualByComparingTo("0.4");
    assertThat(figures.ratesUsed()).extracting(PortfolioValue.RateUsed::currency).containsExactly("EUR", "KRW");
    assertThat(figures.currenciesWithoutRate()).containsExactly("GBP");
  }

  @Test
  void lifetimeValueBySegmentSaysItsFormula() {
    PortfolioValue.SegmentValue enterprise = segment("enterprise");
    // 360,000 / 3 = 120,000; one of two renewals churned: 120,000 × 0.8 / 0.5
    assertThat(enterprise.averageArr()).isEqualByComparingTo("120000");
    assertThat(enterprise.churnRate()).isEqualByComparingTo("0.5");
    assertThat(enterprise.lifetimeValue()).isEqualByComparingTo("192000");
    assertThat(enterprise.formula()).isEqualTo("LTV = average ARR × gross margin ÷ logo churn rate = 120000.00 USD"
        + " × 0.8 ÷ 0.5 (1 of 2 renewals churned) = 192000.00 USD");
    PortfolioValue.SegmentValue midMarket = segment("mid-market");
    // 66,000,000 won × 0.00075 / 2 accounts; no churn, so no bound
    assertThat(midMarket.averageArr()).isEqualByComparingTo("24750");
    assertThat(midMarket.lifetimeValue()).isNull();
    assertThat(midMarket.formula()).contains("no churn observed");
    // The scaled accounts are in pounds, with no rate: left out and named.
    assertThat(segment("scaled").averageArr()).isNull();
  }

  private PortfolioValue.SegmentValue segment(String name) {
    return figures.lifetimeValue().stream().filter(s -> s.segment().equals(name)).findFirst().orElseThrow();
  }

  private static BigDecimal amount(String value) {
    return new BigDecimal(value);
  }
}
