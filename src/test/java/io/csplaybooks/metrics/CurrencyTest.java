package io.csplaybooks.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Money with a currency, on PostgreSQL: contracts in won, the rates an administrator keeps, the metrics. */
class CurrencyTest extends IntegrationTest {

  @Autowired Accounts accounts;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void aContractInWonIsKeptInWonAndReportedAtTheAdministratorsRate() {
    assertThat(putRate("mia", "KRW", Map.of("rate", 0.00075)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> bad = putRate("root", "XYZ", Map.of("rate", -1));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) bad.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactlyInAnyOrder("currency", "rate");
    ResponseEntity<Map> set = putRate("root", "krw", Map.of("rate", 0.00075, "validFrom", "2026-01-01"));
    assertThat(set.getStatusCode()).as(String.valueOf(set.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(set.getBody()).containsEntry("currency", "KRW").containsEntry("reporting", "USD")
        .containsEntry("rate", 0.00075).containsEntry("setBy", "root");

    String crm = "CRM-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    deal.put("account", Map.of("name", "한빛 물류", "segment", "mid-market", "region", "APAC", "crmAccountId", crm));
    deal.put("arr", 48_000_000);
    deal.put("currency", "KRW");
    long account = ((Number) handOff(deal).get("accountId")).longValue();

    assertThat(accounts.findById(account).orElseThrow().currency()).isEqualTo("KRW");
    assertThat(accounts.findById(account).orElseThrow().name()).isEqualTo("한빛 물류");
    assertThat(accounts.contractsOf(account)).extracting(c -> c.currency()).containsExactly("KRW");
    Map<String, Object> inDollars = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    inDollars.put("account", deal.get("account"));
    inDollars.put("kind", "upsell");
    ResponseEntity<Map> mixed = as("ada").postForEntity("/api/handoffs", inDollars, Map.class);
    assertThat(mixed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) mixed.getBody().get("detail")).contains("currency: must be KRW");
    ResponseEntity<Map> notACurrency = as("ada").postForEntity("/api/handoffs",
        Map.of("contractId", "X-" + UUID.randomUUID().toString().substring(0, 8), "currency", "WON"), Map.class);
    assertThat((List<Map<String, String>>) notACurrency.getBody().get("errors")).extracting(e -> e.get("field"))
        .contains("currency");

    Map<?, ?> metrics = as("mia").getForObject("/api/metrics", Map.class);
    assertThat(metrics.get("reportingCurrency")).isEqualTo("USD");
    assertThat((List<Map<String, Object>>) metrics.get("ratesUsed"))
        .anySatisfy(rate -> assertThat(rate).containsEntry("currency", "KRW").containsEntry("rate", 0.00075)
            .containsEntry("validFrom", "2026-01-01"));
    assertThat((List<Map<String, Object>>) metrics.get("lifetimeValue")).extracting(s -> s.get("segment"))
        .contains("mid-market");
  }

  @Test
  void retentionOverAPortfolioInDollarsAndWonMatchesTheFiguresWorkedByHand() {
    assertThat(putRate("root", "KRW", Map.of("rate", 0.00075, "validFrom", "2026-01-01")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    long dollars = customer("USD", 100_000);
    long won = customer("KRW", 48_000_000);
    // Renewals decided in 2033, a year no other test touches.
    renewal(dollars, "USD", "2033-03-31", "100000", "120000", "expanded");
    renewal(dollars, "USD", "2033-06-30", "50000", "0", "churned");
    renewal(won, "KRW", "2033-04-30", "48000000", "48000000", "renewed");
    renewal(won, "KRW", "2033-09-30", "24000000", "18000000", "contracted");

    Map<?, ?> metrics = as("mia").getForObject("/api/metrics?from=2033-01-01&to=2033-12-31", Map.class);

    Map<String, Map<String, Object>> byCurrency = (Map<String, Map<String, Object>>) metrics.get("retentionByCurrency");
    // dollars: (150,000 - 50,000) / 150,000 and (100,000 + 20,000) / 150,000
    assertThat(byCurrency.get("USD")).containsEntry("grossRetention", 0.6667).containsEntry("netRetention", 0.8);
    // won: (72,000,000 - 6,000,000) / 72,000,000
    assertThat(byCurrency.get("KRW")).containsEntry("grossRetention", 0.9167).containsEntry("netRetention", 0.9167);
    // in dollars: 150,000 + 72,000,000 × 0.00075 = 204,000 starting; 50,000 churned; 4,500 contraction; 20,000
    // expansion: GRR 149,500 / 204,000 = 0.7328, NRR 169,500 / 204,000 = 0.8309
    Map<String, Object> reporting = (Map<String, Object>) metrics.get("retention");
    assertThat(reporting).containsEntry("startingArr", 204000.0).containsEntry("contractionArr", 4500.0)
        .containsEntry("grossRetention", 0.7328).containsEntry("netRetention", 0.8309);
  }

  private long customer(String currency, long arr) {
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    deal.put("account", Map.of("name", "Customer in " + currency, "segment", "enterprise", "region", "EMEA",
        "crmAccountId", "CRM-" + UUID.randomUUID().toString().substring(0, 8)));
    deal.put("arr", arr);
    deal.put("currency", currency);
    return ((Number) handOff(deal).get("accountId")).longValue();
  }

  /** A contract term and its decided renewal, written as the renewal playbook leaves them. */
  private void renewal(long account, String currency, String date, String before, String after, String outcome) {
    String contract = "R-" + UUID.randomUUID().toString().substring(0, 8);
    java.time.LocalDate end = java.time.LocalDate.parse(date);
    jdbc.sql("insert into contract (contract_id, account_id, start_date, end_date, arr, kind, currency, created_at)"
            + " values (:c, :a, :s, :e, :arr, 'new-logo', :cur, current_timestamp)")
        .param("c", contract).param("a", account).param("s", end.minusYears(1).plusDays(1)).param("e", end)
        .param("arr", new java.math.BigDecimal(before)).param("cur", currency).update();
    jdbc.sql("insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, outcome,"
            + " arr_after, started_at, decided_on) values (:c, :a, 'test', :d, :before, :outcome, :after,"
            + " current_timestamp, :d)")
        .param("c", contract).param("a", account).param("d", end).param("before", new java.math.BigDecimal(before))
        .param("outcome", outcome).param("after", new java.math.BigDecimal(after)).update();
  }

  private ResponseEntity<Map> putRate(String user, String currency, Map<String, Object> body) {
    return as(user).exchange("/api/exchange-rates/" + currency, HttpMethod.PUT, new HttpEntity<>(body), Map.class);
  }
}
