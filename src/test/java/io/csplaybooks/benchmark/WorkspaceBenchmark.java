package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.support.WorkspaceClient;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workspace's pages with 100,000 accounts and a year of daily health history: the time the server
 * takes for the portfolio (all of it and filtered), an account page and a CSM's book, one request at a
 * time as a person clicks, with the size of each page. Targets: portfolio under 500 ms, account page
 * under 200 ms.
 */
class WorkspaceBenchmark extends Benchmark {

  static final int ACCOUNTS = 100_000;

  @Autowired DataSource dataSource;
  @LocalServerPort int port;

  @Test
  void pagesOfAPortfolioOf100000Accounts() throws Exception {
    PortfolioData data = new PortfolioData(dataSource);
    long filling = System.nanoTime();
    PortfolioData.Portfolio portfolio = data.fill(ACCOUNTS, EngineClock.today());
    System.out.printf("%n== Workspace pages: %,d accounts, a year of health (filled in %.1f s: %s)%n", ACCOUNTS,
        (System.nanoTime() - filling) / 1e9, data.count(portfolio));
    try {
      WorkspaceClient manager = new WorkspaceClient(port);
      assertThat(manager.login("mia", PASSWORD).statusCode()).isEqualTo(302);
      Random random = new Random(42);
      long first = portfolio.firstAccountId();
      int span = (int) (portfolio.lastAccountId() - first + 1);
      PageTimer.time("portfolio", i -> manager.get("/portfolio"));
      PageTimer.time("portfolio, region EMEA", i -> manager.get("/portfolio?region=EMEA"));
      PageTimer.time("portfolio, one CSM", i -> manager.get("/portfolio?csm=csm-" + (1 + i % PortfolioData.CSMS)));
      PageTimer.time("account page", i -> manager.get("/accounts/" + (first + random.nextInt(span))));
      PageTimer.time("a CSM's book", i -> manager.get("/my-book?csm=csm-" + (1 + i % PortfolioData.CSMS)));
      // The inbox over the tasks the database holds (the portfolio's data has no open tasks of its own).
      PageTimer.time("inbox, the CS managers' queue", i -> manager.get("/inbox?view=queue"));
      PageTimer.time("inbox, by priority", i -> manager.get("/inbox?view=queue&sort=priority"));
    } finally {
      data.delete(portfolio);
    }
  }
}
