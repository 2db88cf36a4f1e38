package io.csplaybooks.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.health.ChurnTruth;
import io.csplaybooks.health.HealthModels;
import io.csplaybooks.health.PortfolioScoring;
import io.csplaybooks.support.Browser;
import io.csplaybooks.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 30 in a real browser: maria, a CS manager, opens "Does the health score predict?" from the
 * portfolio, sees shadow model B beside the live model with the same figures, makes B live with a
 * reason, and the next night's scores carry B's version. Screenshots in
 * target/screenshots/HealthModelBrowserTest/.
 */
class HealthModelBrowserTest extends IntegrationTest {

  private static final String B = "B-browser";

  @RegisterExtension final Browser browser = Browser.inEnglish();

  @Autowired PortfolioScoring portfolio;
  @Autowired HealthModels models;
  @Autowired JdbcClient jdbc;
  @Autowired JdbcTemplate jdbcTemplate;

  @Test
  void mariaSeesModelBBesideTheLiveOneAndMakesItLiveWithAReason() {
    person("maria", "Maria", "Manager", "cs-managers");
    long account = ((Number) handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId())).get("accountId"))
        .longValue();
    String when = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
    assertThat(as("carl").postForEntity("/api/signals", List.of(
        Map.of("signalId", "SIG-" + java.util.UUID.randomUUID(), "accountId", account, "type", "usage", "occurredAt", when,
            "activeUsers", 80, "licensedSeats", 100),
        Map.of("signalId", "SIG-" + java.util.UUID.randomUUID(), "accountId", account, "type", "nps", "occurredAt", when,
            "npsScore", 8)), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    // A year of renewals whose churn has a known cause, scored weekly by a model with weights off.
    ChurnTruth.delete(jdbcTemplate);
    new ChurnTruth(jdbcTemplate, 30).generate(600, 2018);
    String live = models.live().version();
    try {
      browser.loginToWorkspace("maria", PASSWORD, "/portfolio");
      browser.click(By.id("health-model"));
      browser.visible(By.tagName("h1"), "Does the health score predict?");
      browser.script("document.getElementById('from').value = '2018-01-01';"
          + " document.getElementById('to').value = '2018-12-31';");
      browser.click(By.id("apply"));
      browser.waiting().until(d -> browser.currentPath().contains("from=2018-01-01"));

      // Model B, made in the workspace: the weights the year's renewals suggest, a version, saved as a shadow.
      browser.click(By.id("suggest"));
      browser.visible(By.id("suggested"), "Suggested from 600 renewals");
      Map<?, ?> suggestion = as("maria").getForObject("/api/health/calibration?from=2018-01-01&to=2018-12-31&horizon=90",
          Map.class);
      for (Map<?, ?> weight : (List<Map<?, ?>>) suggestion.get("weights")) {
        assertThat(browser.visible(By.id("weight-" + weight.get("measure"))).getAttribute("value")).as("" + weight)
            .isEqualTo(String.valueOf(weight.get("weight")));
      }
      browser.type(By.id("version"), B);
      browser.click(By.id("add-model"));
      browser.visible(By.id("created"), B + " scores beside the live model from the next night on.");
      browser.script("document.getElementById('from').value = '2018-01-01';"
          + " document.getElementById('to').value = '2018-12-31';");
      browser.click(By.id("apply"));
      browser.waiting().until(d -> browser.currentPath().contains("from=2018-01-01"));
      // Both models, side by side, with the figures the API gives for the same period.
      assertThat(browser.visible(By.cssSelector("#side-by-side th[data-model='as-scored']")).getText())
          .contains("As scored then", ChurnTruth.MODEL_A_VERSION);
      assertThat(browser.visible(By.cssSelector("#side-by-side th[data-model='" + live + "']")).getText()).contains("live");
      assertThat(browser.visible(By.cssSelector("#side-by-side th[data-model='" + B + "']")).getText()).contains("shadow");
      String from = browser.visible(By.id("from")).getAttribute("value");
      String to = browser.visible(By.id("to")).getAttribute("value");
      Map<?, ?> api = as("maria").getForObject("/api/health/backtest?from=" + from + "&to=" + to + "&horizon=90",
          Map.class);
      String scored = browser.visible(By.cssSelector("#scored td[data-model='as-scored']")).getText();
      assertThat(api.get("renewals")).isEqualTo(600);
      assertThat(scored).startsWith(api.get("scored") + " / " + api.get("renewals"));
      String auc = browser.visible(By.cssSelector("#auc td[data-model='as-scored']")).getText();
      assertThat(auc).startsWith(String.format(java.util.Locale.ROOT, "%.3f", ((Map<?, ?>) api.get("auc")).get("value")));
      String aucB = browser.visible(By.cssSelector("#auc td[data-model='" + B + "']")).getText();
      assertThat(Double.parseDouble(aucB.substring(0, 5))).as("B, weighted as the churn's true cause")
          .isGreaterThan(Double.parseDouble(auc.substring(0, 5)));
      browser.visible(By.cssSelector("#lift canvas"));
      browser.screenshot("1-models-side-by-side");

      browser.type(By.id("reason-" + B), "B ranks last year's churned accounts better; weights from the calibration");
      browser.click(By.cssSelector("form.switch[data-model='" + B + "'] button.make-live"));
      browser.visible(By.id("switched"), B + " scores the accounts from the next scoring on.");
      assertThat(browser.visible(By.id("switches")).getText())
          .contains(live + " → " + B + " by maria: B ranks last year's churned accounts better");
      browser.screenshot("2-switched");

      // The next night.
      portfolio.run();
      List<String> versions = jdbc.sql("""
              select model_version from health_score where account_id = :a order by scored_at desc, id desc limit 1""")
          .param("a", account).query(String.class).list();
      assertThat(versions).containsExactly(B);
    } finally {
      if (!live.equals(models.live().version())) {
        models.switchTo(live, "the test is over", "maria");
      }
      models.shadows().forEach(m -> models.retire(m.version()));
      ChurnTruth.delete(jdbcTemplate);
    }
  }
}
