package io.csplaybooks.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Signals in, health out, on PostgreSQL: batches, CSV, refusals, duplicates, explanation, override. */
class SignalsAndHealthTest extends IntegrationTest {

  @Autowired JdbcClient jdbc;

  @Test
  void signalsAreStoredOnceAndTheAccountIsScoredAndExplained() {
    long account = newAccount();
    List<Map<String, Object>> batch = healthy(account);

    ResponseEntity<Map> first = as("carl").postForEntity("/api/signals", batch, Map.class);
    ResponseEntity<Map> again = as("carl").postForEntity("/api/signals", batch, Map.class);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(first.getBody()).containsEntry("received", 4).containsEntry("stored", 4).containsEntry("duplicates", 0);
    assertThat(again.getBody()).containsEntry("stored", 0).containsEntry("duplicates", 4);
    assertThat(signals(account)).isEqualTo(4);

    Map<?, ?> health = as("carl").getForObject("/api/accounts/" + account + "/health", Map.class);
    assertThat(health.get("band")).isEqualTo("green");
    assertThat(health.get("modelVersion")).isEqualTo("2026-11");
    assertThat((List<Map<String, Object>>) health.get("measures")).extracting(m -> m.get("name"))
        .containsExactly("adoption", "featureBreadth", "engagement", "nps");
    assertThat(((List<Map<String, Object>>) health.get("measures")).get(0))
        .containsEntry("value", 90).containsEntry("weight", 30.0).containsEntry("inputs", "90 active of 100 licensed seats");
    Map<?, ?> account8 = as("carl").getForObject("/api/accounts/" + account, Map.class);
    assertThat(account8.get("healthBand")).isEqualTo("green");
  }

  @Test
  void aBadBatchNamesEverySignalAndFieldAndStoresNothing() {
    long account = newAccount();
    List<Map<String, Object>> batch = new ArrayList<>(healthy(account));
    batch.add(signal("nps", account, Map.of("npsScore", 11)));
    batch.add(signal("weather", account, Map.of()));
    batch.add(signal("usage", 999_999L, Map.of("activeUsers", 1, "licensedSeats", 1)));

    ResponseEntity<Map> refused = as("carl").postForEntity("/api/signals", batch, Map.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors"))
        .extracting(e -> e.get("field") + ": " + e.get("reason"))
        .containsExactly("signals[4].npsScore: must be 0-10",
            "signals[5].type: must be one of engagement, nps, sentiment, support, usage",
            "signals[6].accountId: no account 999999");
    assertThat(signals(account)).isZero();
  }

  @Test
  void signalsFromTheFutureAndCountsNoAccountHasAreRefused() {
    long account = newAccount();
    Map<String, Object> fromTheFuture = new java.util.HashMap<>(signal("nps", account, Map.of("npsScore", 9)));
    fromTheFuture.put("occurredAt", java.time.OffsetDateTime.now().plusMinutes(6).toString());
    Map<String, Object> aLittleAhead = new java.util.HashMap<>(signal("nps", account, Map.of("npsScore", 8)));
    aLittleAhead.put("occurredAt", java.time.OffsetDateTime.now().plusMinutes(4).toString());
    Map<String, Object> ancient = new java.util.HashMap<>(signal("nps", account, Map.of("npsScore", 8)));
    ancient.put("occurredAt", "1999-12-31T23:59:59Z");
    List<Map<String, Object>> batch = List.of(fromTheFuture, aLittleAhead, ancient,
        signal("support", account, Map.of("ticketsOpened", 858_993_460)),
        signal("usage", account, Map.of("activeUsers", 10_000_001, "licensedSeats", 10_000_000)));

    ResponseEntity<Map> refused = as("carl").postForEntity("/api/signals", batch, Map.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors"))
        .extracting(e -> e.get("field") + ": " + e.get("reason"))
        .hasSize(4)
        .anySatisfy(e -> assertThat(e).startsWith("signals[0].occurredAt: must not be in the future (more than 5"
            + " minutes ahead of "))
        .contains("signals[2].occurredAt: must not be before 2000-01-01T00:00:00Z",
            "signals[3].ticketsOpened: must be between 0 and 100000",
            "signals[4].activeUsers: must be between 0 and 10000000");
    assertThat(signals(account)).isZero();
  }

  @Test
  void csvSignalsNameTheLineOfEachProblem() {
    long account = newAccount();
    String day = LocalDate.now().minusDays(1).toString();
    String good = "signalId,accountId,type,occurredAt,activeUsers,licensedSeats,npsScore,comment\n"
        + id() + "," + account + ",usage," + day + ",30,100,,\n"
        + id() + "," + account + ",nps," + day + ",,,4,\"Slow, and \"\"buggy\"\"\"\n";
    String bad = good + id() + "," + account + ",usage," + day + ",many,100,,\n" + id() + ",,nps,yesterday,,,5,\n";

    ResponseEntity<Map> refused = csv(bad);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors"))
        .extracting(e -> e.get("field") + ": " + e.get("reason"))
        .containsExactly("line 4: activeUsers: must be a whole number",
            "line 5: occurredAt: must be a date (YYYY-MM-DD) or a date-time with offset (2026-11-20T10:00:00Z)");
    assertThat(signals(account)).isZero();

    ResponseEntity<Map> stored = csv(good);
    assertThat(stored.getBody()).containsEntry("stored", 2);
    assertThat(jdbc.sql("select comment from customer_signal where account_id = :a and type = 'nps'")
        .param("a", account).query(String.class).single()).isEqualTo("Slow, and \"buggy\"");
    Map<?, ?> health = as("carl").getForObject("/api/accounts/" + account + "/health", Map.class);
    // adoption 30 (weight 30) and NPS 40 (weight 15): 33
    assertThat(health.get("score")).isEqualTo(33);
    assertThat(health.get("band")).isEqualTo("red");
  }

  @Test
  void aCsmOverridesTheScoreWithAReasonAndTheOverrideIsInTheHistory() {
    long account = newAccount();
    as("carl").postForEntity("/api/signals", healthy(account), Map.class);
    String path = "/api/accounts/" + account + "/health/override";

    ResponseEntity<Map> refused = as("carl").postForEntity(path, Map.of("score", 120), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactly("score", "reason", "until");
    assertThat(as("ed").postForEntity(path, Map.of(), Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    Map<?, ?> overridden = as("carl").postForObject(path, Map.of("score", 40, "reason",
        "Champion left last week; usage will follow", "until", LocalDate.now().plusDays(30).toString()), Map.class);

    assertThat(overridden.get("score")).isEqualTo(40);
    assertThat(overridden.get("band")).isEqualTo("red");
    assertThat((Integer) overridden.get("computedScore")).isGreaterThan(75);
    assertThat((Map<String, Object>) overridden.get("override")).containsEntry("by", "carl")
        .containsEntry("reason", "Champion left last week; usage will follow");
    List<Map<String, Object>> history = as("carl").getForObject("/api/accounts/" + account + "/health/history", List.class);
    assertThat(history).extracting(h -> h.get("reason")).containsExactly("override by carl", "new signals");

    // Once the override has expired, the computed score counts again.
    jdbc.sql("update health_override set until_date = :yesterday where account_id = :a")
        .param("yesterday", LocalDate.now().minusDays(1)).param("a", account).update();
    as("carl").postForEntity("/api/signals", List.of(signal("engagement", account, Map.of("meetingHeld", true))), Map.class);
    Map<?, ?> expired = as("carl").getForObject("/api/accounts/" + account + "/health", Map.class);
    assertThat(expired.get("override")).isNull();
    assertThat(expired.get("score")).isEqualTo(expired.get("computedScore"));
    assertThat(expired.get("band")).isEqualTo("green");
  }

  private ResponseEntity<Map> csv(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.valueOf("text/csv"));
    return as("carl").postForEntity("/api/signals/csv", new HttpEntity<>(body, headers), Map.class);
  }

  private long newAccount() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    return ((Number) created.get("accountId")).longValue();
  }

  private long signals(long account) {
    return jdbc.sql("select count(*) from customer_signal where account_id = :a").param("a", account)
        .query(Long.class).single();
  }

  static List<Map<String, Object>> healthy(long account) {
    return List.of(
        signal("usage", account, Map.of("activeUsers", 90, "licensedSeats", 100, "featuresUsed", 8, "featuresTotal", 10)),
        signal("engagement", account, Map.of("meetingHeld", true)),
        signal("nps", account, Map.of("npsScore", 9, "comment", "Great onboarding")),
        signal("usage", account, Map.of("activeUsers", 50, "licensedSeats", 100), 10));
  }

  static Map<String, Object> signal(String type, long account, Map<String, Object> fields) {
    return signal(type, account, fields, 1);
  }

  static Map<String, Object> signal(String type, long account, Map<String, Object> fields, int daysAgo) {
    Map<String, Object> signal = new HashMap<>(fields);
    signal.put("signalId", id());
    signal.put("accountId", account);
    signal.put("type", type);
    signal.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo).toString());
    return signal;
  }

  static String id() {
    return "SIG-" + UUID.randomUUID();
  }
}
