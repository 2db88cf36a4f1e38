package io.csplaybooks.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** POST /api/handoffs on PostgreSQL: valid, invalid, duplicate, concurrent, unauthenticated. */
class HandoffApiTest extends IntegrationTest {

  static String newContractId() {
    return HandoffApiTestData.newContractId();
  }

  static Map<String, Object> deal(String contractId) {
    return HandoffApiTestData.deal(contractId);
  }

  @Autowired JdbcClient jdbc;

  @Test
  void closedContractStartsTheHandoffAndRecordsTheCustomer() {
    Map<String, Object> deal = deal(newContractId());

    ResponseEntity<Map> response = as("ada").postForEntity("/api/handoffs", deal, Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Map<?, ?> body = response.getBody();
    assertThat(body.get("contractId")).isEqualTo(deal.get("contractId"));
    assertThat(body.get("briefScore")).isEqualTo(100);
    assertThat(response.getHeaders().getLocation()).hasToString("/api/handoffs/" + deal.get("contractId"));
    String processInstanceId = (String) body.get("processInstanceId");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey((String) deal.get("contractId"))
        .singleResult().getId()).isEqualTo(processInstanceId);
    // The webhook's answer does not wait for the playbook: it waits at its start for the job executor.
    assertThat(management.createJobQuery().processInstanceId(processInstanceId).activityId("startContractClosed")
        .count()).isOne();
    continueHandoff(processInstanceId);

    Number accountId = (Number) body.get("accountId");
    Map<?, ?> account = as("carl").getForObject("/api/accounts/" + accountId, Map.class);
    assertThat(account.get("name")).isEqualTo("Globex Corporation");
    assertThat(account.get("segment")).isEqualTo("enterprise");
    assertThat(account.get("lifecycleStage")).isEqualTo("handoff");
    assertThat((List<?>) account.get("contracts")).hasSize(1);
    assertThat(((List<Map<String, Object>>) account.get("stakeholders")).stream().map(s -> s.get("role")))
        .containsExactly("champion", "executive-sponsor");
    // The handoff, and the renewal of the new contract term, waiting for its 120-days-before date.
    assertThat(((List<Map<String, Object>>) account.get("openPlaybooks")).stream().map(p -> p.get("playbook")))
        .containsExactlyInAnyOrder("sales-handoff", "renewal");
    assertThat(jdbc.sql("select count(*) from handoff_item where handoff_id = :id")
        .param("id", ((Number) body.get("handoffId")).longValue()).query(Long.class).single()).isEqualTo(7);
  }

  @Test
  void theSameContractTwiceStartsOnePlaybook() {
    Map<String, Object> deal = deal(newContractId());
    ResponseEntity<Map> first = as("ada").postForEntity("/api/handoffs", deal, Map.class);

    ResponseEntity<Map> again = as("ada").postForEntity("/api/handoffs", deal, Map.class);

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("handoffId")).isEqualTo(first.getBody().get("handoffId"));
    assertThat(again.getBody().get("processInstanceId")).isEqualTo(first.getBody().get("processInstanceId"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey((String) deal.get("contractId"))
        .count()).isOne();
  }

  @Test
  void aWebhookRetriedConcurrentlyStillStartsOnePlaybook() throws Exception {
    Map<String, Object> deal = deal(newContractId());
    ExecutorService clients = Executors.newFixedThreadPool(6);
    List<Callable<ResponseEntity<Map>>> deliveries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      deliveries.add(() -> as("ada").postForEntity("/api/handoffs", deal, Map.class));
    }
    List<HttpStatus> statuses = new ArrayList<>();
    for (Future<ResponseEntity<Map>> delivery : clients.invokeAll(deliveries)) {
      statuses.add((HttpStatus) delivery.get().getStatusCode());
    }
    clients.shutdown();

    assertThat(statuses).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
    assertThat(statuses).filteredOn(HttpStatus.CREATED::equals).hasSize(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey((String) deal.get("contractId"))
        .count()).isOne();
    assertThat(jdbc.sql("select count(*) from contract where contract_id = :id").param("id", deal.get("contractId"))
        .query(Long.class).single()).isOne();
  }

  @Test
  void badInputNamesEachFieldAndStartsNothing() {
    long accountsBefore = accounts();
    long playbooksBefore = runtime.createProcessInstanceQuery().processDefinitionKey("sales-handoff").count();

    Map<String, Object> empty = Map.of();
    assertThat(fields(post(empty))).containsExactly("contractId", "account", "arr", "contractStart", "contractEnd",
        "accountExecutive");

    Map<String, Object> wrong = deal(newContractId());
    wrong.put("arr", -1);
    wrong.put("contractEnd", wrong.get("contractStart"));
    wrong.put("account", Map.of("name", "Globex", "segment", "gold", "region", "Mars"));
    wrong.put("accountExecutive", "ed");
    wrong.put("stakeholders", List.of(Map.of("name", "Hank", "role", "friend", "email", "hank-at-globex")));
    ResponseEntity<Map> response = post(wrong);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(errors(response)).containsExactly(
        "account.segment: must be one of strategic, enterprise, mid-market, scaled",
        "account.region: must be one of AMER, EMEA, APAC",
        "arr: must not be negative",
        "contractEnd: must be after contractStart",
        "accountExecutive: user 'ed' is not in the sales team",
        "stakeholders[0].role: must be one of champion, executive-sponsor, admin, user",
        "stakeholders[0].email: must be an email address");

    // The account executive as CRMs name them: by email, unknown or outside sales.
    Map<String, Object> stranger = deal(newContractId());
    stranger.put("accountExecutive", "nobody@example.com");
    assertThat(errors(post(stranger))).containsExactly("accountExecutive: no user with id or email 'nobody@example.com'");
    stranger.put("accountExecutive", "ed@example.com");
    assertThat(errors(post(stranger))).containsExactly("accountExecutive: user 'ed' is not in the sales team");

    Map<String, Object> badDate = deal(newContractId());
    badDate.put("contractStart", "2026-02-30");
    assertThat(errors(post(badDate))).containsExactly("contractStart: must be a date (YYYY-MM-DD)");

    Map<String, Object> badNumber = deal(newContractId());
    badNumber.put("arr", "a lot");
    assertThat(errors(post(badNumber))).containsExactly("arr: must be a number");

    assertThat(errors(postRaw("{\"contractId\": \"C-1\", "))).singleElement().asString()
        .startsWith("body: is not well-formed JSON at line 1");
    // Well-formed, but a list where the deal belongs.
    assertThat(errors(postRaw("[1, 2]"))).containsExactly("body: must be an object");

    assertThat(accounts()).isEqualTo(accountsBefore);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("sales-handoff").count())
        .isEqualTo(playbooksBefore);
  }

  @Test
  void theApiNeedsAnAuthenticatedUserOfTheRightTeam() {
    Map<String, Object> deal = deal(newContractId());

    assertThat(http.postForEntity("/api/handoffs", deal, Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<Map> wrongPassword = http.withBasicAuth("ivy", "guess").postForEntity("/api/handoffs", deal, Map.class);
    assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // No Basic challenge: a browser never keeps the credentials for other pages to use.
    assertThat(wrongPassword.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();
    assertThat(http.getForEntity("/api/accounts", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(as("ed").postForEntity("/api/handoffs", deal, Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // Engineering sees the work it owns in Tasklist, not the accounts' ARR.
    assertThat(as("ed").getForEntity("/api/accounts", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> engineRest = as("ed").getForEntity("/engine-rest/task", String.class);
    assertThat(engineRest.getStatusCode()).as(engineRest.toString()).isEqualTo(HttpStatus.OK);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey((String) deal.get("contractId"))
        .count()).isZero();
  }

  @Test
  void unknownHandoffsAndAccountsAre404() {
    assertThat(as("carl").getForEntity("/api/handoffs/NOPE", Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(as("carl").getForEntity("/api/accounts/999999", Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(errors(as("carl").getForEntity("/api/accounts?lifecycleStage=gone", Map.class)))
        .singleElement().asString().startsWith("lifecycleStage: must be one of");
  }

  private ResponseEntity<Map> post(Map<String, Object> body) {
    return as("ada").postForEntity("/api/handoffs", body, Map.class);
  }

  private ResponseEntity<Map> postRaw(String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as("ada").postForEntity("/api/handoffs", new HttpEntity<>(json, headers), Map.class);
  }

  private long accounts() {
    return jdbc.sql("select count(*) from account").query(Long.class).single();
  }

  static List<String> errors(ResponseEntity<Map> response) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    return ((List<Map<String, String>>) response.getBody().get("errors")).stream()
        .map(e -> e.get("field") + ": " + e.get("reason")).toList();
  }

  static List<String> fields(ResponseEntity<Map> response) {
    return errors(response).stream().map(e -> e.substring(0, e.indexOf(':'))).toList();
  }
}
