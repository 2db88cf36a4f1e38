package io.csplaybooks.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.support.Browser;
import io.csplaybooks.support.Browser.TasklistPage;
import io.csplaybooks.support.IntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Camunda Tasklist in a real browser, as a CSM uses it: log in, find the kickoff the handoff gave
 * them, open it, and read the brief in its Camunda Form. Screenshots of each step are in
 * target/screenshots/TasklistBrowserTest/.
 */
class TasklistBrowserTest extends IntegrationTest {

  @RegisterExtension final Browser browser = Browser.inEnglish();
  @RegisterExtension final Browser korean = Browser.inLanguage("ko-KR");

  @Test
  void theCsmFindsTheKickoffInTasklistAndReadsTheBriefInItsForm() {
    String contractId = HandoffApiTestData.newContractId();
    String accountName = "Browser Kickoff " + contractId;
    Map<String, Object> deal = HandoffApiTestData.deal(contractId);
    deal.put("account", Map.of("name", accountName, "segment", "enterprise", "region", "EMEA"));
    Task kickoff = kickoffWaiting(handOff(deal));
    String csm = kickoff.getAssignee();

    browser.loginToTasklist(csm, PASSWORD);
    // The first filter (by priority) is the CSM's own tasks.
    browser.visible(TasklistPage.SELECTED_FILTER, "My tasks");
    browser.screenshot("1-logged-in");

    WebElement card = browser.visible(TasklistPage.taskCard(kickoff.getId()), contractId);
    // The card names the task, its playbook, and whose work it is (TaskAccountLabelsPlugin's labels).
    assertThat(card.getText()).contains("Hold kickoff", "Sales-to-CS handoff", accountName, contractId);
    browser.screenshot("2-kickoff-in-the-list");

    browser.click(TasklistPage.taskLink(kickoff.getId()));
    browser.visible(TasklistPage.TASK_NAME, "Hold kickoff");
    browser.visible(TasklistPage.FORM);
    assertThat(browser.visible(TasklistPage.formField("Field_kickoffNotes")).isEnabled()).isTrue();
    // The brief's fields come from the playbook's variables: the form is filled, not only drawn.
    WebElement account = browser.visible(TasklistPage.formField("Field_accountName"));
    browser.waiting().withMessage("the form's Account field showing " + accountName)
        .until(d -> accountName.equals(account.getDomProperty("value")));
    assertThat(browser.visible(TasklistPage.formField("Field_sponsorName")).getDomProperty("value"))
        .isEqualTo("Mindy Simmons");
    browser.screenshot("3-kickoff-form");
  }

  /**
   * Tasklist speaks the browser's language. Camunda ships English and German only; the app ships
   * {@code app/tasklist/locales/ko.json} and lists {@code ko} among Tasklist's available locales, so a
   * Korean browser gets Korean labels, on the login page Tasklist sends it to and in the task list.
   */
  @Test
  void aKoreanBrowserGetsTasklistInKorean() {
    korean.open("/camunda/app/tasklist/");
    WebElement login = korean.visible(By.id("login"));
    assertThat(login.getText()).as("the login button").containsPattern("\\p{IsHangul}");
    assertThat(korean.currentPath()).startsWith("/login?next=");
    korean.screenshot("ko-1-login");

    korean.loginToTasklist("carl", PASSWORD);
    assertThat(korean.visible(TasklistPage.NO_TASK).getText()).as("the hint to select a task")
        .containsPattern("\\p{IsHangul}");
    korean.screenshot("ko-2-tasklist");
  }
}
