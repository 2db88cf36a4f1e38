package io.csplaybooks.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.Browser;
import io.csplaybooks.support.IntegrationTest;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A CSM's work on the account page in a real browser (Debian's Chromium): after a call, carl logs it
 * with Hank and a next step, which lands among the account's open tasks as his; then he starts the
 * save play, whose first task shows with its owner, and a second save play is refused while it is
 * open. Screenshots in target/screenshots/AccountWorkBrowserTest/.
 */
class AccountWorkBrowserTest extends IntegrationTest {

  @RegisterExtension final Browser browser = Browser.inEnglish();

  @Test
  void aCsmLogsACallWithANextStepAndStartsASavePlayFromTheAccountPage() {
    String contractId = HandoffApiTestData.newContractId();
    String accountName = "Browser Day " + contractId;
    Map<String, Object> deal = HandoffApiTestData.deal(contractId);
    deal.put("account", Map.of("name", accountName, "segment", "enterprise", "region", "EMEA"));
    long account = ((Number) handOff(deal).get("accountId")).longValue();

    browser.loginToWorkspace("carl", PASSWORD, "/accounts/" + account);
    browser.visible(By.tagName("h1"), accountName);
    browser.screenshot("1-account-page");

    // The call: with Hank, what was said, and a next step for carl himself (chosen for him already).
    new Select(browser.visible(By.id("activity-kind"))).selectByValue("call");
    WebElement hank = browser.visible(By.xpath("//form[@id='log-activity']//label[contains(., 'Hank Scorpio')]/input"));
    hank.click();
    browser.type(By.id("activity-summary"), "Hank: the support team adopted it, finance has not started yet.");
    browser.type(By.id("activity-next"), "Book finance's training with Hank");
    LocalDate due = LocalDate.now().plusDays(4);
    browser.script("arguments[0].value = arguments[1]", browser.visible(By.id("activity-next-due")), due.toString());
    assertThat(new Select(browser.visible(By.id("activity-next-owner"))).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("person:carl");
    browser.screenshot("2-call-typed");
    browser.click(By.id("log-activity-submit"));

    browser.visible(By.id("notice"), "The activity is logged and its next step is a task.");
    WebElement logged = browser.visible(By.cssSelector("#activity-list tbody tr"));
    assertThat(logged.getText()).contains("Call", "Hank Scorpio", "finance has not started yet",
        "Book finance's training with Hank", due.toString());
    Task next = tasks.createTaskQuery().processDefinitionKey("one-off-task")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult();
    assertThat(next.getAssignee()).isEqualTo("carl");
    WebElement row = browser.visible(By.cssSelector("#tasks tr[data-task='" + next.getId() + "']"));
    assertThat(row.getText()).contains("Book finance's training with Hank", "Carl Test", due.toString());
    browser.visible(By.id("timeline"), "Call with Hank Scorpio");
    browser.screenshot("3-call-logged");

    // Something feels wrong: carl starts the save play, with his reason.
    new Select(browser.visible(By.id("play-playbook"))).selectByValue("churn-intervention");
    browser.type(By.id("play-reason"), "Finance is not using it and the renewal is in a year");
    WebElement logNotice = browser.visible(By.id("notice"));
    browser.click(By.id("start-play-submit"));
    browser.replaced(logNotice);
    browser.visible(By.id("notice"), "The play is started.");
    // The save play goes on as a job (the job executor is off in the tests): run it, and look again.
    runPlaybooksOf(account);
    browser.open("/accounts/" + account);
    Task diagnose = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(account))
        .taskDefinitionKey("diagnoseRisk").singleResult();
    assertThat(diagnose).isNotNull();
    WebElement diagnoseRow = browser.visible(By.cssSelector("#tasks tr[data-task='" + diagnose.getId() + "']"));
    assertThat(diagnoseRow.getText()).contains("Diagnose risk", "cs-managers");
    browser.visible(By.id("playbooks"), "Churn intervention (v1)");
    browser.screenshot("4-save-play-started");

    // A second save play while this one is open: refused, nothing started.
    new Select(browser.visible(By.id("play-playbook"))).selectByValue("churn-intervention");
    browser.type(By.id("play-reason"), "Still worried");
    browser.click(By.id("start-play-submit"));
    browser.visible(By.tagName("h1"), "Not done");
    assertThat(browser.visible(By.tagName("section")).getText()).contains("a save play is already open");
    browser.screenshot("5-second-save-play-refused");
    runPlaybooksOf(account);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("churn-intervention")
        .processInstanceBusinessKey(String.valueOf(account)).count()).isOne();
  }
}
