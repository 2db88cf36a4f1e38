package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.benchmark.PortfolioData.Counts;
import io.csplaybooks.benchmark.PortfolioData.Portfolio;
import java.time.LocalDate;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How long the workspace benchmark's portfolio takes to make (not part of the test run): N accounts
 * (default 100,000) with a year of weekly health, contracts, renewals and the daily snapshot, on
 * PostgreSQL. Run it with {@code mvn -B test -Pbenchmark -Dtest=PortfolioDataBenchmark} (accounts:
 * -Dcsp.benchmark.accounts=...). It prints the figures, then deletes the portfolio and prints that too.
 */
class PortfolioDataBenchmark extends Benchmark {

  @Autowired DataSource dataSource;

  @Test
  void fillsAndDeletesThePortfolio() throws Exception {
    int accounts = Integer.getInteger("csp.benchmark.accounts", 100_000);
    PortfolioData data = new PortfolioData(dataSource);

    long started = System.nanoTime();
    Portfolio portfolio = data.fill(accounts, LocalDate.now());
    double fill = (System.nanoTime() - started) / 1e9;
    Counts counts = data.count(portfolio);
    started = System.nanoTime();
    data.delete(portfolio);
    double delete = (System.nanoTime() - started) / 1e9;

    System.out.printf(Locale.ROOT, "%n== portfolio data benchmark (PostgreSQL, %d cores, load average %s) ==%n"
            + "filled %d accounts in %.1f s: %d contracts, %d health scores (weekly), %d open and %d decided renewals,"
            + " %d snapshot rows%ndeleted in %.1f s%n%n",
        Runtime.getRuntime().availableProcessors(), loadAverage(), counts.accounts(), fill, counts.contracts(),
        counts.healthScores(), counts.openRenewals(), counts.decidedRenewals(), counts.snapshotRows(), delete);
    assertThat(counts.accounts()).isEqualTo(accounts);
    assertThat(data.count(portfolio).accounts()).isZero();
  }

  /** Other work on the machine slows the figures down: the report says how busy it was. */
  private static String loadAverage() throws Exception {
    return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
  }
}
