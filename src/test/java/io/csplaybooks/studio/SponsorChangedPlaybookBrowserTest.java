package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.NewAccount;
import io.csplaybooks.account.Segment;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.support.Browser;
import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole journey in a real browser (Debian's Chromium), with nothing but the studio: maria
 * (mia in the tests) declares the trigger "Executive sponsor changed", builds a playbook that starts on
 * it from the studio's own palette (the application's element templates as it serves them): a task
 * for the account's CSM with a form, a deadline on it that escalates to the CS managers, an end for
 * each way; she checks and deploys it. A contract names a new sponsor for an account: the trigger
 * fires, and the account's CSM gets the task; when the deadline passes, the CS managers get theirs.
 * She then changes the playbook in the editor (the CSM's task renamed, the deadline longer), deploys
 * it as version 2 and moves the running account onto it. No page breaks its Content Security Policy.
 * Screenshots in target/screenshots/SponsorChangedPlaybookBrowserTest/.
 */
class SponsorChangedPlaybookBrowserTest extends IntegrationTest {

  @RegisterExtension final Browser browser = Browser.inEnglish();

  @Autowired Accounts accounts;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;

  @Test
  void mariaBuildsTheSponsorChangedPlaybookInTheStudioAndItRunsForAnAccount() {
    String run = Long.toString(System.nanoTime() % 1_000_000);
    String trigger = "Executive sponsor changed " + run;
    String event = "ExecutiveSponsorChanged" + run;
    String key = "executive-sponsor-changed-" + run;

    // 1. The trigger, in words.
    browser.loginToWorkspace("mia", PASSWORD, "/studio/triggers/new");
    browser.type(By.id("name"), trigger);
    browser.type(By.id("message"), event);
    new Select(browser.visible(By.id("kind0"))).selectByValue("stakeholder-changed");
    new Select(browser.visible(By.id("role0"))).selectByValue("executive-sponsor");
    browser.screenshot("1-trigger");
    browser.click(By.id("save"));
    browser.waiting().until(d -> browser.currentPath().startsWith("/studio/triggers?declared="));

    // 2. A new playbook that starts when the trigger fires.
    browser.open("/studio/editor");
    browser.type(By.id("blank-key"), key);
    browser.type(By.id("blank-name"), "Executive sponsor changed");
    new Select(browser.visible(By.id("blank-start"))).selectByValue(event);
    browser.click(By.id("open-blank"));
    ready();
    assertThat(label("startedByTrigger")).isEqualTo(trigger);

    // The palette is the application's: tasks by who does them, its steps, waits, starts.
    List<String> groups = browser.driver().findElements(By.cssSelector("#step-list .step-group")).stream()
        .map(WebElement::getText).toList();
    assertThat(groups).containsSubsequence("Tasks for people", "Steps the application does", "Waiting for time",
        "How it starts");
    assertThat(stepNames()).contains("Task for the account's CSM", "Task for the CS managers", "Score renewal risk",
        "Deadline on the selected task", "Starts on: " + trigger);

    // A task for the account's CSM after the start, in words.
    element("startedByTrigger").click();
    step("io.csplaybooks.task.csm");
    // Appended, it is selected (a click now would land in its name's editing box).
    assertThat(selectedIds()).containsExactly(onlyNew("bpmn:UserTask", List.of()));
    type("Task name", "Meet the new sponsor");
    waitForElement("meetTheNewSponsor");
    type("Due in business days", "3");
    choose("Form", "Engage the executive sponsor (engage-executive-sponsor)");
    browser.screenshot("2-csm-task");
    appendEnd("Sponsor met");

    // A deadline on it: two business days, and the task stays open; then the CS managers' task.
    element("meetTheNewSponsor").click();
    step("io.csplaybooks.editor.deadline");
    String deadline = onlyNew("bpmn:BoundaryEvent", List.of());
    WebElement panel = browser.visible(By.id("properties"));
    browser.waiting().until(d -> panel.getText().contains("Waits for"));
    assertThat(panel.getText()).doesNotContain("Timer").doesNotContain("Duration");
    choose("Waits", "Business days (weekends do not count)");
    type("How many", "2");
    assertThat(selected("When the time is up, the task")).isEqualTo("stays open, and the playbook also goes this way");
    type("Name", "Not met in two business days");
    waitForElement("notMetInTwoBusinessDays");
    browser.screenshot("3-deadline");
    step("io.csplaybooks.task.cs-managers");
    assertThat(selectedIds()).containsExactly(onlyNew("bpmn:UserTask", List.of("meetTheNewSponsor")));
    type("Task name", "Step in on the sponsor change");
    waitForElement("stepInOnTheSponsorChange");
    type("Due in business days", "1");
    appendEnd("Escalated");
    assertThat(browser.cspViolations()).as("CSP violations on the editor").isEmpty();
    browser.screenshot("4-designed");
    assertThat(deadline).isNotBlank();

    // 3. Saved, checked, deployed.
    browser.click(By.id("save"));
    browser.visible(By.id("editor-status"), "Saved as version 1");
    WebElement check = browser.visible(By.id("check-draft"));
    check.click();
    browser.replaced(check);
    browser.visible(By.id("clean"));
    browser.screenshot("5-checked-clean");
    browser.click(By.id("deploy"));
    browser.visible(By.cssSelector("#definitions li[data-key='" + key + "'][data-version='1']"));
    assertThat(browser.cspViolations()).as("CSP violations on the check page").isEmpty();

    String v1 = repository.createProcessDefinitionQuery().processDefinitionKey(key).singleResult().getId();
    BpmnModelInstance model = repository.getBpmnModelInstance(v1);
    UserTask meet = model.getModelElementById("meetTheNewSponsor");
    assertThat(meet.getCamundaAssignee()).isEqualTo("${accountFacts.csm(accountId)}");
    assertThat(meet.getCamundaFormRef()).isEqualTo("engage-executive-sponsor");
    BoundaryEvent notMet = model.getModelElementById("notMetInTwoBusinessDays");
    assertThat(notMet.cancelActivity()).isFalse();
    assertThat(notMet.getEventDefinitions().iterator().next()).isInstanceOfSatisfying(TimerEventDefinition.class,
        timer -> assertThat(timer.getTimeDate().getTextContent()).isEqualTo("${taskDeadlines.inBusinessDays(2)}"));
    assertThat(model.<UserTask>getModelElementById("stepInOnTheSponsorChange").getCamundaCandidateGroups())
        .isEqualTo("cs-managers");

    // 4. A contract names a new executive sponsor: the trigger fires, the account's CSM gets the task.
    long account = accounts.insert(new NewAccount("SPC-" + UUID.randomUUID(), "Sponsor Change Co " + run, Segment.ENTERPRISE,
        "EMEA", new BigDecimal("120000"), "EUR", "ada"), "test");
    accounts.assignCsm(account, "carl");
    long sponsor = accounts.insertStakeholder(new Stakeholder(null, account, "Ines Sponsor",
        StakeholderRole.EXECUTIVE_SPONSOR, "ines@example.com"));
    accounts.changeStakeholderRole(new Stakeholder(sponsor, account, "Ines Sponsor", StakeholderRole.EXECUTIVE_SPONSOR,
        "ines@example.com"), StakeholderRole.USER, "left for another company", "crm");
    ProcessInstance started = runtime.createProcessInstanceQuery().processDefinitionKey(key)
        .variableValueEquals("accountId", account).singleResult();
    assertThat(started).as("the playbook started by the trigger").isNotNull();
    // The job executor is off in the tests: its jobs run here (the async boundary after the start).
    runJobs(started.getId());
    Task carls = tasks.createTaskQuery().processInstanceId(started.getId()).taskDefinitionKey("meetTheNewSponsor")
        .singleResult();
    assertThat(carls.getAssignee()).isEqualTo("carl");
    assertThat(carls.getName()).isEqualTo("Meet the new sponsor");
    ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(carls.getProcessInstanceId())
        .singleResult();
    assertThat(running.getProcessDefinitionId()).isEqualTo(v1);

    // 5. Version 2 in the editor: the CSM's task renamed, three business days before the managers step in.
    browser.open("/studio/editor");
    new Select(browser.visible(By.id("playbook"))).selectByValue(key);
    browser.click(By.id("open-playbook"));
    ready();
    element("meetTheNewSponsor").click();
    type("Task name", "Meet the new executive sponsor");
    element("notMetInTwoBusinessDays").click();
    type("How many", "3");
    browser.click(By.id("save"));
    // Her draft of this playbook, its second version.
    browser.visible(By.id("editor-status"), "Saved as version 2");
    check = browser.visible(By.id("check-draft"));
    check.click();
    browser.replaced(check);
    browser.visible(By.id("clean"));
    browser.click(By.id("deploy"));
    browser.visible(By.cssSelector("#definitions li[data-key='" + key + "'][data-version='2']"));
    browser.screenshot("6-version-2");

    // 6. The running account moves onto version 2, its CSM's task with it.
    browser.click(By.cssSelector("#definitions li[data-key='" + key + "'] a.migrate"));
    assertThat(browser.visible(By.id("migratable")).getText()).isEqualTo("1");
    browser.screenshot("7-migration-plan");
    browser.click(By.id("confirm"));
    assertThat(browser.visible(By.id("migrated")).getText()).isEqualTo("1");
    assertThat(browser.cspViolations()).as("CSP violations on the migration page").isEmpty();
    String v2 = repository.createProcessDefinitionQuery().processDefinitionKey(key).processDefinitionVersion(2)
        .singleResult().getId();
    BpmnModelInstance second = repository.getBpmnModelInstance(v2);
    assertThat(second.<UserTask>getModelElementById("meetTheNewSponsor").getName()).isEqualTo("Meet the new executive sponsor");
    assertThat(second.<BoundaryEvent>getModelElementById("notMetInTwoBusinessDays").getEventDefinitions().iterator().next())
        .isInstanceOfSatisfying(TimerEventDefinition.class, timer ->
            assertThat(timer.getTimeDate().getTextContent()).isEqualTo("${taskDeadlines.inBusinessDays(3)}"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(running.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(v2);
    Task moved = tasks.createTaskQuery().taskId(carls.getId()).singleResult();
    assertThat(moved.getAssignee()).isEqualTo("carl");
    assertThat(moved.getProcessDefinitionId()).isEqualTo(v2);

    // 7. The deadline passes (its timer run now): the CS managers get their task; carl's stays open.
    Job timer = management.createJobQuery().processInstanceId(running.getId()).timers().singleResult();
    assertThat(timer).isNotNull();
    management.executeJob(timer.getId());
    runJobs(running.getId());
    Task managers = tasks.createTaskQuery().processInstanceId(running.getId())
        .taskDefinitionKey("stepInOnTheSponsorChange").singleResult();
    assertThat(tasks.getIdentityLinksForTask(managers.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo("cs-managers"));
    assertThat(tasks.createTaskQuery().taskId(carls.getId()).singleResult()).isNotNull();
  }

  private void ready() {
    browser.waiting().withMessage("the editor ready").until(d -> {
      String state = d.findElement(By.id("editor")).getAttribute("data-state");
      if ("failed".equals(state)) {
        throw new AssertionError("the editor could not open the playbook");
      }
      return "ready".equals(state) && !d.findElements(By.cssSelector("#step-list button.step")).isEmpty();
    });
    browser.script("window.__editor = document.getElementById('editor').modeler;");
  }

  @SuppressWarnings("unchecked")
  private List<String> selectedIds() {
    return (List<String>) browser.script("return window.__editor.get('selection').get().map((e) => e.id)");
  }

  private WebElement element(String id) {
    return browser.visible(By.cssSelector("g.djs-element[data-element-id='" + id + "'] .djs-hit"));
  }

  private String label(String id) {
    return (String) browser.script("return window.__editor.get('elementRegistry').get(arguments[0]).businessObject.name", id);
  }

  private List<String> stepNames() {
    return browser.driver().findElements(By.cssSelector("#step-list button.step")).stream().map(WebElement::getText).toList();
  }

  private void step(String id) {
    browser.click(By.cssSelector("#step-list button.step[data-template='" + id + "']"));
  }

  private void waitForElement(String id) {
    browser.waiting().withMessage("the element " + id).until(d ->
        browser.script("return window.__editor.get('elementRegistry').get(arguments[0]) ? true : null", id));
  }

  /** The one element of the type whose id is not among those given (the one just made). */
  @SuppressWarnings("unchecked")
  private String onlyNew(String type, List<String> before) {
    return browser.waiting().withMessage("a new " + type).until(d -> {
      List<String> ids = (List<String>) browser.script("""
          return window.__editor.get('elementRegistry').filter((e) => e.type === arguments[0] && !e.labelTarget)
              .map((e) => e.id);""", type);
      List<String> fresh = ids.stream().filter(id -> !before.contains(id)).toList();
      return fresh.size() == 1 ? fresh.get(0) : null;
    });
  }

  /** An end event after the selected element, from its context pad, named. */
  private void appendEnd(String name) {
    String ends = "return window.__editor.get('elementRegistry').filter((e) => e.type === 'bpmn:EndEvent').length";
    long before = (Long) browser.script(ends);
    // The pad is drawn again when a field's change lands (debounced): a click on the old one is lost.
    browser.waiting().withMessage("an end event appended").until(d -> {
      if ((Long) browser.script(ends) == before) {
        d.findElement(By.cssSelector(".djs-context-pad [data-action='append.end-event']")).click();
      }
      return (Long) browser.script(ends) == before + 1;
    });
    assertThat(selectedIds()).hasSize(1);
    assertThat((String) browser.script("return window.__editor.get('selection').get()[0].type")).isEqualTo("bpmn:EndEvent");
    type("Name", name);
  }

  private WebElement field(String label) {
    return browser.waiting().withMessage("the field " + label).until(d -> d.findElements(By.cssSelector("#properties label"))
        .stream().filter(l -> l.getText().trim().equals(label)).findFirst()
        .map(l -> d.findElement(By.id(l.getAttribute("for")))).orElse(null));
  }

  private void choose(String label, String option) {
    WebElement field = field(label);
    field.sendKeys(option);
    browser.waiting().withMessage(() -> label + " showing " + option)
        .until(d -> option.equals(new Select(field).getFirstSelectedOption().getText()));
  }

  private String selected(String label) {
    return new Select(field(label)).getFirstSelectedOption().getText();
  }

  private void type(String label, String text) {
    WebElement field = field(label);
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
    browser.waiting().until(d -> text.equals(field.getAttribute("value")));
  }
}
