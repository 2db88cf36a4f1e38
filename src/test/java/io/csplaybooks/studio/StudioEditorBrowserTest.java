package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.Browser;
import io.csplaybooks.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The studio's editor in a real browser (Debian's Chromium), as a CS manager designs a playbook with
 * nothing but the studio: maria (mia in the tests) opens a new playbook, appends a team's task from
 * the steps (an element template) to its start, chooses its team, due date and form in words in the
 * properties panel, ends it, saves it as a draft, saves a second version, and hands it to "Check and
 * deploy", which finds it clean; deployed, the engine has the task as she set it. The page breaks
 * no rule of its Content Security Policy, in English or Korean. Screenshots in
 * target/screenshots/StudioEditorBrowserTest/.
 *
 * <p>The element templates the page fetches from the studio ({@code /studio/element-templates.json})
 * are this test's own (src/test/resources/studio/editor/element-templates.json), answered by the
 * browser itself: the test is about the editor, not about which steps the application offers.
 */
class StudioEditorBrowserTest extends IntegrationTest {

  @RegisterExtension final Browser browser = Browser.inEnglish();
  @RegisterExtension final Browser korean = Browser.inLanguage("ko-KR");

  @Autowired RepositoryService repository;

  @Test
  void mariaDesignsAPlaybookFromTheStepsSavesItAndChecksAndDeploysIt() {
    String key = "sponsor-call-" + System.nanoTime() % 1_000_000;
    prepare(browser);
    browser.loginToWorkspace("mia", PASSWORD, "/studio");
    browser.click(By.id("editor-link"));
    browser.type(By.id("blank-key"), key);
    browser.type(By.id("blank-name"), "Sponsor call");
    browser.click(By.id("open-blank"));
    ready(browser);
    assertThat(browser.visible(By.cssSelector("#editor-status")).getText()).isEqualTo("Not saved yet");

    // The steps in words, by their category or else by what they make; a deprecated one is not offered.
    List<String> steps = browser.driver().findElements(By.cssSelector("#step-list button.step")).stream()
        .map(WebElement::getText).toList();
    assertThat(steps).containsExactly("Team task", "Score renewal risk", "Wait a while", "Deadline on the selected task");
    assertThat(browser.driver().findElements(By.cssSelector("#step-list .step-group")).stream().map(WebElement::getText))
        .containsExactly("Team tasks", "Steps the application does", "Waiting for time");

    // The start event selected, the step is appended after it, connected, its template applied.
    element(browser, "startedByHand").click();
    browser.click(By.cssSelector("#step-list button.step[data-template='io.csplaybooks.test.team-task']"));
    String task = (String) browser.script("""
        const registry = window.__editor.get('elementRegistry');
        const tasks = registry.filter((e) => e.type === 'bpmn:UserTask');
        return tasks.length === 1 ? tasks[0].id : null;""");
    // Its id made from its name, as the shipped playbooks' ids are: a problem names it in words.
    assertThat(task).isEqualTo("teamTask");
    browser.screenshot("1-task-appended");

    // Its properties in words: the template's fields, not the raw technical ones.
    WebElement panel = browser.visible(By.id("properties"));
    browser.waiting().until(d -> panel.getText().contains("Due in"));
    assertThat(panel.getText()).contains("Team task").contains("Due in").contains("Form")
        .doesNotContain("Candidate groups").doesNotContain("Asynchronous continuations");
    choose("Team", "Engineering");
    choose("Due in", "5 days");
    choose("Form", "Engage executive sponsor");
    browser.screenshot("2-properties-in-words");

    // Then an end event after the task (still selected), from its context pad.
    browser.click(By.cssSelector(".djs-context-pad [data-action='append.end-event']"));
    browser.waiting().until(d -> browser.script("""
        const ends = window.__editor.get('elementRegistry').filter((e) => e.type === 'bpmn:EndEvent');
        return ends.length === 1 ? ends[0].id : null;"""));
    // Appended, it is selected: the menu to change its kind opens (and breaks no CSP rule), then its
    // name in the panel's General group, as for any element.
    browser.click(By.cssSelector(".djs-context-pad [data-action='replace']"));
    browser.visible(By.cssSelector(".djs-popup"));
    browser.screenshot("2b-change-element-menu");
    browser.driver().findElement(By.cssSelector(".djs-popup input")).sendKeys(Keys.ESCAPE);
    browser.waiting().until(d -> d.findElements(By.cssSelector(".djs-popup")).isEmpty());
    type("Name", "Sponsor called");
    browser.waiting().until(d -> browser.script("return window.__editor.get('elementRegistry').get('sponsorCalled')") != null);

    browser.click(By.id("save"));
    browser.visible(By.id("editor-status"), "Saved as version 1");
    assertThat(browser.currentPath()).startsWith("/studio/editor?draft=");
    element(browser, task).click();
    type("Name", "Call the sponsor");
    browser.waiting().until(d -> browser.script("return window.__editor.get('elementRegistry').get('callTheSponsor')") != null);
    browser.visible(By.id("editor-status"), "Changed since the last save");
    browser.click(By.id("save"));
    browser.visible(By.id("editor-status"), "Saved as version 2");
    assertThat(violations(browser)).as("CSP violations on the editor page").isEmpty();
    browser.screenshot("3-saved");

    // Check and deploy takes the saved draft: the check page shows it clean, then deploys it.
    WebElement check = browser.visible(By.id("check-draft"));
    check.click();
    browser.replaced(check);
    browser.visible(By.id("clean"));
    assertThat(browser.currentPath()).startsWith("/studio/check/");
    browser.screenshot("4-checked-clean");
    browser.click(By.id("deploy"));
    browser.visible(By.cssSelector("#definitions li[data-key='" + key + "'][data-version='1']"));
    browser.screenshot("5-deployed");

    ProcessDefinition deployed = repository.createProcessDefinitionQuery().processDefinitionKey(key).singleResult();
    BpmnModelInstance model = repository.getBpmnModelInstance(deployed.getId());
    UserTask userTask = model.getModelElementById("callTheSponsor");
    assertThat(userTask.getName()).isEqualTo("Call the sponsor");
    assertThat(model.<EndEvent>getModelElementById("sponsorCalled").getName()).isEqualTo("Sponsor called");
    assertThat(userTask.getCamundaCandidateGroups()).isEqualTo("engineering");
    assertThat(userTask.getCamundaDueDate()).isEqualTo("P5D");
    assertThat(userTask.getCamundaFormRef()).isEqualTo("engage-executive-sponsor");
    assertThat(userTask.getCamundaFormRefBinding()).isEqualTo("deployment");
    assertThat(userTask.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "modelerTemplate"))
        .isEqualTo("io.csplaybooks.test.team-task");

    // Back in the editor, the draft is listed with its two versions.
    browser.open("/studio/editor");
    WebElement row = browser.visible(By.cssSelector("#drafts tr[data-key='" + key + "']"));
    assertThat(row.getText()).contains("Sponsor call").contains("2");
  }

  @Test
  void theEditorSpeaksKoreanToAKoreanCsManager() {
    String key = "sponsor-call-ko-" + System.nanoTime() % 1_000_000;
    prepare(korean);
    korean.loginToWorkspace("mia", PASSWORD, "/studio/editor?key=" + key + "&name=Sponsor");
    ready(korean);
    assertThat(korean.visible(By.id("editor-status")).getText()).isEqualTo("아직 저장하지 않음");
    assertThat(korean.visible(By.id("save")).getText()).isEqualTo("초안 저장");
    assertThat(korean.visible(By.cssSelector(".djs-palette .entry[data-action='create.task']")).getAttribute("aria-label"))
        .isEqualTo("작업 만들기");
    element(korean, "startedByHand").click();
    korean.waiting().until(d -> korean.visible(By.id("properties")).getText().contains("일반"));
    assertThat(korean.visible(By.cssSelector("g.djs-element[data-element-id='startedByHand_label'] text")).getText())
        .isEqualTo("직접 시작");
    assertThat(violations(korean)).as("CSP violations on the Korean editor page").isEmpty();
    korean.screenshot("6-korean");
  }

  /**
   * Before any page loads: the studio's element templates are this test's, and every breach of the
   * page's Content Security Policy is recorded where the test can read it.
   */
  private static void prepare(Browser browser) {
    String templates = file("editor/element-templates.json");
    browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
            e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber + ' ' + e.sample));
        const templates = %s;
        const fetched = window.fetch.bind(window);
        window.fetch = (url, options) => String(url).endsWith('/studio/element-templates.json')
            ? Promise.resolve(new Response(JSON.stringify(templates), { headers: { 'Content-Type': 'application/json' } }))
            : fetched(url, options);
        """.formatted(templates)));
  }

  /** Waits until the editor has opened its playbook; its modeler is then window.__editor for the test's scripts. */
  private static void ready(Browser browser) {
    browser.waiting().withMessage("the editor ready").until(d -> {
      String state = d.findElement(By.id("editor")).getAttribute("data-state");
      if ("failed".equals(state)) {
        throw new AssertionError("the editor could not open the playbook");
      }
      return "ready".equals(state);
    });
    browser.script("window.__editor = document.getElementById('editor').modeler;");
  }

  private static WebElement element(Browser browser, String id) {
    return browser.visible(By.cssSelector("g.djs-element[data-element-id='" + id + "'] .djs-hit"));
  }

  /** Chooses an option of the properties panel's field with that label. */
  private void choose(String label, String option) {
    WebElement field = browser.waiting().until(d -> d.findElements(By.cssSelector("#properties label")).stream()
        .filter(l -> l.getText().trim().equals(label)).findFirst()
        .map(l -> d.findElement(By.id(l.getAttribute("for")))).orElse(null));
    // Typed, as with a keyboard: the panel takes a choice from the select's input event, which
    // WebDriver's Select does not send.
    field.sendKeys(option);
    browser.waiting().withMessage(() -> label + " showing " + option)
        .until(d -> option.equals(new Select(field).getFirstSelectedOption().getText()));
  }

  /** Types into the properties panel's field with that label, replacing what it held. */
  private void type(String label, String text) {
    WebElement field = browser.waiting().until(d -> d.findElements(By.cssSelector("#properties label")).stream()
        .filter(l -> l.getText().trim().equals(label)).findFirst()
        .map(l -> d.findElement(By.id(l.getAttribute("for")))).orElse(null));
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
    browser.waiting().until(d -> text.equals(field.getAttribute("value")));
  }

  @SuppressWarnings("unchecked")
  private static List<String> violations(Browser browser) {
    return (List<String>) browser.script("return window.__cspViolations || []");
  }

  static String file(String name) {
    try (var in = StudioEditorBrowserTest.class.getResourceAsStream("/studio/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
