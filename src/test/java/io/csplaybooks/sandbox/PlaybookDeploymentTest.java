package io.csplaybooks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.handoff.HandoffDeadlines;
import io.csplaybooks.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Deploying as the Modeler does (POST /engine-rest/deployment/create): validated, and only by CS managers. */
class PlaybookDeploymentTest extends IntegrationTest {

  @Autowired RepositoryService repository;
  @Autowired TaskService taskService;
  @Autowired HandoffDeadlines handoffDeadlines;

  @Test
  void aBrokenPlaybookFromTheModelerIsRefusedWithItsReasons() {
    String noDueDate = fixture("account-review.bpmn").replace(" camunda:dueDate=\"P2D\"", "")
        .replace("${checkMilestones}", "${checkMilestone}");

    ResponseEntity<Map> response = deploy("mia", noDueDate, true);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Map<String, Object> body = response.getBody();
    assertThat(body.get("type")).isEqualTo("ParseException");
    assertThat((String) body.get("message")).startsWith("The playbook was not deployed: ")
        .contains("account-review.bpmn: User task 'Review account' (reviewAccount) has no due date: set one so the"
            + " work is not forgotten")
        .contains("Service task 'Check milestones' (checkMilestones) calls ${checkMilestone}, but the application has"
            + " no step named 'checkMilestone'");
    Map<String, Map<String, List<Map<String, Object>>>> details = (Map) body.get("details");
    assertThat(details.get("account-review.bpmn").get("errors")).extracting(e -> e.get("mainElementId"))
        .containsExactlyInAnyOrder("checkMilestones", "reviewAccount");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("account-review").count()).isZero();
    assertThat(repository.createDeploymentQuery().deploymentName("account-review").count()).isZero();
  }

  @Test
  void aPlaybookWithoutItsFormIsRefused() {
    ResponseEntity<Map> response = deploy("mia", fixture("account-review.bpmn"), false);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains("User task 'Review account' (reviewAccount)"
        + " shows the form 'account-review', which is not in this deployment");
  }

  @Test
  void aValidPlaybookGoesThroughAndIsListedWithWhoDeployedIt() {
    ResponseEntity<Map> response = deploy("mia", fixture("account-review.bpmn"), true);

    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(((Map<?, ?>) response.getBody().get("deployedProcessDefinitions"))).hasSize(1);
    List<Map<String, Object>> playbooks = as("mia").getForObject("/api/playbooks", List.class);
    Map<String, Object> review = playbooks.stream().filter(p -> "account-review".equals(p.get("key"))).findFirst()
        .orElseThrow();
    assertThat(review.get("name")).isEqualTo("Account review");
    Map<String, Object> latest = ((List<Map<String, Object>>) review.get("versions")).get(0);
    assertThat(latest.get("version")).isEqualTo(review.get("latestVersion"));
    assertThat(latest.get("deployedBy")).isEqualTo("mia");
    assertThat(latest.get("source")).isEqualTo("Camunda Modeler");
    assertThat(latest.get("deployedAt")).isNotNull();
    assertThat(latest.get("runningInstances")).isEqualTo(0);
    // The application's own playbooks, deployed at start-up, passed the same validation.
    assertThat(playbooks).extracting(p -> p.get("key")).contains("sales-handoff", "onboarding");
  }

  @Test
  void onlyCsManagersDeployAndSeeThePlaybooks() {
    assertThat(deploy("ed", fixture("account-review.bpmn"), true).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deploy("carl", fixture("account-review.bpmn"), true).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("carl").getForEntity("/api/playbooks", Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/api/playbooks", Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void deploymentsFromCodeAreValidatedToo() {
    String badGroup = fixture("account-review.bpmn").replace("camunda:candidateGroups=\"cs\"",
        "camunda:candidateGroups=\"customer-success\"");

    assertThatThrownBy(() -> repository.createDeployment().name("account-review-code")
        .addString("account-review.bpmn", badGroup)
        .addString("account-review.form", fixture("account-review.form"))
        .deploy())
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("User task 'Review account' (reviewAccount) goes to the group 'customer-success',"
            + " which does not exist");
  }

  @Test
  void versionsDeployedBeforeTheDeadlinesWereRenamedStillRun() {
    String before = fixture("account-review.bpmn")
        .replace("camunda:candidateGroups=\"cs\" camunda:dueDate=\"P2D\"",
            "camunda:assignee=\"${handoffPlaybook.salesManager()}\" camunda:dueDate=\"${handoffPlaybook.briefDue()}\"");
    repository.createDeployment().name("account-review-before-rename")
        .addString("account-review.bpmn", before)
        .addString("account-review.form", fixture("account-review.form"))
        .deploy();

    String instance = runtime.startProcessInstanceByKey("account-review").getId();

    Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(task.getAssignee()).isEqualTo("sam");
    assertThat(task.getDueDate()).isCloseTo(handoffDeadlines.briefDue(), 60_000);
  }

  private ResponseEntity<Map> deploy(String user, String bpmn, boolean withForm) {
    return deployAs(user, "account-review", withForm
        ? Map.of("account-review.bpmn", bpmn, "account-review.form", fixture("account-review.form"))
        : Map.of("account-review.bpmn", bpmn));
  }

  static String fixture(String name) {
    return PlaybookValidatorTest.fixture(name);
  }
}
