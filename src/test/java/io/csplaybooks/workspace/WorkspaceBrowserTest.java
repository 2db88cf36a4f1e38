package io.csplaybooks.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import io.csplaybooks.support.Browser;
import io.csplaybooks.support.Browser.TasklistPage;
import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The workspace in a real browser (Debian's Chromium), as CS people use it: a CS manager reads the
 * portfolio and its figures are the API's; a CSM goes from their book to an account, to a task's
 * page and on into Tasklist with the same login; a CSM fills the success plan's KPI row field by field in Tasklist;
 * a Korean browser gets Korean pages. Screenshots in target/screenshots/WorkspaceBrowserTest/.
 * (The test profile's people: mia is the CS manager, carl and cleo the CSMs.)
 */
class WorkspaceBrowserTest extends IntegrationTest {

  @RegisterExtension final Browser browser = Browser.inEnglish();
  @RegisterExtension final Browser korean = Browser.inLanguage("ko-KR");

  @Autowired SuccessPlans plans;

  @Test
  void theManagersPortfolioShowsTheApisFigures() {
    handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    browser.loginToWorkspace("mia", PASSWORD, "/portfolio");
    browser.visible(By.tagName("h1"), "Portfolio");
    browser.screenshot("1-portfolio");

    Map<String, Object> metrics = as("mia").getForObject("/api/metrics", Map.class);
    Map<String, Object> retention = (Map<String, Object>) metrics.get("retention");
    assertPercent("grr", retention.get("grossRetention"));
    assertPercent("nrr", retention.get("netRetention"));
    assertPercent("logo-churn", retention.get("logoChurnRate"));
    assertThat(text(By.id("renewals"))).isEqualTo(String.valueOf(retention.get("renewals")));
    Object ttfv = metrics.get("averageTimeToFirstValueDays");
    if (ttfv == null) {
      assertThat(text(By.id("ttfv"))).isEqualTo("–");
    } else {
      assertThat(Double.parseDouble(text(By.id("ttfv")).replace(" days", ""))).isCloseTo(((Number) ttfv).doubleValue(),
          within(0.05));
    }
    Map<String, Integer> health = (Map<String, Integer>) metrics.get("healthDistribution");
    for (String band : List.of("red", "yellow", "green", "unscored")) {
      assertThat(text(By.cssSelector("#health-now tr[data-band='" + band + "'] td"))).as(band)
          .isEqualTo(String.valueOf(health.getOrDefault(band, 0)));
    }
    List<Map<String, Object>> workload = (List<Map<String, Object>>) metrics.get("csmWorkload");
    for (Map<String, Object> csm : workload) {
      WebElement row = browser.visible(By.cssSelector("#books tr[data-csm='" + csm.get("csm") + "']"));
      assertThat(row.findElements(By.tagName("td")).get(0).getText()).as("accounts of " + csm.get("csm"))
          .isEqualTo(String.valueOf(csm.get("accounts")));
      assertThat(row.findElements(By.tagName("td")).get(2).getText()).as("open tasks of " + csm.get("csm"))
          .isEqualTo(String.valueOf(csm.get("openTasks")));
    }

    // A part of the portfolio, by keyboard: the region and Apply.
    new Select(browser.visible(By.id("region"))).selectByValue("EMEA");
    browser.visible(By.id("apply")).sendKeys(Keys.ENTER);
    browser.waiting().until(d -> browser.currentPath().contains("region=EMEA"));
    assertThat(new Select(browser.visible(By.id("region"))).getFirstSelectedOption().getText()).isEqualTo("EMEA");
    browser.screenshot("2-portfolio-emea");
  }

  @Test
  void aCsmGoesFromTheirBookToAnAccountToTheTaskAndIntoTasklist() {
    String contractId = HandoffApiTestData.newContractId();
    String accountName = "Browser Book " + contractId;
    Map<String, Object> deal = HandoffApiTestData.deal(contractId);
    deal.put("account", Map.of("name", accountName, "segment", "enterprise", "region", "EMEA"));
    Map<?, ?> created = handOff(deal);
    Task kickoff = kickoffWaiting(created);
    String csm = kickoff.getAssignee();

    browser.loginToWorkspace(csm, PASSWORD, "/my-book");
    WebElement account = browser.visible(By.linkText(accountName));
    assertThat(browser.visible(By.cssSelector("#accounts")).getText()).contains(accountName);
    assertThat(browser.visible(By.cssSelector("#this-week, #overdue, #later")).isDisplayed()).isTrue();
    assertThat(browser.driver().findElements(By.cssSelector("tr[data-task='" + kickoff.getId() + "']")))
        .as("the kickoff among the book's tasks").isNotEmpty();
    browser.screenshot("1-my-book");

    account.click();
    browser.visible(By.tagName("h1"), accountName);
    browser.visible(By.id("contracts"), contractId);
    browser.visible(By.id("stakeholders"), "Hank Scorpio");
    browser.visible(By.id("timeline"), "Sales-to-CS handoff");
    browser.screenshot("2-account-page");

    browser.click(By.cssSelector("#tasks tr[data-task='" + kickoff.getId() + "'] a.task-link"));
    // The task's page in the workspace: its form, the account beside it.
    browser.visible(By.id("task-name"), "Hold kickoff");
    browser.visible(By.cssSelector("#task-form .fjs-form"));
    browser.visible(By.id("task-account"), accountName);
    assertThat(browser.currentPath()).isEqualTo("/tasks/" + kickoff.getId());
    browser.screenshot("3-task-page");

    browser.click(By.id("open-in-tasklist"));
    // Tasklist, with the workspace's login: no second login page.
    browser.visible(TasklistPage.TASK_NAME, "Hold kickoff");
    browser.visible(TasklistPage.FORM);
    assertThat(browser.currentPath()).startsWith("/camunda/app/tasklist/").contains(kickoff.getId());
    browser.screenshot("4-task-in-tasklist");
  }

  @Test
  void theSuccessPlanFormTakesAKpiRowFieldByField() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    holdKickoff(created);
    long accountId = ((Number) created.get("accountId")).longValue();
    Task plan = tasks.createTaskQuery().processVariableValueEquals("accountId", accountId)
        .taskDefinitionKey("buildSuccessPlan").singleResult();
    assertThat(plan).as("Build success plan for account " + accountId).isNotNull();

    browser.loginToTasklist(plan.getAssignee(), PASSWORD);
    browser.open("/camunda/app/tasklist/default/#/?task=" + plan.getId());
    browser.visible(TasklistPage.TASK_NAME, "Build success plan");
    browser.visible(TasklistPage.FORM);
    int kpisBefore = plans.find(accountId).map(p -> p.kpis().size()).orElse(0);

    // A new row of the KPI list, then each of its fields.
    WebElement kpiList = browser.visible(By.cssSelector(".task-details form.fjs-form [id$='-List_planKpis'], "
        + ".task-details .fjs-form-field[class*='dynamiclist']"));
    // The KPI list's "Add new" (the first list of the form; milestones have their own below).
    clickInView(By.cssSelector(".task-details button.fjs-repeat-render-add"));
    int row = kpisBefore;
    // An empty row is refused field by field, on the page, before anything is sent.
    clickInView(By.cssSelector(".task-details button[ng-click='complete()']"));
    WebElement nameError = browser.visible(By.xpath("//*[contains(@class,'fjs-has-errors')]"
        + "[.//*[substring(@id, string-length(@id) - string-length('Field_kpi_name_" + row + "') + 1) = 'Field_kpi_name_"
        + row + "']]"));
    assertThat(nameError.getText()).contains("required");
    assertThat(tasks.createTaskQuery().taskId(plan.getId()).count()).as("nothing completed").isOne();
    browser.screenshot("1-empty-row-refused");
    browser.type(TasklistPage.formField("Field_kpi_name_" + row), "Weekly active agents");
    browser.type(TasklistPage.formField("Field_kpi_unit_" + row), "%");
    browser.type(TasklistPage.formField("Field_kpi_baseline_" + row), "20");
    browser.type(TasklistPage.formField("Field_kpi_target_" + row), "80");
    browser.type(TasklistPage.formField("Field_kpi_currentValue_" + row), "35");
    WebElement due = browser.visible(TasklistPage.formField("Field_kpi_dueDate_" + row + "-date"));
    // The date picker takes the browser's way of writing a date (en-US: month/day/year).
    due.sendKeys("03/01/2027");
    due.sendKeys(Keys.TAB);
    browser.screenshot("2-kpi-row-filled");
    assertThat(kpiList.isDisplayed()).isTrue();

    clickInView(By.cssSelector(".task-details button[ng-click='complete()']"));
    browser.waiting().withMessage("the success plan task to be completed")
        .until(d -> tasks.createTaskQuery().taskId(plan.getId()).count() == 0);
    browser.screenshot("3-completed");
    SuccessPlan saved = plans.find(accountId).orElseThrow();
    SuccessPlan.Kpi kpi = saved.kpis().stream().filter(k -> k.name().equals("Weekly active agents")).findFirst()
        .orElseThrow();
    assertThat(kpi.unit()).isEqualTo("%");
    assertThat(kpi.baseline()).isEqualByComparingTo(new BigDecimal("20"));
    assertThat(kpi.target()).isEqualByComparingTo(new BigDecimal("80"));
    assertThat(kpi.currentValue()).isEqualByComparingTo(new BigDecimal("35"));
    assertThat(kpi.dueDate()).isEqualTo(LocalDate.parse("2027-03-01"));
  }

  @Test
  void aKoreanBrowserGetsTheWorkspaceInKorean() {
    korean.open("/login");
    assertThat(korean.visible(By.id("login")).getText()).isEqualTo("로그인");
    assertThat(korean.visible(By.cssSelector("label[for='username']")).getText()).isEqualTo("사용자 이름");
    korean.screenshot("ko-1-login");
    korean.loginToWorkspace("mia", PASSWORD, "/portfolio");
    korean.visible(By.tagName("h1"), "포트폴리오");
    assertThat(korean.visible(By.id("health-now")).getText()).contains("현재 건강도", "빨강", "초록");
    assertThat(korean.script("return document.documentElement.lang")).isEqualTo("ko");
    korean.screenshot("ko-2-portfolio");
  }

  /**
   * Presses the button as a keyboard user does (Tasklist's footer and notices cover the bottom of the
   * window, where a long form's buttons are): scrolled to, focused, Enter.
   */
  private void clickInView(By locator) {
    browser.waiting().until(ExpectedConditions.elementToBeClickable(locator));
    WebElement element = browser.visible(locator);
    browser.script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", element);
    element.sendKeys(Keys.ENTER);
  }

  private String text(By locator) {
    return browser.visible(locator).getText().trim();
  }

  /** The page's "94.7%" against the API's 0.9470; "–" where the API has none. */
  private void assertPercent(String id, Object api) {
    String shown = text(By.id(id));
    if (api == null) {
      assertThat(shown).as(id).isEqualTo("–");
    } else {
      assertThat(Double.parseDouble(shown.replace("%", "").replace(",", ""))).as(id)
          .isCloseTo(((Number) api).doubleValue() * 100, within(0.051));
    }
  }
}
