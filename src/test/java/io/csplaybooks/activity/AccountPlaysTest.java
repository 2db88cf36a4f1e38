package io.csplaybooks.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.account.OpenPlaybooks;
import io.csplaybooks.common.ConflictException;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On PostgreSQL: what a CSM starts from the account page. The plays one may start by hand (the save
 * play, once while it is open), "QBR now" bringing the running cycle's next round forward rather than
 * a second cycle, one-off tasks to a team or a person (an unknown one refused), an activity logged
 * through the page's form, every open task with its owner and every running playbook listed once.
 */
class AccountPlaysTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired Plays plays;
  @Autowired Accounts accounts;
  @Autowired PlaybookEvents events;
  @Autowired OpenPlaybooks openPlaybooks;
  @Autowired JdbcClient jdbc;

  @Test
  void playbooksWithANoneStartAndNoStartFormCanBeStartedByHand() {
    assertThat(plays.startable()).extracting(Plays.Play::key).contains("churn-intervention")
        .doesNotContain("one-off-task", "sales-handoff", "renewal", "qbr-cycle", "onboarding", "advocacy",
            "expansion-handoff");
  }

  @Test
  void aSavePlayStartsOnceAndASecondIsRefusedWhileItIsOpen() {
    long account = account();
    assertThatThrownBy(() -> plays.start(account, "churn-intervention", " ", "carl"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(er -> er.field() + ": " + er.reason()).containsExactly("reason: is required"));
    assertThatThrownBy(() -> plays.start(account, "renewal", "", "carl"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(er -> er.field())
            .containsExactly("playbook"));

    WorkspaceClient carl = loggedIn("carl");
    HttpResponse<String> started = carl.post("/accounts/" + account + "/plays", Map.of("playbook", "churn-intervention",
        "reason", "Sponsor left, usage down", "_csrf", carl.csrfOf("/accounts/" + account)));
    assertThat(started.statusCode()).isEqualTo(302);
    runPlaybooksOf(account);

    List<ProcessInstance> saves = runtime.createProcessInstanceQuery().processDefinitionKey("churn-intervention")
        .processInstanceBusinessKey(String.valueOf(account)).list();
    assertThat(saves).hasSize(1);
    assertThat(tasks.createTaskQuery().processInstanceId(saves.get(0).getId()).taskDefinitionKey("diagnoseRisk")
        .count()).isOne();
    assertThat(jdbc.sql("select trigger_reason from intervention where account_id = :a").param("a", account)
        .query(String.class).single()).isEqualTo("started by carl: Sponsor left, usage down");

    HttpResponse<String> second = carl.post("/accounts/" + account + "/plays", Map.of("playbook", "churn-intervention",
        "reason", "Still worried", "_csrf", carl.csrfOf("/accounts/" + account)));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.body()).contains("a save play is already open for account " + account);
    assertThatThrownBy(() -> plays.start(account, "churn-intervention", "again", "mia"))
        .isInstanceOf(ConflictException.class);
    runPlaybooksOf(account);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("churn-intervention")
        .processInstanceBusinessKey(String.valueOf(account)).count()).isOne();

    // Sales read the account page, but start no play on it.
    WorkspaceClient ada = loggedIn("ada");
    assertThat(ada.get("/accounts/" + account).body()).doesNotContain("id=\"start-play\"");
    assertThat(ada.post("/accounts/" + account + "/plays", Map.of("playbook", "churn-intervention", "reason", "x",
        "_csrf", ada.csrfOf("/accounts/" + account))).statusCode()).isEqualTo(403);
    assertThat(carl.post("/accounts/" + account + "/plays", Map.of("playbook", "churn-intervention", "reason", "x"))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void aPlaybookACsManagerDeployedWithANoneStartIsStartedForTheAccount() throws Exception {
    String bpmn = Files.readString(Path.of("src/test/resources/playbooks/account-review.bpmn"))
        .replace("id=\"account-review\" name=\"Account review\"", "id=\"hand-review\" name=\"Hand review\"");
    String form = Files.readString(Path.of("src/test/resources/playbooks/account-review.form"));
    assertThat(deployAs("mia", "hand-review", Map.of("hand-review.bpmn", bpmn, "account-review.form", form))
        .getStatusCode().is2xxSuccessful()).isTrue();
    assertThat(plays.startable()).extracting(Plays.Play::key, Plays.Play::name).contains(
        org.assertj.core.groups.Tuple.tuple("hand-review", "Hand review"));
    long account = account();

    WorkspaceClient carl = loggedIn("carl");
    assertThat(carl.post("/accounts/" + account + "/plays", Map.of("playbook", "hand-review",
        "_csrf", carl.csrfOf("/accounts/" + account))).statusCode()).isEqualTo(302);

    ProcessInstance review = runtime.createProcessInstanceQuery().processDefinitionKey("hand-review")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult();
    assertThat(runtime.getVariable(review.getId(), "accountId")).isEqualTo(account);
    Task task = tasks.createTaskQuery().processInstanceId(review.getId()).singleResult();
    String html = carl.get("/accounts/" + account).body();
    assertThat(html).containsPattern(Pattern.compile("data-task=\"" + task.getId() + "\">(?:(?!</tr>).)*team cs<",
        Pattern.DOTALL));
    assertThat(html).contains("Hand review (v1)");
    HttpResponse<String> again = carl.post("/accounts/" + account + "/plays", Map.of("playbook", "hand-review",
        "_csrf", carl.csrfOf("/accounts/" + account)));
    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void qbrNowBringsTheRunningCyclesNextRoundForwardInsteadOfASecondCycle() {
    long account = account();
    accounts.moveToStage(account, LifecycleStage.ONBOARDING, "kickoff held", "test");
    accounts.moveToStage(account, LifecycleStage.ADOPTION, "onboarding completed", "test");
    events.publish(PlaybookEvent.ONBOARDING_COMPLETED, AccountId.of(account), Map.of());
    runPlaybooksOf(account);
    ProcessInstance cycle = runtime.createProcessInstanceQuery().processDefinitionKey("qbr-cycle")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult();
    assertThat(plays.qbrNowPossible(account)).isTrue();
    assertThat(tasks.createTaskQuery().processInstanceId(cycle.getId()).count()).isZero();

    WorkspaceClient carl = loggedIn("carl");
    assertThat(carl.get("/accounts/" + account).body()).contains("id=\"qbr-now\"");
    assertThat(carl.post("/accounts/" + account + "/qbr-now", Map.of("_csrf", carl.csrfOf("/accounts/" + account)))
        .statusCode()).isEqualTo(302);
    runPlaybooksOf(account);

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("qbr-cycle")
        .processInstanceBusinessKey(String.valueOf(account)).list()).extracting(ProcessInstance::getId)
        .containsExactly(cycle.getId());
    Task prepare = tasks.createTaskQuery().processInstanceId(cycle.getId()).taskDefinitionKey("scheduleAndPrepareQbr")
        .singleResult();
    assertThat(prepare).isNotNull();
    Date qbrDate = (Date) runtime.getVariable(cycle.getId(), "qbrDate");
    assertThat(LocalDate.ofInstant(qbrDate.toInstant(), ZoneId.systemDefault())).isEqualTo(LocalDate.now().plusDays(30));
    assertThat(plays.qbrNowPossible(account)).isFalse();
    assertThatThrownBy(() -> plays.qbrNow(account)).isInstanceOf(ConflictException.class);
  }

  @Test
  void aOneOffTaskAndAnActivityFromTheAccountPageAndEveryTaskWithItsOwner() {
    long account = account();
    WorkspaceClient carl = loggedIn("carl");
    String page = "/accounts/" + account;
    Map<String, String> task = new HashMap<>(Map.of("title", "Check the SSO logs for Globex",
        "description", "Hank says logins fail since Monday", "dueDate", LocalDate.now().plusDays(2).toString(),
        "owner", "team:" + Groups.ENGINEERING, "_csrf", carl.csrfOf(page)));
    assertThat(carl.post(page + "/tasks", task).statusCode()).isEqualTo(302);

    Task given = tasks.createTaskQuery().processDefinitionKey("one-off-task")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult();
    assertThat(given.getName()).isEqualTo("Check the SSO logs for Globex");
    assertThat(given.getAssignee()).isNull();
    assertThat(visibleTasks("ed", given.getProcessInstanceId())).containsExactly("Check the SSO logs for Globex");
    assertThat(runtime.getVariable(given.getProcessInstanceId(), "givenBy")).isEqualTo("carl");

    task.put("owner", "person:somebody-else");
    task.put("_csrf", carl.csrfOf(page));
    HttpResponse<String> unknown = carl.post(page + "/tasks", task);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("assignee: is nobody we know");
    task.put("owner", "team:camunda-admin");
    task.put("_csrf", carl.csrfOf(page));
    assertThat(carl.post(page + "/tasks", task).body()).contains("team: must be one of");
    assertThat(tasks.createTaskQuery().processDefinitionKey("one-off-task")
        .processInstanceBusinessKey(String.valueOf(account)).count()).isOne();

    // A call with a next step for carl himself, logged through the page's form.
    long hank = accounts.stakeholdersOf(account).stream().filter(s -> s.name().equals("Hank Scorpio")).findFirst()
        .orElseThrow().id();
    HttpResponse<String> logged = carl.post(page + "/activities", Map.of("kind", "call",
        "occurredAt", LocalDateTime.now().minusMinutes(30).withSecond(0).withNano(0).toString(),
        "stakeholderIds", String.valueOf(hank), "summary", "Hank confirmed the SSO problem", "nextStep",
        "Tell Hank when engineering fixed it", "nextStepDue", LocalDate.now().plusDays(3).toString(),
        "nextStepOwner", "person:carl", "_csrf", carl.csrfOf(page)));
    assertThat(logged.statusCode()).isEqualTo(302);
    assertThat(jdbc.sql("select recorded_by || ' ' || kind from activity where account_id = :a").param("a", account)
        .query(String.class).single()).isEqualTo("carl call");
    Task next = tasks.createTaskQuery().processDefinitionKey("one-off-task").taskAssignee("carl")
        .processInstanceBusinessKey(String.valueOf(account)).singleResult();
    assertThat(next.getName()).isEqualTo("Tell Hank when engineering fixed it");

    String html = carl.get(page).body();
    assertThat(html).contains("Hank confirmed the SSO problem", "Check the SSO logs for Globex", "team engineering",
        "Call with Hank Scorpio: Hank confirmed the SSO problem (next step: Tell Hank when engineering fixed it, due ");
    WorkspaceClient korean = new WorkspaceClient(port).language("ko-KR,ko;q=0.9");
    assertThat(korean.login("cleo", PASSWORD).statusCode()).isEqualTo(302);
    assertThat(korean.get(page).body()).contains("통화 (Hank Scorpio): Hank confirmed the SSO problem (다음 단계: ",
        "일회성 작업", "engineering 팀");
    Matcher owner = Pattern.compile("data-task=\"" + next.getId() + "\".*?<td class=\"owner\">(.*?)</td>", Pattern.DOTALL)
        .matcher(html);
    assertThat(owner.find()).isTrue();
    assertThat(owner.group(1)).contains("Carl Test");
    // The kickoff: the CSM's, or the CS managers' queue while the CSM is being confirmed.
    assertThat(html).containsPattern("data-task=\"[^\"]+\">\\s*<td><a class=\"task-link\"[^>]*>(Hold kickoff|Review CSM assignment)");
  }

  @Test
  void eachRunningPlaybookIsListedOnce() {
    String crm = "CRM-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> newLogo = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    newLogo.put("account", Map.of("name", "Globex Corporation", "segment", "enterprise", "region", "EMEA",
        "crmAccountId", crm));
    Map<?, ?> created = as("ada").postForObject("/api/handoffs", newLogo, Map.class);
    holdKickoff(created);
    long account = ((Number) created.get("accountId")).longValue();
    Map<String, Object> crossSell = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    crossSell.put("account", newLogo.get("account"));
    crossSell.put("kind", "cross-sell");
    crossSell.put("stakeholders", List.of());
    as("ada").postForObject("/api/handoffs", crossSell, Map.class);
    runPlaybooksOf(account);

    List<OpenPlaybooks.Playbook> running = openPlaybooks.of(account);
    assertThat(running).extracting(OpenPlaybooks.Playbook::processInstanceId).doesNotHaveDuplicates();
    assertThat(running).extracting(OpenPlaybooks.Playbook::playbook).containsOnlyOnce("expansion-handoff");
    String html = loggedIn("carl").get("/accounts/" + account).body();
    // One line in the running playbooks (the story tells "Expansion handoff (version 1) started" apart).
    assertThat(html.split("Expansion handoff \\(v1\\)", -1)).hasSize(2);
  }

  private long account() {
    return ((Number) handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId())).get("accountId")).longValue();
  }

  private WorkspaceClient loggedIn(String user) {
    WorkspaceClient client = new WorkspaceClient(port);
    assertThat(client.login(user, PASSWORD).statusCode()).as("login of " + user).isEqualTo(302);
    return client;
  }
}
