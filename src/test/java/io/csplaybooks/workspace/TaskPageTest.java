package io.csplaybooks.workspace;

import static io.csplaybooks.handoff.HandoffApiTestData.deal;
import static io.csplaybooks.handoff.HandoffApiTestData.newContractId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workspace's task page over HTTP, as its script sends the form: who may see and work a task
 * (the engine's authorization, as the person), the form's fields and nothing else, the session's
 * token, refusals on their fields in the person's language, and the brief's gaps said before it goes
 * back to sales.
 */
class TaskPageTest extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  WorkspaceClient loggedIn(String user) {
    WorkspaceClient client = new WorkspaceClient(port);
    assertThat(client.login(user, PASSWORD).statusCode()).as("login of " + user).isEqualTo(302);
    return client;
  }

  /** Completes the task as the page's script does: JSON, with the page's token in the header. */
  static HttpResponse<String> complete(WorkspaceClient browser, String taskId, Map<String, Object> values, boolean asItIs)
      throws Exception {
    String token = browser.csrfOf("/tasks/" + taskId);
    return browser.json("POST", "/tasks/" + taskId + "/complete",
        JSON.writeValueAsString(Map.of("values", values, "asItIs", asItIs)), Map.of("X-CSRF-TOKEN", token));
  }

  @Test
  void theCsmWorksTheirKickoffAndNobodyElseSeesIt() throws Exception {
    Map<?, ?> created = handOff(deal(newContractId()));
    Task kickoff = kickoffWaiting(created);
    String csm = kickoff.getAssignee();
    String other = csm.equals("carl") ? "cleo" : "carl";
    long accountId = ((Number) created.get("accountId")).longValue();

    WorkspaceClient owner = loggedIn(csm);
    HttpResponse<String> page = owner.get("/tasks/" + kickoff.getId());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Hold kickoff", "Sales-to-CS handoff", "Globex Corporation", "120,000",
        "data-schema=", "kickoffHeldOn", "/workspace/static/form-viewer.js", "id=\"complete\"");
    assertThat(owner.get("/my-book").body()).as("My book links to the task page")
        .contains("href=\"/tasks/" + kickoff.getId() + "\"");
    assertThat(owner.get("/accounts/" + accountId).body()).as("so does the account page")
        .contains("href=\"/tasks/" + kickoff.getId() + "\"");

    // Another CSM and engineering: the engine does not show them the task, so neither does the page.
    for (String stranger : List.of(other, "ed")) {
      WorkspaceClient browser = loggedIn(stranger);
      assertThat(browser.get("/tasks/" + kickoff.getId()).statusCode()).as(stranger).isEqualTo(404);
      HttpResponse<String> forged = browser.json("POST", "/tasks/" + kickoff.getId() + "/complete",
          JSON.writeValueAsString(Map.of("values", Map.of("kickoffHeldOn", LocalDate.now().toString()), "asItIs", true)),
          Map.of("X-CSRF-TOKEN", browser.csrfOf("/tasks/" + kickoff.getId())));
      assertThat(forged.statusCode()).as(stranger + " completing it").isIn(403, 404);
    }
    assertThat(tasks.createTaskQuery().taskId(kickoff.getId()).count()).as("still open").isOne();

    // Without the session's token: refused before anything is read.
    HttpResponse<String> noToken = owner.json("POST", "/tasks/" + kickoff.getId() + "/complete",
        JSON.writeValueAsString(Map.of("values", Map.of("kickoffHeldOn", LocalDate.now().toString()))), Map.of());
    assertThat(noToken.statusCode()).isEqualTo(403);

    // A variable the form does not have is refused by name, and nothing is written.
    Map<String, Object> forged = new HashMap<>();
    forged.put("kickoffHeldOn", LocalDate.now().toString());
    forged.put("kickoffNotes", "Went through the brief");
    forged.put("accountId", 1);
    HttpResponse<String> refused = complete(owner, kickoff.getId(), forged, false);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(fields(refused)).containsEntry("accountId", "Not a field of this form.");
    assertThat(tasks.createTaskQuery().taskId(kickoff.getId()).count()).isOne();
    assertThat(runtime.getVariable(kickoff.getProcessInstanceId(), "accountId")).isEqualTo(accountId);

    // More than any form sends is refused unread; so is what is not the page's JSON.
    String token = owner.csrfOf("/tasks/" + kickoff.getId());
    HttpResponse<String> huge = owner.json("POST", "/tasks/" + kickoff.getId() + "/complete",
        "{\"values\": {\"kickoffNotes\": \"" + "x".repeat(TaskPage.MAX_BODY_BYTES) + "\"}}", Map.of("X-CSRF-TOKEN", token));
    assertThat(huge.statusCode()).isEqualTo(400);
    assertThat(owner.json("POST", "/tasks/" + kickoff.getId() + "/complete", "{\"values\": [", Map.of("X-CSRF-TOKEN", token))
        .statusCode()).isEqualTo(400);
    assertThat(tasks.createTaskQuery().taskId(kickoff.getId()).count()).isOne();

    // The playbook's own refusal, on its field, in the person's language.
    HttpResponse<String> future = complete(owner.language("ko-KR,ko;q=0.9"), kickoff.getId(),
        Map.of("kickoffHeldOn", LocalDate.now().plusDays(3).toString(), "kickoffNotes", "x"), false);
    assertThat(future.statusCode()).as(future.body()).isEqualTo(400);
    assertThat(fields(future)).containsEntry("kickoffHeldOn", "미래 날짜일 수 없습니다.");
    assertThat(tasks.createTaskQuery().taskId(kickoff.getId()).count()).isOne();

    HttpResponse<String> done = complete(owner.language("en-US"), kickoff.getId(),
        Map.of("kickoffHeldOn", LocalDate.now().toString(), "kickoffNotes", "Went through the brief"), false);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(JSON.readTree(done.body()).path("next").asText()).isEqualTo("/accounts/" + accountId);
    HistoricTaskInstance finished = history.createHistoricTaskInstanceQuery().taskId(kickoff.getId()).singleResult();
    assertThat(finished.getEndTime()).isNotNull();
    assertThat(finished.getAssignee()).isEqualTo(csm);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(kickoff.getProcessInstanceId())
        .variableName("kickoffNotes").singleResult().getValue()).isEqualTo("Went through the brief");
  }

  @Test
  void anIncompleteBriefSaysWhatIsMissingBeforeItGoesBackToSales() throws Exception {
    Map<String, Object> deal = deal(newContractId());
    deal.remove("successCriteria");
    deal.put("stakeholders", List.of(Map.of("name", "Hank Scorpio", "role", "champion", "email", "hank@globex.example")));
    Map<?, ?> created = handOff(deal);
    String instance = (String) created.get("processInstanceId");
    Task brief = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("completeHandoffBrief")
        .singleResult();
    assertThat(brief.getAssignee()).isEqualTo("ada");

    WorkspaceClient ada = loggedIn("ada").language("ko-KR,ko;q=0.9");
    HttpResponse<String> page = ada.get("/tasks/" + brief.getId());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("인계 브리프 완성", "챔피언 이메일", "약속한 항목", "새로 추가");
    assertThat(loggedIn("carl").get("/tasks/" + brief.getId()).statusCode()).as("not the CS team's").isEqualTo(404);

    Map<String, Object> values = new HashMap<>();
    values.put("businessGoals", "Cut support costs by 15%");
    values.put("useCases", "Ticket deflection");
    values.put("technicalRequirements", "SSO with Okta");
    values.put("knownRisks", "Champion is new in role");
    values.put("championName", "Hank Scorpio");
    values.put("championEmail", "hank@globex.example");
    values.put("sponsorName", "Mindy Simmons");
    values.put("sponsorEmail", "mindy-at-globex");
    values.put("promisedItems", List.of(Map.of("description", "Data import", "dueDate", "next week")));
    values.put("promisedItemsRows", 1);
    HttpResponse<String> wrong = complete(ada, brief.getId(), values, false);
    assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
    assertThat(fields(wrong)).containsEntry("sponsorEmail", "이메일 주소가 아닙니다. 예: name@example.com")
        .containsEntry("promisedItems[0].dueDate", "날짜가 아닙니다.");

    values.put("sponsorEmail", "");
    values.put("sponsorName", "");
    values.put("promisedItems", List.of(Map.of("description", "Data import", "dueDate", "2027-03-31")));
    HttpResponse<String> missing = complete(ada, brief.getId(), values, false);
    assertThat(missing.statusCode()).as(missing.body()).isEqualTo(409);
    assertThat(fields(missing)).containsOnlyKeys("successCriteria", "sponsorName")
        .containsEntry("successCriteria", "브리프를 완성하려면 필요합니다.");
    assertThat(JSON.readTree(missing.body()).path("message").asText()).contains("새 작업으로 돌아옵니다");
    assertThat(tasks.createTaskQuery().taskId(brief.getId()).count()).as("nothing sent").isOne();

    HttpResponse<String> asItIs = complete(ada, brief.getId(), values, true);
    assertThat(asItIs.statusCode()).as(asItIs.body()).isEqualTo(200);
    runJobs(instance);
    Task again = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("completeHandoffBrief")
        .singleResult();
    assertThat(again).as("back to sales, as they were told").isNotNull();
    assertThat(again.getId()).isNotEqualTo(brief.getId());
    assertThat(runtime.getVariable(instance, "briefMissing")).asString().contains("success criteria", "executive sponsor");
  }

  @Test
  void aTeamsTaskIsClaimedBeforeItIsCompleted() throws Exception {
    Map<String, Object> deal = deal(newContractId());
    deal.put("account", Map.of("name", "Review Me Inc", "segment", "strategic", "region", "EMEA"));
    Map<?, ?> created = handOff(deal);
    String instance = (String) created.get("processInstanceId");
    runPlaybooksAround(instance);
    Task review = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("reviewCsmAssignment")
        .singleResult();
    assertThat(review).as("the assign-csm table asks for a review of a strategic account").isNotNull();
    assertThat(review.getAssignee()).isNull();

    WorkspaceClient mia = loggedIn("mia");
    assertThat(mia.get("/tasks/" + review.getId()).body()).contains("id=\"claim\"", "cs-managers");
    HttpResponse<String> early = complete(mia, review.getId(), Map.of("csmId", "cleo"), false);
    assertThat(early.statusCode()).isEqualTo(403);
    assertThat(loggedIn("carl").get("/tasks/" + review.getId()).statusCode()).isEqualTo(404);

    HttpResponse<String> claimed = mia.post("/tasks/" + review.getId() + "/claim",
        Map.of("_csrf", mia.csrfOf("/tasks/" + review.getId())));
    assertThat(claimed.statusCode()).isEqualTo(302);
    assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isEqualTo("mia");
    assertThat(complete(mia, review.getId(), Map.of("csmId", "cleo"), false).statusCode()).isEqualTo(200);
  }

  private static Map<String, String> fields(HttpResponse<String> response) throws Exception {
    Map<String, String> fields = new HashMap<>();
    for (JsonNode f : JSON.readTree(response.body()).path("fields")) {
      fields.put(f.path("field").asText(), f.path("message").asText());
    }
    return fields;
  }
}
