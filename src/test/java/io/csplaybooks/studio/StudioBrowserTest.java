package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.Browser;
import io.csplaybooks.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The playbook studio in a real browser (Debian's Chromium), as a CS manager uses it: maria (mia in
 * the tests) reads the handoff on its diagram, and its figures are the analytics API's for the same
 * period; she drops a playbook with a missing form and an unsafe expression and sees both on their
 * elements, drops the fixed set, deploys it, and moves the accounts of version 1 to version 2.
 * Screenshots in target/screenshots/StudioBrowserTest/.
 */
class StudioBrowserTest extends IntegrationTest {

  @RegisterExtension final Browser browser = Browser.inEnglish();

  @Autowired RepositoryService repository;

  @Test
  void mariaReadsTheHandoffOnItsDiagramAndTheFiguresAreTheApis() {
    for (int i = 0; i < 3; i++) {
      Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
      if (i == 0) {
        holdKickoff(created);
      }
    }
    String from = LocalDate.now().minusDays(90).toString();
    String to = LocalDate.now().toString();
    Map<String, Object> api = as("mia").getForObject(
        "/api/playbooks/sales-handoff/analytics?from=" + from + "&to=" + to, Map.class);
    List<Map<String, Object>> steps = (List<Map<String, Object>>) api.get("steps");

    browser.loginToWorkspace("mia", PASSWORD, "/studio/playbooks/sales-handoff?from=" + from + "&to=" + to);
    drawn("diagram");
    browser.screenshot("1-handoff-studio");

    for (Map<String, Object> step : steps) {
      String id = (String) step.get("activityId");
      assertThat(badge(id, "passed")).as("passed of " + id).isEqualTo(String.valueOf(step.get("passed")));
      long open = ((Number) step.get("open")).longValue();
      assertThat(badge(id, "waiting")).as("waiting in " + id).isEqualTo(open == 0 ? null : String.valueOf(open));
      long missed = ((Number) step.get("deadlinesMissed")).longValue();
      assertThat(badge(id, "missed")).as("missed in " + id).isEqualTo(missed == 0 ? null : String.valueOf(missed));
      // Tasks and sub-processes are coloured by their median time; events wait by design.
      if (step.get("medianMillis") != null && StudioPage.isWork((String) step.get("type"))) {
        assertThat(elementClasses(id)).as("heat of " + id).containsPattern("heat-[0-4]");
      } else {
        assertThat(elementClasses(id)).as("no heat on " + id).doesNotContainPattern("heat-[0-4]");
      }
    }
    List<Map<String, Object>> gateways = (List<Map<String, Object>>) api.get("gateways");
    long flows = gateways.stream().mapToLong(g -> ((List<?>) g.get("paths")).size()).sum();
    assertThat(gateways).isNotEmpty();
    assertThat(browser.driver().findElements(By.cssSelector(".diagram-badge[data-badge='path']"))).hasSize((int) flows);

    // The step where most accounts wait: a click on it lists them, with the account page and Cockpit.
    Map<String, Object> busiest = steps.stream()
        .max(Comparator.comparingLong(s -> ((Number) s.get("open")).longValue())).orElseThrow();
    String busiestId = (String) busiest.get("activityId");
    browser.click(By.cssSelector("g.djs-element[data-element-id='" + busiestId + "'] .djs-hit"));
    browser.waiting().until(d -> browser.currentPath().contains("step=" + busiestId));
    WebElement waiting = browser.visible(By.id("waiting"));
    int listed = waiting.findElements(By.cssSelector("tbody tr")).size();
    assertThat((long) listed).isEqualTo(Math.min(((Number) busiest.get("open")).longValue(), StudioPage.WAITING_LISTED));
    assertThat(waiting.findElements(By.cssSelector("a[href^='/accounts/']"))).isNotEmpty();
    assertThat(waiting.findElements(By.cssSelector("a[href^='/camunda/app/cockpit/default/#/process-instance/']")))
        .hasSize(listed);
    drawn("diagram");
    assertThat(elementClasses(busiestId)).contains("selected");
    browser.screenshot("2-waiting-in-a-step");
  }

  @Test
  void mariaDropsABrokenPlaybookThenTheFixedSetDeploysItAndMovesVersion1() {
    String v1 = repository.createDeployment().name("account-check, version 1")
        .addString("account-check.bpmn", file("account-check-v1.bpmn"))
        .addString("account-check.form", file("account-check.form"))
        .deploy().getId();
    String definition = repository.createProcessDefinitionQuery().deploymentId(v1).singleResult().getId();
    for (int i = 0; i < 2; i++) {
      runJobs(runtime.startProcessInstanceById(definition, "account-check-" + i).getId());
    }

    browser.loginToWorkspace("mia", PASSWORD, "/studio");
    browser.click(By.id("check-link"));
    dropFiles(Map.of("account-check.bpmn", file("broken/account-check.bpmn")));
    drawn("diagram-0");
    for (String element : List.of("callSponsor", "notifySponsor")) {
      assertThat(badge(element, "problem")).as("problem badge on " + element).isNotNull();
      assertThat(elementClasses(element)).contains("has-problem");
    }
    assertThat(browser.visible(By.cssSelector("#problems li[data-element='callSponsor']")).getText())
        .contains("'call-sponsor'");
    assertThat(browser.visible(By.cssSelector("#problems li[data-element='notifySponsor']")).getText())
        .contains("${execution.getProcessEngineServices().getRuntimeService()}");
    assertThat(browser.driver().findElements(By.id("deploy"))).isEmpty();
    browser.screenshot("3-problems-on-their-elements");

    browser.click(By.linkText("Drop other files"));
    dropFiles(Map.of("account-check.bpmn", file("fixed/account-check.bpmn"), "call-sponsor.form",
        file("fixed/call-sponsor.form")));
    drawn("diagram-0");
    browser.visible(By.id("clean"));
    assertThat(browser.visible(By.cssSelector("#forms tr[data-form='account-check']")).getAttribute("data-found"))
        .isEqualTo("DEPLOYED");
    browser.screenshot("4-the-fixed-set-is-clean");
    browser.click(By.id("deploy"));
    browser.visible(By.cssSelector("#definitions li[data-key='account-check'][data-version='2']"));
    browser.screenshot("5-deployed");

    browser.click(By.cssSelector("#definitions a.migrate"));
    drawn("source");
    drawn("target");
    assertThat(browser.visible(By.id("migratable")).getText()).isEqualTo("2");
    assertThat(badge("reviewAccount", "waiting")).isEqualTo("2");
    assertThat(elementClasses("reviewAccount")).contains("mapped");
    browser.screenshot("6-migration-plan");
    browser.click(By.id("confirm"));
    assertThat(browser.visible(By.id("migrated")).getText()).isEqualTo("2");
    browser.screenshot("7-moved");
    String two = repository.createProcessDefinitionQuery().processDefinitionKey("account-check").latestVersion()
        .singleResult().getId();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(two).count()).isEqualTo(2);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(definition).count()).isZero();
  }

  /** Drops the files on the page's drop zone, as from the desktop: a drop event with the files. */
  private void dropFiles(Map<String, String> files) {
    dropFiles(browser, files);
  }

  /** The same in that browser (the studio's other browser tests drop files too). */
  static void dropFiles(Browser browser, Map<String, String> files) {
    WebElement zone = browser.visible(By.id("drop-zone"));
    String before = browser.currentPath();
    browser.script("""
        const transfer = new DataTransfer();
        for (const [name, text] of Object.entries(arguments[1])) {
          transfer.items.add(new File([text], name, { type: 'application/octet-stream' }));
        }
        arguments[0].dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        arguments[0].dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        """, zone, new LinkedHashMap<>(files));
    browser.waiting().until(d -> !browser.currentPath().equals(before));
  }

  /** Waits until the viewer has drawn the diagram and placed the page's marks on it. */
  private void drawn(String diagramId) {
    browser.waiting().withMessage(() -> "the diagram " + diagramId + " drawn")
        .until(d -> "drawn".equals(d.findElement(By.id(diagramId)).getAttribute("data-state")));
  }

  /** The text of an element's badge of that kind, or null when it has none. */
  private String badge(String elementId, String kind) {
    List<WebElement> badges = browser.driver().findElements(
        By.cssSelector(".diagram-badge[data-element='" + elementId + "'][data-badge='" + kind + "']"));
    return badges.isEmpty() ? null : badges.get(0).getAttribute("textContent");
  }

  private String elementClasses(String elementId) {
    return browser.driver().findElement(By.cssSelector("g.djs-element[data-element-id='" + elementId + "']"))
        .getAttribute("class");
  }

  static String file(String name) {
    try (var in = StudioBrowserTest.class.getResourceAsStream("/studio/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
