package io.csplaybooks.studio;

import static io.csplaybooks.handoff.HandoffApiTestData.deal;
import static io.csplaybooks.handoff.HandoffApiTestData.newContractId;
import static io.csplaybooks.studio.StudioPagesTest.drop;
import static io.csplaybooks.studio.StudioPagesTest.files;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * The palette over HTTP: {@code GET /studio/element-templates.json} is the CS managers' (a CSM is
 * refused, a stranger sent to the login page) and holds at least the committed templates; the check
 * of a dropped playbook explains, in the person's language, a task made without a template, and still
 * lets the playbook deploy.
 */
class StudioElementTemplatesTest extends IntegrationTest {

  @LocalServerPort int port;

  WorkspaceClient loggedIn(String user) {
    WorkspaceClient client = new WorkspaceClient(port);
    assertThat(client.login(user, PASSWORD).statusCode()).as("login of " + user).isEqualTo(302);
    return client;
  }

  @Test
  void thePaletteIsTheCsManagersAndHoldsTheCommittedTemplates() throws Exception {
    HttpResponse<String> stranger = new WorkspaceClient(port).getJson("/studio/element-templates.json");
    assertThat(stranger.statusCode()).isEqualTo(302);
    assertThat(stranger.headers().firstValue("Location").orElseThrow()).contains("/login?next=");
    assertThat(loggedIn("carl").getJson("/studio/element-templates.json").statusCode()).as("a CSM").isEqualTo(403);
    assertThat(loggedIn("ada").getJson("/studio/element-templates.json").statusCode()).as("sales").isEqualTo(403);

    HttpResponse<String> palette = loggedIn("mia").getJson("/studio/element-templates.json");

    assertThat(palette.statusCode()).isEqualTo(200);
    assertThat(palette.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    ObjectMapper json = new ObjectMapper();
    Set<String> served = new LinkedHashSet<>();
    json.readTree(palette.body()).forEach(template -> served.add(template.path("id").asText()));
    Set<String> committed = new LinkedHashSet<>();
    for (JsonNode template : json.readTree(Files.readString(Path.of(ElementTemplates.COMMITTED)))) {
      committed.add(template.path("id").asText());
    }
    assertThat(served).containsAll(committed).contains("io.csplaybooks.task.csm", "io.csplaybooks.step.scoreRenewalRisk",
        "io.csplaybooks.start.HealthTurnedRed");

    // In the person's language: the same templates, their words in Korean.
    HttpResponse<String> korean = loggedIn("mia").language("ko").getJson("/studio/element-templates.json");
    assertThat(korean.statusCode()).isEqualTo(200);
    Set<String> koreanIds = new LinkedHashSet<>();
    json.readTree(korean.body()).forEach(template -> koreanIds.add(template.path("id").asText()));
    assertThat(koreanIds).isEqualTo(served);
    assertThat(korean.body()).contains("\"name\": \"고객사 CSM의 작업\"", "\"name\": \"갱신 위험 점수 계산\"");
  }

  @Test
  void theCheckExplainsATaskMadeWithoutATemplateAndStillDeploysIt() {
    String key = "studio-notes";
    WorkspaceClient browser = loggedIn("mia");

    HttpResponse<String> checked = drop(browser, files(key, "account-check-v1.bpmn", "account-check.form"));

    assertThat(checked.statusCode()).isEqualTo(200);
    assertThat(checked.body()).contains("id=\"clean\"", "id=\"deploy\"", "id=\"template-notes\"",
        "data-note-element=\"reviewAccount\"",
        "User task &#39;Review account&#39; (reviewAccount) was made without a template of the palette: the template"
            + " &#39;Task for the CS team (CSMs)&#39; fits it.",
        "href=\"/studio/element-templates.json\"");

    HttpResponse<String> korean = browser.language("ko").get(checked.uri().getPath());
    assertThat(korean.body()).contains("팔레트 없이 만든 작업",
        "User task &#39;Review account&#39; (reviewAccount)은(는) 팔레트의 템플릿 없이 만들어졌습니다."
            + " &#39;Task for the CS team (CSMs)&#39; 템플릿이 맞습니다.");
  }

  @Autowired ElementTemplates palette;

  /**
   * A playbook made of the palette alone, checked and deployed through the studio, runs on the real
   * engine and its sandbox: the task goes to the account's CSM, due in the template's 5 business days, with
   * the form chosen, and its CSM completes it.
   */
  @Test
  void aPlaybookMadeFromThePaletteDeploysAndRunsForTheAccount() {
    Map<?, ?> created = handOff(deal(newContractId()));
    String csm = kickoffWaiting(created).getAssignee();
    long accountId = ((Number) created.get("accountId")).longValue();
    String key = "studio-palette-run";
    Map<String, JsonNode> templates = ElementTemplatesTest.byId(palette.generated());
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).name("Call after the kickoff")
        .camundaHistoryTimeToLive(180)
        .startEvent("started").name("Started by hand")
        .userTask("callCustomer").name("Call the customer")
        .endEvent("called").name("Called")
        .done();
    ElementTemplatesTest.apply(model, "callCustomer", templates.get("io.csplaybooks.task.csm"));
    WorkspaceClient browser = loggedIn("mia");

    HttpResponse<String> checked = drop(browser, Map.of(key + ".bpmn",
        Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8)));
    assertThat(checked.body()).contains("id=\"clean\"", "data-form=\"do-one-off-task\" data-found=\"DEPLOYED\"")
        .doesNotContain("id=\"template-notes\"");
    assertThat(browser.post("/studio/check/" + StudioPagesTest.draftOf(checked) + "/deploy",
        Map.of("_csrf", WorkspaceClient.csrf(checked.body()))).body()).contains("data-key=\"" + key + "\"");

    String instance = runtime.startProcessInstanceByKey(key, String.valueOf(accountId), Map.of("accountId", accountId))
        .getId();
    Task call = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(call.getAssignee()).isEqualTo(csm);
    assertThat(BusinessCalendar.system().day(call.getDueDate()))
        .isEqualTo(BusinessCalendar.system().day(BusinessCalendar.system().businessDaysFromNow(5)));
    assertThat(submitTask(csm, call, Map.of("taskNotes", "Called them")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    runJobs(instance);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
  }
}
