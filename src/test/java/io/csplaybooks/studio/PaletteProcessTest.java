package io.csplaybooks.studio;

import static io.csplaybooks.support.ProcessTests.completeAndContinue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.csplaybooks.common.BusinessCalendar;
import io.csplaybooks.playbook.TaskDeadlines;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.PlaybookTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tasks made from the palette's templates run as their properties say: a task for the account's CSM
 * goes to the CSM, due in the business days typed into the template (counted on the business calendar,
 * through the task's own input parameter), with the chosen form; a task for the renewal owner goes to
 * the CS managers when no renewal runs; a team's task is the team's to claim.
 */
class PaletteProcessTest {

  @RegisterExtension
  static PlaybookTest engine = new PlaybookTest();

  static final ZoneId ZONE = ZoneId.systemDefault();
  static final Instant MONDAY = LocalDate.of(2027, 3, 1).atTime(9, 0).atZone(ZONE).toInstant();

  /** The account's facts as the application's AccountFacts gives them. */
  public static final class Facts {
    public String csm(Object accountId) {
      return Long.valueOf(42).equals(accountId) ? "carl" : null;
    }

    public String accountExecutive(Object accountId) {
      return null;
    }
  }

  /** No renewal runs for the account. */
  public static final class NoRenewal {
    public String owner(Object accountId) {
      return null;
    }
  }

  @BeforeEach
  void setUp() {
    engine.clockAt(MONDAY);
    Mocks.register("taskDeadlines", new TaskDeadlines(new BusinessCalendar(ZONE)));
    Mocks.register("accountFacts", new Facts());
    Mocks.register("renewalFacts", new NoRenewal());
  }

  @Test
  void tasksMadeFromThePaletteGoToTheirPeopleDueInTheirBusinessDays() throws IOException {
    Map<String, JsonNode> templates = ElementTemplatesTest.byId(
        ElementTemplatesTest.templates(List.of(), List.of()).generated());
    BpmnModelInstance model = Bpmn.createExecutableProcess("palette-run").name("Palette run")
        .camundaHistoryTimeToLive(180)
        .startEvent("started").name("Started")
        .userTask("callCustomer").name("Call the customer")
        .userTask("confirmRenewal").name("Confirm the renewal")
        .userTask("updateDeal").name("Update the deal")
        .endEvent("done").name("Done")
        .done();
    ElementTemplatesTest.apply(model, "callCustomer", templates.get("io.csplaybooks.task.csm"));
    ElementTemplatesTest.apply(model, "confirmRenewal", templates.get("io.csplaybooks.task.renewal-owner"));
    ElementTemplatesTest.apply(model, "updateDeal", templates.get("io.csplaybooks.task.sales"));
    // What a CS manager types: 3 business days for the call.
    ((BaseElement) model.getModelElementById("callCustomer")).getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).singleResult()
        .getCamundaInputParameters().iterator().next().setTextContent("3");
    engine.getProcessEngine().getRepositoryService().createDeployment()
        .addModelInstance("palette-run.bpmn", model)
        .addInputStream("do-one-off-task.form", Files.newInputStream(Path.of("forms", "do-one-off-task.form")))
        .deploy();

    ProcessInstance run = engine.getProcessEngine().getRuntimeService()
        .startProcessInstanceByKey("palette-run", "42", Map.of("accountId", 42L));

    Task call = task("callCustomer", run);
    assertThat(call.getAssignee()).isEqualTo("carl");
    assertThat(groups(call)).containsExactly(Groups.CS);
    // Monday plus 3 business days.
    assertThat(call.getDueDate()).isEqualTo(Date.from(LocalDate.of(2027, 3, 4).atTime(9, 0).atZone(ZONE).toInstant()));
    assertThat(engine.getProcessEngine().getFormService().getDeployedTaskForm(call.getId())).isNotNull();
    completeAndContinue(call);

    Task confirm = task("confirmRenewal", run);
    assertThat(confirm.getAssignee()).isNull();
    assertThat(groups(confirm)).containsExactly(Groups.CS_MANAGERS);
    // The template's 5 business days: Monday to the next Monday.
    assertThat(confirm.getDueDate()).isEqualTo(Date.from(LocalDate.of(2027, 3, 8).atTime(9, 0).atZone(ZONE).toInstant()));
    completeAndContinue(confirm);

    Task update = task("updateDeal", run);
    assertThat(update.getAssignee()).isNull();
    assertThat(groups(update)).containsExactly(Groups.SALES);
    completeAndContinue(update);

    BpmnAwareTests.assertThat(run).isEnded().hasPassedInOrder("callCustomer", "confirmRenewal", "updateDeal", "done");
  }

  static List<String> groups(Task task) {
    return engine.getProcessEngine().getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType())).map(IdentityLink::getGroupId).toList();
  }
}
