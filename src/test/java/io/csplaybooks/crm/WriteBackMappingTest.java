package io.csplaybooks.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The write-back's mapping and its reading of Retry-After, as plain Java. */
class WriteBackMappingTest {

  static final Instant NOW = Instant.parse("2026-12-07T20:00:00Z");

  @Test
  void aMappingNamesOnlyFactsTheApplicationWritesBack() {
    assertThatThrownBy(() -> AccountFacts.mapping("csp.crm.salesforce.write-back.fields",
        Map.of("healthscore", "CS_Health_Score__c")))
        .hasMessageContaining("csp.crm.salesforce.write-back.fields.healthscore")
        .hasMessageContaining("healthScore, healthBand, csm, lifecycleStage, renewalForecast, renewalDate");
    assertThatThrownBy(() -> AccountFacts.mapping("csp.crm.hubspot.write-back.properties", Map.of("csm", " ")))
        .hasMessageContaining("csp.crm.hubspot.write-back.properties.csm names no field");
  }

  @Test
  void salesforceGetsNumbersAndNullsHubSpotGetsStringsAndEmpties() {
    Map<String, String> configured = new LinkedHashMap<>();
    configured.put("healthScore", "score");
    configured.put("renewalDate", "renews");
    configured.put("renewalForecast", "forecast");
    var mapping = AccountFacts.mapping("p", configured);
    AccountFacts facts = new AccountFacts(7, 64, "yellow", "carl", "adoption", null, LocalDate.of(2027, 3, 31));

    Map<String, Object> salesforce = new LinkedHashMap<>();
    salesforce.put("score", 64);
    salesforce.put("forecast", null);
    salesforce.put("renews", "2027-03-31");
    assertThat(facts.salesforceFields(mapping)).isEqualTo(salesforce);
    assertThat(facts.hubspotProperties(mapping)).isEqualTo(Map.of("score", "64", "forecast", "", "renews", "2027-03-31"));
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    Duration otherwise = Duration.ofMinutes(1);
    assertThat(Delivery.retryAt(headers("120"), NOW, otherwise)).isEqualTo(NOW.plusSeconds(120));
    assertThat(Delivery.retryAt(headers("Mon, 07 Dec 2026 20:00:30 GMT"), NOW, otherwise))
        .isEqualTo(NOW.plusSeconds(30));
    // A date gone by is now; no header, or one that cannot be read, is the first retry delay.
    assertThat(Delivery.retryAt(headers("Mon, 07 Dec 2026 19:00:00 GMT"), NOW, otherwise)).isEqualTo(NOW);
    assertThat(Delivery.retryAt(new HttpHeaders(), NOW, otherwise)).isEqualTo(NOW.plus(otherwise));
    assertThat(Delivery.retryAt(headers("soon"), NOW, otherwise)).isEqualTo(NOW.plus(otherwise));
  }

  private static HttpHeaders headers(String retryAfter) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
    return headers;
  }
}
