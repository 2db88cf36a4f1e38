package io.csplaybooks.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.AccountRepository;
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

  @Autowired AccountRepository accounts;

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

  private ResponseEntity<Map> putRate(String user, String currency, Map<String, Object> body) {
    return as(user).exchange("/api/exchange-rates/" + currency, HttpMethod.PUT, new HttpEntity<>(body), Map.class);
  }
}
