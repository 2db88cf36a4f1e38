package io.csplaybooks.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 30: health models as data. The configured model is the first live version; a shadow model
 * scores every account beside it in the nightly run without touching the account; a CS manager
 * makes it live with a reason, and the next night's scores carry its version. Bad models and
 * switches without a reason are a 400 naming the field; only CS managers change models.
 */
class HealthModelsTest extends IntegrationTest {

  private static final String B = "B-test";

  @Autowired PortfolioScoring portfolio;
  @Autowired JdbcClient jdbc;
  @Autowired HealthModels models;

  @Test
  void aShadowModelScoresBesideTheLiveOneUntilAManagerSwitchesWithAReason() {
    person("bettina", "Bettina", "Backtest", "cs-managers");
    person("cyril", "Cyril", "Csm", "cs");
    long account = ((Number) handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId())).get("accountId"))
        .longValue();
    assertThat(as("carl").postForEntity("/api/signals", SignalsAndHealthTest.healthy(account), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    Map<?, ?> listed = as("bettina").getForObject("/api/health/models", Map.class);
    Map<?, ?> live = (Map<?, ?>) listed.get("live");
    assertThat(live.get("version")).isEqualTo("2026-11");
    assertThat(live.get("basedOn")).isEqualTo("configured in csp.health, imported once");
    assertThat(((Map<?, ?>) live.get("weights")).get("adoption")).isEqualTo(30.0);
    assertThat(((Map<?, ?>) live.get("weights")).get("sentiment")).isEqualTo(10.0);

    Map<String, Object> shadow = Map.of("version", B, "weights", Map.of("adoption", 10, "nps", 90),
        "basedOn", "calibrated on 2025's renewals");
    assertThat(as("cyril").postForEntity("/api/health/models", shadow, Map.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    Map<String, Map<String, Object>> bad = Map.of(
        "weights", Map.of("version", "B-sum", "weights", Map.of("adoption", 10, "nps", 80)),
        "weights.luck", Map.of("version", "B-luck", "weights", Map.of("adoption", 50, "luck", 50)),
        "weights.nps", Map.of("version", "B-neg", "weights", Map.of("adoption", 110, "nps", -10)),
        "version", Map.of("version", "<b>B</b>", "weights", Map.of("adoption", 100)),
        "greenAbove", Map.of("version", "B-bands", "weights", Map.of("adoption", 100), "redBelow", 60, "greenAbove", 40));
    bad.forEach((field, model) -> {
      ResponseEntity<String> refused = as("bettina").postForEntity("/api/health/models", model, String.class);
      assertThat(refused.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).as(field).contains("\"" + field + "\"");
    });
    ResponseEntity<Map> created = as("bettina").postForEntity("/api/health/models", shadow, Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody()).containsEntry("status", "shadow").containsEntry("createdBy", "bettina");
    assertThat(as("bettina").postForEntity("/api/health/models", shadow, String.class).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    try {
      // The night: the live model scores the account, the shadow beside it, apart.
      portfolio.run();
      assertThat(latest(account)).containsEntry("model_version", "2026-11");
      Map<String, Object> beside = jdbc.sql("""
              select score, band, measures_json from health_shadow_score where model_version = :v and account_id = :a""")
          .param("v", B).param("a", account).query().singleRow();
      // adoption 90 (90 of 100 seats), NPS 9 -> 90: (10 * 90 + 90 * 90) / 100
      assertThat(beside).containsEntry("score", 90).containsEntry("band", "green");
      assertThat((String) beside.get("measures_json")).contains("\"weight\":90.0");
      assertThat(as("carl").getForObject("/api/accounts/" + account + "/health", Map.class).get("modelVersion"))
          .isEqualTo("2026-11");

      // The switch needs a reason and a CS manager.
      assertThat(as("bettina").postForEntity("/api/health/models/" + B + "/live", Map.of("reason", " "), String.class)
          .getBody()).contains("\"reason\"");
      assertThat(as("cyril").postForEntity("/api/health/models/" + B + "/live", Map.of("reason", "better"), String.class)
          .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(as("bettina").postForEntity("/api/health/models/nope/live", Map.of("reason", "x"), String.class)
          .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      ResponseEntity<Map> switched = as("bettina").postForEntity("/api/health/models/" + B + "/live",
          Map.of("reason", "B caught 12 more churns in last year's backtest"), Map.class);
      assertThat(switched.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(switched.getBody()).containsEntry("version", B).containsEntry("status", "live");

      // The next night's scores carry B's version; the old model is retired and the switch recorded.
      portfolio.run();
      assertThat(latest(account)).containsEntry("model_version", B).containsEntry("score", 90);
      assertThat(as("carl").getForObject("/api/accounts/" + account + "/health", Map.class).get("modelVersion"))
          .isEqualTo(B);
      Map<?, ?> after = as("bettina").getForObject("/api/health/models", Map.class);
      assertThat((List<Map<String, Object>>) after.get("switches")).first()
          .satisfies(s -> assertThat(s).containsEntry("fromVersion", "2026-11").containsEntry("toVersion", B)
              .containsEntry("reason", "B caught 12 more churns in last year's backtest").containsEntry("switchedBy", "bettina"));
      assertThat((List<Map<String, Object>>) after.get("all")).filteredOn(m -> "2026-11".equals(m.get("version")))
          .singleElement().satisfies(m -> assertThat(m).containsEntry("status", "retired"));
      assertThat((List<?>) after.get("shadows")).isEmpty();

      assertThat(as("bettina").getForEntity("/api/health/backtest?from=2026-01-01&to=2026-12-31&model=" + B, Map.class)
          .getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(as("bettina").getForEntity("/api/health/backtest?from=2026-01-01&to=2026-12-31&model=nope", String.class)
          .getBody()).contains("\"model\"");
    } finally {
      // What the other tests expect: the configured model live, no shadow.
      if (!"2026-11".equals(models.live().version())) {
        models.switchTo("2026-11", "the test is over", "bettina");
      }
      models.shadows().forEach(m -> models.retire(m.version()));
    }
  }

  @Test
  void aSegmentsOwnModelScoresItsAccountsWhileTheOthersKeepTheModelForEverySegment() {
    person("bettina", "Bettina", "Backtest", "cs-managers");
    long scaled = account();
    long enterprise = account();
    jdbc.sql("update account set segment = 'scaled' where id = :a").param("a", scaled).update();
    String forAll = models.live().version();
    assertThat(as("bettina").postForEntity("/api/health/models", Map.of("version", "S-bad", "segment", "tiny",
        "weights", Map.of("adoption", 100)), String.class).getBody()).contains("\"segment\"");
    ResponseEntity<Map> created = as("bettina").postForEntity("/api/health/models", Map.of("version", "S-scaled",
        "segment", "scaled", "weights", Map.of("adoption", 100)), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody()).containsEntry("segment", "scaled");
    try {
      portfolio.run();
      assertThat(shadowScores("S-scaled", scaled)).isEqualTo(1);
      assertThat(shadowScores("S-scaled", enterprise)).as("a shadow of the scaled segment scores only its accounts")
          .isZero();

      ResponseEntity<Map> switched = as("bettina").postForEntity("/api/health/models/S-scaled/live",
          Map.of("reason", "Scaled accounts churn on adoption alone"), Map.class);
      assertThat(switched.getBody()).containsEntry("status", "live").containsEntry("segment", "scaled");
      Map<?, ?> listed = as("bettina").getForObject("/api/health/models", Map.class);
      assertThat(((Map<?, ?>) listed.get("live")).get("version")).as("the model for every segment stays").isEqualTo(forAll);

      portfolio.run();
      // adoption 90 (90 of 100 seats) alone
      assertThat(latest(scaled)).containsEntry("model_version", "S-scaled").containsEntry("score", 90);
      assertThat(latest(enterprise)).containsEntry("model_version", forAll);
      assertThat(as("bettina").getForEntity("/api/health/backtest?from=2026-01-01&to=2026-12-31&segment=scaled",
          Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(as("bettina").getForEntity("/api/health/backtest?from=2026-01-01&to=2026-12-31&segment=tiny",
          String.class).getBody()).contains("\"segment\"");

      // Retired, the segment's accounts are scored by the model for every segment again.
      assertThat(as("bettina").postForEntity("/api/health/models/S-scaled/retire", Map.of(), String.class).getStatusCode())
          .isEqualTo(HttpStatus.NO_CONTENT);
      portfolio.run();
      assertThat(latest(scaled)).containsEntry("model_version", forAll);
    } finally {
      models.inUse().segments().forEach(m -> models.retire(m.version()));
      models.shadows().forEach(m -> models.retire(m.version()));
    }
  }

  private long account() {
    long account = ((Number) handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId())).get("accountId"))
        .longValue();
    assertThat(as("carl").postForEntity("/api/signals", SignalsAndHealthTest.healthy(account), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    return account;
  }

  private long shadowScores(String version, long account) {
    return jdbc.sql("select count(*) from health_shadow_score where model_version = :v and account_id = :a")
        .param("v", version).param("a", account).query(Long.class).single();
  }

  private Map<String, Object> latest(long account) {
    return jdbc.sql("select model_version, score from health_score where account_id = :a order by scored_at desc, id desc"
        + " limit 1").param("a", account).query().singleRow();
  }
}
