package io.csplaybooks.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

  static Retention.Decided decided(String before, String after, String outcome) {
    return new Retention.Decided(new BigDecimal(before), new BigDecimal(after), outcome);
  }

  /**
   * By hand: starting ARR 300,000; churned 20,000; contracted 40,000 to 30,000 (-10,000); expanded
   * 50,000 to 80,000 (+30,000). GRR = 270,000 / 300,000 = 90%; NRR = 300,000 / 300,000 = 100%;
   * one logo of five churned = 20%.
   */
  @Test
  void grossAndNetRetentionLogoChurnAndExpansion() {
    Retention.Figures figures = Retention.of(List.of(
        decided("100000", "100000", "renewed"),
        decided("50000", "80000", "expanded"),
        decided("40000", "30000", "contracted"),
        decided("20000", "0", "churned"),
        decided("90000", "90000", "renewed")));

    assertThat(figures.renewals()).isEqualTo(5);
    assertThat(figures.startingArr()).isEqualByComparingTo("300000");
    assertThat(figures.churnedArr()).isEqualByComparingTo("20000");
    assertThat(figures.contractionArr()).isEqualByComparingTo("10000");
    assertThat(figures.expansionArr()).isEqualByComparingTo("30000");
    assertThat(figures.grossRetention()).isEqualByComparingTo("0.9");
    assertThat(figures.netRetention()).isEqualByComparingTo("1.0");
    assertThat(figures.logoChurnRate()).isEqualByComparingTo("0.2");
  }

  /** Best in class: expansion outgrows churn, NRR above 110%. */
  @Test
  void expansionAboveChurnGivesNrrAbove100() {
    Retention.Figures figures = Retention.of(List.of(decided("100000", "130000", "expanded"),
        decided("100000", "0", "churned"), decided("100000", "100000", "renewed")));

    assertThat(figures.grossRetention()).isEqualByComparingTo("0.6667");
    assertThat(figures.netRetention()).isEqualByComparingTo("0.7667");
  }

  @Test
  void noRenewalsNoRatios() {
    Retention.Figures figures = Retention.of(List.of());

    assertThat(figures.grossRetention()).isNull();
    assertThat(figures.netRetention()).isNull();
    assertThat(figures.logoChurnRate()).isNull();
  }
}
