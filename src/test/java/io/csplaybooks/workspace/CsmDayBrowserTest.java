package io.csplaybooks.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.Browser;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TaskPageForm;
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
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 26's day in the workspace, in a real browser (Debian's Chromium), as docs/daily-work.md tells
 * it: carol, a CSM who reads Korean, opens her inbox, works the success plan on its task page (a KPI
 * row without its target is said on the field in Korean, then fixed), logs a call with a next step
 * and starts a save play from the account page; maria, the CS manager (mia in the tests, as in
 * StudioBrowserTest), moves carol's whole book to chris with a handover note; chris's inbox has the
 * tasks that were carol's, the next step among them. carol and chris are this test's own CSMs (in
 * no pod), so carol's book is this test's accounts only. Screenshots in
 * target/screenshots/CsmDayBrowserTest/; docs/images/daily-work/ holds copies.
 */
class CsmDayBrowserTest extends IntegrationTest {

  @RegisterExtension final Browser carolsBrowser = Browser.inLanguage("ko-KR");
  @RegisterExtension final Browser mariasBrowser = Browser.inEnglish();
  @RegisterExtension final Browser chrisBrowser = Browser.inEnglish();
  final TaskPageForm form = new TaskPageForm(carolsBrowser);

  @Autowired Accounts accounts;
  @Autowired SuccessPlans plans;

  @Test
  void carolWorksHerDayInKoreanAndMariaMovesHerBookToChris() {
    person("carol", "Carol", "Test", Groups.CS);
    person("chris", "Chris", "Test", Groups.CS);
    String contractId = HandoffApiTestData.newContractId();
    String hanbit = "한빛 물산 " + contractId;
    long account = carolsOnboardingAccount(hanbit, contractId);
    String otherContract = HandoffApiTestData.newContractId();
    long second = carolsOnboardingAccount("Globex " + otherContract, otherContract);
    Task plan = openTask(account, "buildSuccessPlan");
    List<String> carolsBefore = tasks.createTaskQuery().taskAssignee("carol").list().stream().map(Task::getId).toList();
    assertThat(carolsBefore).as("carol's tasks on her two accounts").contains(plan.getId()).hasSizeGreaterThanOrEqualTo(4);

    // 1. The inbox: her tasks, in Korean, with the account's facts.
    carolsBrowser.loginToWorkspace("carol", PASSWORD, "/inbox");
    carolsBrowser.visible(By.tagName("h1"), "받은 작업함");
    WebElement planRow = carolsBrowser.visible(By.cssSelector("#inbox tr[data-task='" + plan.getId() + "']"));
    assertThat(planRow.getText()).contains("성공 계획 작성", hanbit, "120,000 USD");
    assertThat(carolsBrowser.visible(By.id("inbox")).getText()).contains("교육 세션 진행", "첫 가치 달성 확인")
        .doesNotContain("Build success plan");
    for (String id : carolsBefore) {
      carolsBrowser.visible(By.cssSelector("#inbox tr[data-task='" + id + "']"));
    }
    carolsBrowser.screenshot("1-carols-inbox");
    carolsBrowser.open("/my-book");
    carolsBrowser.visible(By.tagName("main"), "교육 세션 진행");
    carolsBrowser.open("/inbox");
    planRow = carolsBrowser.visible(By.cssSelector("#inbox tr[data-task='" + plan.getId() + "']"));

    // 2. The success plan on its page: a KPI list in Korean; a row without its target is said on the field.
    planRow.findElement(By.cssSelector("a.task-link")).click();
    carolsBrowser.waiting().until(d -> carolsBrowser.currentPath().equals("/tasks/" + plan.getId()));
    carolsBrowser.visible(By.id("task-name"), "성공 계획 작성");
    carolsBrowser.visible(By.cssSelector("#task-form .fjs-form"));
    carolsBrowser.visible(By.id("task-account"), "한빛 물산");
    assertThat(carolsBrowser.visible(By.id("task-form")).getText()).contains("KPI", "기준값", "목표값", "마일스톤")
        .doesNotContain("Add new", "Baseline", "Target");
    int kpi = plans.find(account).map(p -> p.kpis().size()).orElse(0);
    form.click(carolsBrowser.driver().findElements(By.cssSelector("#task-form button.fjs-repeat-render-add")).get(0));
    form.field("Field_kpi_name_" + kpi).sendKeys("주간 활성 상담원");
    form.field("Field_kpi_unit_" + kpi).sendKeys("명");
    form.field("Field_kpi_baseline_" + kpi).sendKeys("20");
    form.typeDate(form.field("Field_kpi_dueDate_" + kpi + "-date"), "2027. 3. 31.");
    carolsBrowser.click(By.id("complete"));
    assertThat(form.fieldBox("Field_kpi_target_" + kpi).getText()).contains("필수 항목입니다.")
        .doesNotContain("Field is required");
    carolsBrowser.visible(By.id("task-problem"), "표시된 항목을 확인하세요");
    assertThat(tasks.createTaskQuery().taskId(plan.getId()).count()).as("nothing sent").isOne();
    carolsBrowser.screenshot("2-kpi-target-missing");

    form.field("Field_kpi_target_" + kpi).sendKeys("1,200", Keys.TAB);
    assertThat(form.fieldBox("Field_kpi_target_" + kpi).getText()).as("fixed: the message is gone")
        .doesNotContain("필수 항목입니다.");
    carolsBrowser.screenshot("3-kpi-fixed");
    carolsBrowser.click(By.id("complete"));
    carolsBrowser.waiting().until(d -> carolsBrowser.currentPath().startsWith("/accounts/" + account));
    assertThat(history.createHistoricTaskInstanceQuery().taskId(plan.getId()).singleResult().getEndTime()).isNotNull();
    SuccessPlan.Kpi saved = plans.find(account).orElseThrow().kpis().stream()
        .filter(k -> k.name().equals("주간 활성 상담원")).findFirst().orElseThrow();
    assertThat(saved.target()).as("1,200 as typed on a Korean page").isEqualByComparingTo(new BigDecimal("1200"));
    assertThat(saved.dueDate()).isEqualTo(LocalDate.of(2027, 3, 31));

    // 3. On the account page: a call with Hank and a next step, which becomes her task.
    carolsBrowser.visible(By.tagName("h1"), hanbit);
    new Select(carolsBrowser.visible(By.id("activity-kind"))).selectByValue("call");
    carolsBrowser.visible(By.xpath("//form[@id='log-activity']//label[contains(., 'Hank Scorpio')]/input")).click();
    carolsBrowser.type(By.id("activity-summary"), "재무팀은 아직 사용을 시작하지 않았습니다. 상담팀은 매일 씁니다.");
    String nextStep = "재무팀 교육 일정 잡기 " + contractId;
    carolsBrowser.type(By.id("activity-next"), nextStep);
    LocalDate due = LocalDate.now().plusDays(4);
    carolsBrowser.script("arguments[0].value = arguments[1]", carolsBrowser.visible(By.id("activity-next-due")),
        due.toString());
    assertThat(new Select(carolsBrowser.visible(By.id("activity-next-owner"))).getFirstSelectedOption()
        .getAttribute("value")).isEqualTo("person:carol");
    carolsBrowser.screenshot("4-call-typed");
    carolsBrowser.click(By.id("log-activity-submit"));
    carolsBrowser.visible(By.id("notice"), "활동을 기록했고 다음 단계를 작업으로 만들었습니다.");
    Task next = tasks.createTaskQuery().processDefinitionKey("one-off-task")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult();
    assertThat(next.getAssignee()).isEqualTo("carol");
    assertThat(carolsBrowser.visible(By.cssSelector("#tasks tr[data-task='" + next.getId() + "']")).getText())
        .contains(nextStep, "Carol Test", due.toString());
    assertThat(carolsBrowser.visible(By.cssSelector("#activity-list tbody tr")).getText())
        .contains("통화", "Hank Scorpio", "재무팀은 아직", nextStep);

    // 4. ... and the save play, with her reason.
    new Select(carolsBrowser.visible(By.id("play-playbook"))).selectByValue("churn-intervention");
    carolsBrowser.type(By.id("play-reason"), "재무팀이 쓰지 않고 갱신이 1년 남았습니다");
    WebElement logged = carolsBrowser.visible(By.id("notice"));
    carolsBrowser.click(By.id("start-play-submit"));
    carolsBrowser.replaced(logged);
    carolsBrowser.visible(By.id("notice"), "플레이를 시작했습니다.");
    runPlaybooksOf(account);
    carolsBrowser.open("/accounts/" + account);
    Task diagnose = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(account))
        .taskDefinitionKey("diagnoseRisk").singleResult();
    assertThat(diagnose).as("the save play's first task").isNotNull();
    assertThat(carolsBrowser.visible(By.cssSelector("#tasks tr[data-task='" + diagnose.getId() + "']")).getText())
        .contains("위험 진단");
    carolsBrowser.visible(By.id("playbooks"), "이탈 방지 플레이");
    inView(carolsBrowser, By.id("tasks"));
    carolsBrowser.screenshot("5-call-logged-and-save-play-started");

    // 5. maria moves carol's whole book to chris, from carol's book page, with a handover note.
    List<String> carols = tasks.createTaskQuery().taskAssignee("carol").list().stream().map(Task::getId).toList();
    assertThat(carols).as("carol's open tasks, the next step among them").contains(next.getId())
        .doesNotContain(plan.getId());
    mariasBrowser.loginToWorkspace("mia", PASSWORD, "/my-book?csm=carol");
    mariasBrowser.visible(By.cssSelector("[data-account='" + account + "']"));
    mariasBrowser.click(By.id("move-book"));
    mariasBrowser.waiting().until(d -> mariasBrowser.currentPath().equals("/book-transfer?from=carol"));
    mariasBrowser.visible(By.tagName("h1"), "Carol Test");
    assertThat(mariasBrowser.visible(By.id("transfer")).getText()).contains(hanbit, "The whole book (2 accounts)");
    new Select(mariasBrowser.visible(By.id("to"))).selectByValue("chris");
    mariasBrowser.type(By.id("note"), "Carol moves to the strategic pod. Hanbit: finance's training is booked as a"
        + " task; a save play is open, the champion Hank prefers calls on Tuesdays.");
    mariasBrowser.screenshot("6-maria-moves-the-book");
    mariasBrowser.click(By.id("transfer-submit"));
    mariasBrowser.waiting().until(d -> mariasBrowser.currentPath().equals("/my-book?csm=chris"));
    mariasBrowser.visible(By.cssSelector("p.notice"), "2 accounts moved here from Carol Test");
    mariasBrowser.visible(By.cssSelector("[data-account='" + account + "']"));
    mariasBrowser.visible(By.cssSelector("[data-account='" + second + "']"));
    mariasBrowser.screenshot("7-chris-book-after-the-move");
    assertThat(accounts.findById(account).orElseThrow().csmId()).isEqualTo("chris");
    assertThat(tasks.createTaskQuery().taskAssignee("carol").count()).as("nothing left with carol").isZero();

    // 6. chris's inbox has them, the next step among them; the account page tells the move with the note.
    chrisBrowser.loginToWorkspace("chris", PASSWORD, "/inbox");
    chrisBrowser.visible(By.tagName("h1"), "Inbox");
    for (String id : carols) {
      chrisBrowser.visible(By.cssSelector("#inbox tr[data-task='" + id + "']"));
    }
    assertThat(chrisBrowser.visible(By.cssSelector("#inbox tr[data-task='" + next.getId() + "']")).getText())
        .contains(nextStep, hanbit, "One-off task");
    assertThat(chrisBrowser.visible(By.id("inbox")).getText()).contains("Run training session", "Confirm first value");
    chrisBrowser.screenshot("8-chris-inbox");
    chrisBrowser.open("/accounts/" + account);
    chrisBrowser.visible(By.id("timeline"), "Moved from CSM carol to chris");
    assertThat(chrisBrowser.visible(By.id("timeline")).getText()).contains("champion Hank prefers calls on Tuesdays");
    inView(chrisBrowser, By.id("timeline"));
    chrisBrowser.screenshot("9-the-move-on-the-timeline");
  }

  /**
   * An enterprise customer handed off and its kickoff held, so that its onboarding waits on the CSM
   * (success plan, training, first value); then the account and those tasks are carol's, as the
   * assignment table would have made them had carol been in the pod.
   */
  private long carolsOnboardingAccount(String name, String contractId) {
    Map<String, Object> deal = HandoffApiTestData.deal(contractId);
    deal.put("account", Map.of("name", name, "segment", "enterprise", "region", "EMEA"));
    Map<?, ?> created = handOff(deal);
    long accountId = ((Number) created.get("accountId")).longValue();
    holdKickoff(created);
    String csm = accounts.findById(accountId).orElseThrow().csmId();
    accounts.assignCsm(accountId, "carol");
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(accountId)).list()
        .forEach(instance -> {
          if (runtime.getVariable(instance.getId(), "csmId") != null) {
            runtime.setVariable(instance.getId(), "csmId", "carol");
          }
          tasks.createTaskQuery().processInstanceId(instance.getId()).taskAssignee(csm).list()
              .forEach(t -> tasks.setAssignee(t.getId(), "carol"));
        });
    return accountId;
  }

  /** Scrolls the page so that the element is at the top of the window, for the screenshot. */
  private static void inView(Browser browser, By locator) {
    browser.script("arguments[0].scrollIntoView({block: 'start'})", browser.visible(locator));
  }

  private Task openTask(long accountId, String taskDefinitionKey) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(accountId))
        .taskDefinitionKey(taskDefinitionKey).singleResult();
    assertThat(task).as(taskDefinitionKey + " of account " + accountId).isNotNull();
    return task;
  }
}
