package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.Browser;
import io.csplaybooks.support.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The studio's diagrams as a CS manager reads them on a 1440 px screen: every studio page keeps to its
 * Content-Security-Policy (no inline style refused, none let through beyond the bpmn.io watermark's);
 * a whole playbook fits and its labels read at 10 px or more; no badge covers a step's name; a click
 * on a problem zooms to its element; the migration page marks the new version's new step. Screenshots
 * in target/screenshots/StudioDiagramsBrowserTest/.
 */
class StudioDiagramsBrowserTest extends IntegrationTest {

  /** The smallest a label may read on screen, in CSS pixels (bpmn-js's own labels read 6-7 px here). */
  static final double READABLE_PX = 9.9;

  @RegisterExtension final Browser browser = Browser.inEnglish();

  @Autowired RepositoryService repository;

  @Test
  void everyStudioPageKeepsToItsPolicyAndItsDiagramsReadAt1440Pixels() {
    for (int i = 0; i < 3; i++) {
      Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
      if (i < 2) {
        holdKickoff(created);
      }
    }
    String key = "diagram-move";
    String one = repository.createDeployment().name(key)
        .addInputStream(key + ".bpmn", new java.io.ByteArrayInputStream(StudioPagesTest.studioFile("account-check-v1.bpmn", key)))
        .addInputStream(key + ".form", new java.io.ByteArrayInputStream(StudioPagesTest.studioFile("account-check.form", key)))
        .deploy().getId();
    String definition = repository.createProcessDefinitionQuery().deploymentId(one).singleResult().getId();
    runJobs(runtime.startProcessInstanceById(definition, key + "-1").getId());
    repository.createDeployment().name(key + " 2")
        .addInputStream(key + ".bpmn", new java.io.ByteArrayInputStream(StudioPagesTest.studioFile("fixed/account-check.bpmn", key)))
        .addInputStream(key + "-call.form", new java.io.ByteArrayInputStream(StudioPagesTest.studioFile("fixed/call-sponsor.form", key)))
        .addInputStream(key + ".form", new java.io.ByteArrayInputStream(StudioPagesTest.studioFile("account-check.form", key)))
        .deploy();

    String from = LocalDate.now().minusDays(30).toString();
    String to = LocalDate.now().toString();
    browser.loginToWorkspace("mia", PASSWORD, "/studio");
    browser.driver().manage().window().setSize(new Dimension(1440, 900));
    assertThat(browser.cspViolations()).as("/studio").isEmpty();

    String handoff = "/studio/playbooks/sales-handoff?from=" + from + "&to=" + to;
    browser.open(handoff);
    drawn("diagram");
    browser.screenshot("1-handoff-at-1440");
    assertThat(browser.cspViolations()).as(handoff).isEmpty();
    assertThat(smallestLabel("diagram")).as("the smallest label on screen, px").isGreaterThanOrEqualTo(READABLE_PX);
    assertThat(browser.driver().findElements(By.cssSelector(".diagram-badge[data-badge='path']"))).isNotEmpty();
    assertThat(coveredLabels("diagram")).as("badges covering a label").isEmpty();

    for (String playbook : List.of("renewal", "onboarding", "churn-intervention", "qbr-cycle")) {
      browser.open("/studio/playbooks/" + playbook);
      drawn("diagram");
      assertThat(browser.cspViolations()).as(playbook).isEmpty();
      assertThat(smallestLabel("diagram")).as("the smallest label of " + playbook).isGreaterThanOrEqualTo(READABLE_PX);
      assertThat(coveredLabels("diagram")).as("badges covering a label of " + playbook).isEmpty();
      if (List.of("renewal", "onboarding").contains(playbook)) {
        // Under two thousand units wide: the whole playbook in view, labels still readable.
        assertThat(browser.driver().findElement(By.id("diagram")).getAttribute("data-fits")).as(playbook).isEqualTo("true");
        assertThat(outside("diagram")).as("steps of " + playbook + " outside the diagram's box").isEmpty();
      }
    }
    browser.screenshot("2-renewal-at-1440");

    for (String page : List.of("/studio/check", "/studio/templates")) {
      browser.open(page);
      browser.visible(By.cssSelector("h1"));
      assertThat(browser.cspViolations()).as(page).isEmpty();
    }

    browser.open("/studio/check");
    dropFiles(Map.of("account-check.bpmn", StudioBrowserTest.file("broken/account-check.bpmn")));
    drawn("diagram-0");
    assertThat(browser.cspViolations()).as("the check's page").isEmpty();
    // The problem list names the steps, not their ids.
    assertThat(browser.visible(By.cssSelector("#problems li[data-element='callSponsor'] button")).getText())
        .isEqualTo("Call executive sponsor");
    browser.click(By.cssSelector("#problems li[data-element='callSponsor'] button"));
    browser.waiting().until(d -> "callSponsor".equals(d.findElement(By.id("diagram-0")).getAttribute("data-focused")));
    Map<String, Object> focused = box("diagram-0", "callSponsor");
    browser.screenshot("3-problem-zoomed");
    // Drawn at its own size before (a small playbook), a quarter larger now, in the middle of the diagram.
    assertThat(((Number) focused.get("scale")).doubleValue()).as("zoomed in").isGreaterThanOrEqualTo(1.2);
    assertThat(focused.get("inside")).as("the problem's element in view").isEqualTo(true);
    assertThat(((Number) focused.get("offCentre")).doubleValue()).as("off the diagram's centre, px").isLessThan(20);
    assertThat(elementClasses("diagram-0", "callSponsor")).contains("focused");
    assertThat(browser.cspViolations()).as("after the zoom").isEmpty();

    browser.open("/studio/playbooks/" + key + "/migration?fromVersion=1&toVersion=2");
    drawn("source");
    drawn("target");
    browser.script("document.getElementById('target').scrollIntoView({ block: 'center' })");
    browser.screenshot("4-migration-at-1440");
    assertThat(browser.cspViolations()).as("the migration's page").isEmpty();
    assertThat(elementClasses("target", "callSponsor")).contains("added");
    assertThat(browser.driver().findElements(
        By.cssSelector("#target .diagram-badge[data-element='callSponsor'][data-badge='added']"))).hasSize(1);
    assertThat(smallestLabel("source")).isGreaterThanOrEqualTo(READABLE_PX);
    assertThat(smallestLabel("target")).isGreaterThanOrEqualTo(READABLE_PX);
    assertThat(browser.driver().findElement(By.id("target")).getSize().getWidth()).as("not a thumbnail").isGreaterThan(1000);
    browser.click(By.id("confirm"));
    browser.visible(By.id("migrated"));
    drawn("target");
    assertThat(browser.cspViolations()).as("the move's page").isEmpty();
  }

  /** The smallest font size of a label of the diagram as drawn on screen, in CSS pixels. */
  private double smallestLabel(String diagramId) {
    Number px = (Number) browser.script("""
        const sizes = [...document.querySelectorAll('#' + arguments[0] + ' .djs-visual text')]
          .filter((t) => t.textContent.trim())
          .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
        return sizes.length ? Math.min(...sizes) : -1;
        """, diagramId);
    assertThat(px.doubleValue()).as("labels on " + diagramId).isPositive();
    return px.doubleValue();
  }

  /** The steps of the diagram not wholly inside its box on screen. */
  private List<?> outside(String diagramId) {
    return (List<?>) browser.script("""
        const host = document.getElementById(arguments[0]).getBoundingClientRect();
        return [...document.querySelectorAll('#' + arguments[0] + ' g.djs-shape .djs-visual')]
          .map((v) => [v.closest('g.djs-element').dataset.elementId, v.getBoundingClientRect()])
          .filter(([, r]) => r.width > 0 && (r.left < host.left - 1 || r.right > host.right + 1
              || r.top < host.top - 1 || r.bottom > host.bottom + 1))
          .map(([id]) => id);
        """, diagramId);
  }

  /** Each badge that covers a label (a step's, an event's or a flow's name): "badge on element covers label". */
  private List<?> coveredLabels(String diagramId) {
    return (List<?>) browser.script("""
        const root = document.getElementById(arguments[0]);
        const labels = [...root.querySelectorAll('.djs-visual text')].filter((t) => t.textContent.trim())
          .map((t) => [t.textContent.trim(), t.getBoundingClientRect()]);
        const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const covered = [];
        root.querySelectorAll('.diagram-badge').forEach((badge) => {
          const box = badge.querySelector('rect').getBoundingClientRect();
          labels.filter(([, r]) => hit(box, r)).forEach(([text]) =>
            covered.push(badge.dataset.badge + ' on ' + badge.dataset.element + ' covers "' + text + '"'));
        });
        return covered;
        """, diagramId);
  }

  /** The element's place on screen: its scale (its width on screen over its own) and whether it is in view. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> box(String diagramId, String elementId) {
    return (Map<String, Object>) browser.script("""
        const host = document.getElementById(arguments[0]).getBoundingClientRect();
        const g = document.querySelector('#' + arguments[0] + ' g.djs-element[data-element-id="' + arguments[1] + '"]');
        const visual = g.querySelector('.djs-visual > :first-child');
        const r = visual.getBoundingClientRect();
        return { scale: r.width / visual.getBBox().width,
                 inside: r.left >= host.left && r.right <= host.right && r.top >= host.top && r.bottom <= host.bottom,
                 offCentre: Math.hypot((r.left + r.right - host.left - host.right) / 2,
                     (r.top + r.bottom - host.top - host.bottom) / 2) };
        """, diagramId, elementId);
  }

  private String elementClasses(String diagramId, String elementId) {
    return browser.driver().findElement(By.cssSelector("#" + diagramId + " g.djs-element[data-element-id='" + elementId + "']"))
        .getAttribute("class");
  }

  private void drawn(String diagramId) {
    browser.waiting().withMessage(() -> "the diagram " + diagramId + " drawn")
        .until(d -> "drawn".equals(d.findElement(By.id(diagramId)).getAttribute("data-state")));
  }

  /** Drops the files on the page's drop zone, as from the desktop. */
  private void dropFiles(Map<String, String> files) {
    StudioBrowserTest.dropFiles(browser, files);
  }
}
