package io.csplaybooks.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.handoff.HandoffBriefs;
import io.csplaybooks.handoff.PromisedItem;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import java.math.BigDecimal;
import io.csplaybooks.support.Browser;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TaskPageForm;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A task's form on the workspace's task page in a real browser (Debian's Chromium), in Korean: sales
 * opens an incomplete handoff brief, whose promised items are a list (form-js's dynamic list), types
 * dates as the Korean page shows them, makes a mistake and reads our message on the field, learns on
 * the fields what would send the brief back, fixes both and completes it. Screenshots in
 * target/screenshots/TaskFormBrowserTest/.
 */
class TaskFormBrowserTest extends IntegrationTest {

  @RegisterExtension final Browser korean = Browser.inLanguage("ko-KR");
  final TaskPageForm form = new TaskPageForm(korean);

  @Autowired HandoffBriefs briefs;
  @Autowired SuccessPlans plans;

  @Test
  void salesCompletesTheBriefInKoreanWithAMistakeShownOnItsField() {
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    deal.remove("successCriteria");
    deal.put("account", Map.of("name", "한빛 물산 " + deal.get("contractId"), "segment", "enterprise", "region", "APAC"));
    deal.put("stakeholders", List.of(Map.of("name", "Hank Scorpio", "role", "champion", "email", "hank@globex.example")));
    var sent = as("ada").postForEntity("/api/handoffs", deal, Map.class);
    assertThat(sent.getStatusCode().value()).as(String.valueOf(sent.getBody())).isEqualTo(201);
    Map<?, ?> created = sent.getBody();
    continueHandoff((String) created.get("processInstanceId"));
    String instance = (String) created.get("processInstanceId");
    Task brief = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("completeHandoffBrief")
        .singleResult();

    korean.loginToWorkspace(brief.getAssignee(), PASSWORD, "/tasks/" + brief.getId());
    korean.visible(By.id("task-name"), "인계 브리프 완성");
    korean.visible(By.cssSelector("#task-form .fjs-form"));
    korean.visible(By.id("task-account"), "한빛 물산");
    assertThat(korean.visible(By.id("task-form")).getText()).contains("챔피언 이메일", "약속한 항목", "기한 (선택)")
        .doesNotContain("Champion's email", "Promised items", "Add new");

    // The list in Korean: the row the deal brought, and one more with "새로 추가".
    WebElement firstDate = field("Field_promise_dueDate_0-date");
    assertThat(firstDate.getAttribute("value")).as("the deal's date, as a Korean page writes it")
        .isEqualTo(korean(LocalDate.parse((String) deal.get("contractStart")).plusMonths(2)));
    typeDate(firstDate, "2027. 3. 31.");
    korean.click(By.xpath("//button[contains(@class,'fjs-repeat-render-add')][contains(.,'새로 추가')]"));
    field("Field_promise_description_1").sendKeys("데이터 이전");
    typeDate(field("Field_promise_dueDate_1-date"), "2027-04-15");

    field("Field_sponsorEmail").sendKeys("minji-at-hanbit");
    korean.click(By.id("complete"));
    WebElement emailError = korean.visible(By.cssSelector(".fjs-has-errors .fjs-form-field-error"));
    assertThat(emailError.getText()).isEqualTo("이메일 주소가 아닙니다. 예: name@example.com");
    assertThat(fieldBox("Field_sponsorEmail").getText()).contains("이메일 주소가 아닙니다");
    assertThat(korean.visible(By.tagName("main")).getText()).as("no raw pattern").doesNotContain("^[^@", "pattern");
    assertThat(tasks.createTaskQuery().taskId(brief.getId()).count()).isOne();
    korean.screenshot("1-mistake-on-its-field");

    // Without the sponsor and the success criteria the brief would come back: said on the fields first.
    field("Field_sponsorEmail").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    korean.click(By.id("complete"));
    korean.visible(By.id("task-problem"), "새 작업으로 돌아옵니다");
    assertThat(fieldBox("Field_successCriteria").getText()).contains("브리프를 완성하려면 필요합니다.");
    assertThat(fieldBox("Field_sponsorName").getText()).contains("브리프를 완성하려면 필요합니다.");
    korean.visible(By.id("complete-as-it-is"), "이대로 보내기");
    assertThat(tasks.createTaskQuery().taskId(brief.getId()).count()).as("nothing sent yet").isOne();
    korean.screenshot("2-what-is-missing");

    field("Field_sponsorName").sendKeys("김민지");
    field("Field_sponsorEmail").sendKeys("minji@hanbit.example");
    field("Field_successCriteria").sendKeys("주간 활성 상담원 80%");
    korean.click(By.id("complete"));
    long accountId = ((Number) created.get("accountId")).longValue();
    korean.waiting().until(d -> korean.currentPath().equals("/accounts/" + accountId));
    korean.screenshot("3-completed");

    runJobs(instance);
    assertThat(history.createHistoricTaskInstanceQuery().taskId(brief.getId()).singleResult().getEndTime()).isNotNull();
    List<PromisedItem> promised = briefs.of(((Number) created.get("handoffId")).longValue()).brief().promisedItems();
    assertThat(promised).extracting(PromisedItem::dueDate).as("the dates as typed on the Korean page")
        .containsExactly(LocalDate.of(2027, 3, 31), LocalDate.of(2027, 4, 15));
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("completeHandoffBrief").count())
        .as("complete: not back to sales").isZero();
  }

  @Test
  void aCsmFillsTheSuccessPlansListsInKoreanAndLettersInANumberSayWhy() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    holdKickoff(created);
    long accountId = ((Number) created.get("accountId")).longValue();
    Task plan = tasks.createTaskQuery().processVariableValueEquals("accountId", accountId)
        .taskDefinitionKey("buildSuccessPlan").singleResult();
    int kpisBefore = plans.find(accountId).map(p -> p.kpis().size()).orElse(0);
    int milestonesBefore = plans.find(accountId).map(p -> p.milestones().size()).orElse(0);

    korean.loginToWorkspace(plan.getAssignee(), PASSWORD, "/tasks/" + plan.getId());
    korean.visible(By.id("task-name"), "성공 계획 작성");
    korean.visible(By.cssSelector("#task-form .fjs-form"));
    List<WebElement> adds = korean.driver().findElements(By.cssSelector("#task-form button.fjs-repeat-render-add"));
    assertThat(adds).extracting(WebElement::getText).allMatch(t -> t.contains("새로 추가"));

    // A KPI with letters for its target: the number field keeps what was typed and says why, no "NaN".
    click(adds.get(0));
    int kpi = kpisBefore;
    form.type("Field_kpi_name_" + kpi, "주간 활성 상담원");
    // Letters reach a number field by pasting or through the Korean input method (form-js blocks typed
    // keys that make no number): the field receives them as one input.
    korean.script("arguments[0].focus(); arguments[0].value = arguments[1];"
        + " arguments[0].dispatchEvent(new InputEvent('input', {bubbles: true, data: arguments[1]}));",
        field("Field_kpi_target_" + kpi), "팔십");
    field("Field_kpi_target_" + kpi).sendKeys(Keys.TAB);
    typeDate(field("Field_kpi_dueDate_" + kpi + "-date"), "2027. 3. 1.");
    korean.click(By.id("complete"));
    assertThat(fieldBox("Field_kpi_target_" + kpi).getText()).contains("숫자가 아닙니다").doesNotContain("NaN");
    assertThat(field("Field_kpi_target_" + kpi).getAttribute("value")).isEqualTo("팔십");
    assertThat(tasks.createTaskQuery().taskId(plan.getId()).count()).isOne();
    korean.screenshot("4-letters-in-a-number");
    WebElement target = field("Field_kpi_target_" + kpi);
    target.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1,200", Keys.TAB);

    // A milestone: the team and the status are lists whose options are Korean.
    click(korean.driver().findElements(By.cssSelector("#task-form button.fjs-repeat-render-add")).get(1));
    int milestone = milestonesBefore;
    form.type("Field_milestone_name_" + milestone, "SSO 설정");
    choose("Field_milestone_ownerTeam_" + milestone, "엔지니어링");
    choose("Field_milestone_status_" + milestone, "진행 중");
    typeDate(field("Field_milestone_dueDate_" + milestone + "-date"), "2027-02-15");
    korean.screenshot("5-success-plan-filled");
    korean.click(By.id("complete"));
    korean.waiting().until(d -> korean.currentPath().equals("/accounts/" + accountId));

    SuccessPlan saved = plans.find(accountId).orElseThrow();
    SuccessPlan.Kpi k = saved.kpis().stream().filter(x -> x.name().equals("주간 활성 상담원")).findFirst().orElseThrow();
    assertThat(k.target()).as("1,200 on a Korean page").isEqualByComparingTo(new BigDecimal("1200"));
    assertThat(k.dueDate()).isEqualTo(LocalDate.of(2027, 3, 1));
    SuccessPlan.Milestone m = saved.milestones().stream().filter(x -> x.name().equals("SSO 설정")).findFirst()
        .orElseThrow();
    assertThat(m.ownerTeam()).isEqualTo("engineering");
    assertThat(m.status()).isEqualTo("open");
    assertThat(m.dueDate()).isEqualTo(LocalDate.of(2027, 2, 15));
  }

  private void choose(String componentId, String label) {
    form.choose(componentId, label);
  }

  private void click(WebElement element) {
    form.click(element);
  }

  private WebElement field(String componentId) {
    return form.field(componentId);
  }

  private WebElement fieldBox(String componentId) {
    return form.fieldBox(componentId);
  }

  private void typeDate(WebElement input, String date) {
    form.typeDate(input, date);
  }

  /** A date as the Korean page shows it: "2027. 3. 31.". */
  private static String korean(LocalDate date) {
    return date.getYear() + ". " + date.getMonthValue() + ". " + date.getDayOfMonth() + ".";
  }
}
