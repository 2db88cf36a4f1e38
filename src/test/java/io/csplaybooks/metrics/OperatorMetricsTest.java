package io.csplaybooks.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What Prometheus scrapes: the business figures after a handoff, for a metrics token and administrators only. */
class OperatorMetricsTest extends IntegrationTest {

  @Autowired OperatorMetrics operatorMetrics;

  @Test
  void prometheusSeesTheHandoffsThePlaybooksAndTheEngine() throws java.io.IOException {
    String metricsToken = token("metrics");
    String crmToken = token("handoffs");
    handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    as("ada").postForEntity("/api/handoffs", Map.of("contractId", "!"), Map.class);
    operatorMetrics.refresh();

    ResponseEntity<String> scrape = scrape(metricsToken);

    assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
    String text = scrape.getBody();
    assertThat(line(text, "csp_handoffs_received_total{", "result=\"created\"")).isNotNull();
    assertThat(line(text, "csp_handoffs_received_total{", "result=\"invalid\"")).isNotNull();
    assertThat(value(line(text, "csp_playbooks_running{", "playbook=\"sales-handoff\""))).isGreaterThanOrEqualTo(1);
    assertThat(line(text, "csp_playbooks_running{", "playbook=\"expansion-handoff\"")).isNotNull();
    assertThat(line(text, "csp_accounts{", "health=\"unscored\"")).isNotNull();
    assertThat(text).contains("csp_jobs_due{", "csp_jobs_failed{", "csp_incidents{", "csp_mail_failures_total{",
        "http_server_requests_seconds_bucket{");

    // Every series the Grafana dashboard in docker/ draws is one the application exposes.
    String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("docker/grafana/dashboards/cs-playbooks.json"));
    java.util.regex.Matcher series = java.util.regex.Pattern.compile("\\b((csp|http|jvm)_[a-z_]+)").matcher(dashboard);
    int drawn = 0;
    while (series.find()) {
      assertThat(text).as("the dashboard's " + series.group(1)).contains(series.group(1) + "{");
      drawn++;
    }
    assertThat(drawn).isGreaterThan(10);

    assertThat(scrape(null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(scrape(crmToken).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("mia").getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("root").getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    // The metrics token opens the scrape and nothing of the API.
    HttpHeaders bearer = new HttpHeaders();
    bearer.setBearerAuth(metricsToken);
    assertThat(http.exchange("/api/accounts", HttpMethod.GET, new HttpEntity<>(bearer), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void everyCspSeriesSaysWhatItCounts() {
    operatorMetrics.refresh();
    String text = scrape(token("metrics")).getBody();
    java.util.regex.Matcher types = java.util.regex.Pattern.compile("(?m)^# TYPE (csp_\\w+) ").matcher(text);
    int families = 0;
    while (types.find()) {
      String family = types.group(1);
      assertThat(text).as("HELP of " + family).containsPattern("(?m)^# HELP " + family + " \\S");
      families++;
    }
    assertThat(families).isGreaterThanOrEqualTo(10);
  }

  @Test
  void aDealFromTheCrmCountsAsAHandoffReceived() throws Exception {
    String metricsToken = token("metrics");
    String before = scrape(metricsToken).getBody();
    // Salesforce's Opportunity as its Flow sends it, the brief's fields left empty: below the threshold.
    String body = java.nio.file.Files.readString(java.nio.file.Path.of(
        "src/test/resources/crm/salesforce-opportunity-closed-won.json"))
        .replace("0065g00000AbCdEAAV", "0065g" + Long.toString(System.nanoTime(), 36))
        .replace("0015g00000XyZabAAB", "0015g" + Long.toString(System.nanoTime(), 36))
        .replaceAll("\"(Business_Goals__c|Success_Criteria__c|Use_Cases__c|Technical_Requirements__c|Known_Risks__c"
            + "|Champion_Name__c|Champion_Email__c|Executive_Sponsor_Name__c|Executive_Sponsor_Email__c)\": \"[^\"]*\"",
            "\"$1\": \"\"");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    ResponseEntity<Map> created = as("ada").postForEntity("/api/crm/salesforce/opportunities",
        new HttpEntity<>(body, headers), Map.class);
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    assertThat(((Number) created.getBody().get("briefScore")).intValue()).isLessThan(80);

    String after = scrape(metricsToken).getBody();
    assertThat(value(line(after, "csp_handoffs_received_total{", "result=\"created\"")))
        .isEqualTo(value(line(before, "csp_handoffs_received_total{", "result=\"created\"")) + 1);
    assertThat(value(line(after, "csp_briefs_below_threshold_total", "")))
        .isEqualTo(value(line(before, "csp_briefs_below_threshold_total", "")) + 1);
  }

  @Test
  void engineRestRequestsAreTaggedWithTheirRoute() {
    String taskId = java.util.UUID.randomUUID().toString();
    as("root").getForEntity("/engine-rest/task/" + taskId, String.class);
    as("root").getForEntity("/engine-rest/process-definition/key/sales-handoff", String.class);
    as("root").getForEntity("/engine-rest/engine/default/task/" + taskId, String.class);

    String text = scrape(token("metrics")).getBody();
    List<String> requests = text.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")).toList();
    assertThat(requests).anyMatch(l -> l.contains("uri=\"/engine-rest/task/{id}\""))
        .anyMatch(l -> l.contains("uri=\"/engine-rest/process-definition/key/{key}\""))
        .anyMatch(l -> l.contains("uri=\"/engine-rest/engine/{name}/task/{id}\""))
        .noneMatch(l -> l.contains(taskId))
        .noneMatch(l -> l.contains("uri=\"UNKNOWN\""));
  }

  private String token(String scope) {
    ResponseEntity<Map> created = as("root").postForEntity("/api/tokens",
        json(Map.of("name", scope + "-" + Long.toString(System.nanoTime(), 36), "scopes", List.of(scope))), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) created.getBody().get("secret");
  }

  private ResponseEntity<String> scrape(String token) {
    HttpHeaders headers = new HttpHeaders();
    if (token != null) {
      headers.setBearerAuth(token);
    }
    return http.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  private static String line(String text, String metric, String label) {
    return text.lines().filter(l -> l.startsWith(metric) && l.contains(label)).findFirst().orElse(null);
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
