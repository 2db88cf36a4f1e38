package io.csplaybooks.workspace;

import static io.csplaybooks.handoff.HandoffApiTestData.deal;
import static io.csplaybooks.handoff.HandoffApiTestData.newContractId;
import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The inbox over HTTP: a person's own tasks (overdue first, with account, ARR, health, playbook,
 * priority and a link to the task page), their teams' queues and the claim, the sorts and filters,
 * what engineering does not see, and a CS manager's bulk reassignment (all or nothing, 400 naming
 * the field, only for CS managers, only with the form's token).
 */
class InboxPageTest extends IntegrationTest {

  @LocalServerPort int port;

  private final List<String> handMade = new java.util.ArrayList<>();

  @AfterEach
  void deleteHandMadeTasks() {
    handMade.forEach(id -> tasks.deleteTask(id, true));
  }

  WorkspaceClient loggedIn(String user) {
    WorkspaceClient client = new WorkspaceClient(port);
    assertThat(client.login(user, PASSWORD).statusCode()).as("login of " + user).isEqualTo(302);
    return client;
  }

  /** A task made by hand (no playbook), offered to a team. */
  private String teamTask(String name, String team) {
    return teamTask(name, team, null);
  }

  private String teamTask(String name, String team, Date due) {
    Task task = tasks.newTask();
    task.setName(name);
    task.setDueDate(due);
    tasks.saveTask(task);
    tasks.addCandidateGroup(task.getId(), team);
    handMade.add(task.getId());
    return task.getId();
  }

  @Test
  void aPersonsOwnTasksOverdueFirstWithTheirAccountsFacts() {
    Map<String, Object> deal = deal(newContractId());
    String name = "Inbox Co " + deal.get("contractId");
    deal.put("account", Map.of("name", name, "segment", "enterprise", "region", "EMEA"));
    Task first = kickoffWaiting(handOff(deal));
    Task second = kickoffWaiting(handOff(deal(newContractId())));
    String csm = first.getAssignee();
    // The assignment table may give the second account another CSM: both kickoffs are this CSM's.
    tasks.setAssignee(second.getId(), csm);
    tasks.setDueDate(second.getId(), Date.from(EngineClock.now().minus(Duration.ofDays(2))));

    String page = loggedIn(csm).get("/inbox").body();
    assertThat(page).contains("href=\"/tasks/" + first.getId() + "\"", "href=\"/tasks/" + second.getId() + "\"",
        name, "120,000 USD", "Sales-to-CS handoff", "Hold kickoff", "Not scored");
    assertThat(page.indexOf("data-task=\"" + second.getId() + "\""))
        .as("the overdue kickoff before the one still due").isLessThan(page.indexOf("data-task=\"" + first.getId() + "\""));
    assertThat(page).contains("href=\"/inbox\"").as("in the navigation");

    String overdueOnly = loggedIn(csm).get("/inbox?overdue=true").body();
    assertThat(overdueOnly).contains("data-task=\"" + second.getId() + "\"")
        .doesNotContain("data-task=\"" + first.getId() + "\"");
    assertThat(loggedIn(csm).get("/inbox?playbook=renewal").body())
        .doesNotContain("data-task=\"" + first.getId() + "\"");
    assertThat(loggedIn(csm).get("/inbox?playbook=sales-handoff&sort=priority").body())
        .contains("data-task=\"" + first.getId() + "\"");
  }

  @Test
  void aTeamsQueueIsClaimedOnceAndOnlyByTheTeamWithTheFormsToken() {
    String cs = teamTask("Call the champion " + UUID.randomUUID(), Groups.CS);
    String engineering = teamTask("Check the webhook " + UUID.randomUUID(), Groups.ENGINEERING);

    WorkspaceClient carl = loggedIn("carl");
    String queue = carl.get("/inbox?view=queue").body();
    assertThat(queue).contains("data-task=\"" + cs + "\"", "name=\"task\" value=\"" + cs + "\"")
        .doesNotContain("data-task=\"" + engineering + "\"");

    assertThat(carl.post("/inbox/claim", Map.of("task", cs)).statusCode()).as("no form token").isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(cs).singleResult().getAssignee()).isNull();
    assertThat(carl.post("/inbox/claim", Map.of("task", engineering, "_csrf", carl.csrfOf("/inbox"))).statusCode())
        .as("not offered to carl's teams").isEqualTo(400);
    assertThat(tasks.createTaskQuery().taskId(engineering).singleResult().getAssignee()).isNull();

    HttpResponse<String> claimed = carl.post("/inbox/claim", Map.of("task", cs, "_csrf", carl.csrfOf("/inbox")));
    assertThat(claimed.statusCode()).isEqualTo(302);
    String mine = claimed.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    assertThat(mine).startsWith("/inbox?view=mine");
    assertThat(tasks.createTaskQuery().taskId(cs).singleResult().getAssignee()).isEqualTo("carl");
    assertThat(carl.get(mine).body()).contains("data-task=\"" + cs + "\"", "The task is yours");

    WorkspaceClient cleo = loggedIn("cleo");
    HttpResponse<String> late = cleo.post("/inbox/claim", Map.of("task", cs, "_csrf", cleo.csrfOf("/inbox")));
    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(late.body()).contains("task", "taken already");
    assertThat(tasks.createTaskQuery().taskId(cs).singleResult().getAssignee()).isEqualTo("carl");
  }

  @Test
  void engineeringSeesItsQueueWithoutArrOrHealth() {
    String engineering = teamTask("Fix the import " + UUID.randomUUID(), Groups.ENGINEERING);
    WorkspaceClient ed = loggedIn("ed");
    String queue = ed.get("/inbox?view=queue").body();
    assertThat(queue).contains("data-task=\"" + engineering + "\"").doesNotContain(">ARR<", "Health (worst first)");
    HttpResponse<String> byArr = ed.get("/inbox?sort=arr");
    assertThat(byArr.statusCode()).isEqualTo(400);
    assertThat(byArr.body()).contains("sort");
    assertThat(loggedIn("pat").get("/inbox?sort=health").statusCode()).isEqualTo(400);
  }

  @Test
  void badChoicesAreA400NamingTheField() {
    WorkspaceClient carl = loggedIn("carl");
    for (String[] bad : new String[][] {{"view=theirs", "view"}, {"sort=name", "sort"}, {"overdue=yes", "overdue"},
        {"page=-1", "page"}, {"page=x", "page"}, {"playbook=" + URLEncoder.encode("a b'", StandardCharsets.UTF_8), "playbook"}}) {
      HttpResponse<String> page = carl.get("/inbox?" + bad[0]);
      assertThat(page.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(page.body()).as(bad[0]).contains(bad[1]);
    }
  }

  @Test
  void aCsManagerReassignsSelectedTasksAllOrNothing() {
    // Long overdue, so they lead the first page of every open task whatever else the suite left open.
    Date longOverdue = Date.from(Instant.parse("2001-01-01T09:00:00Z"));
    String one = teamTask("Prepare the QBR deck " + UUID.randomUUID(), Groups.CS, longOverdue);
    String two = teamTask("Send the summary " + UUID.randomUUID(), Groups.CS, longOverdue);
    String three = teamTask("Untouched " + UUID.randomUUID(), Groups.CS, longOverdue);

    WorkspaceClient mia = loggedIn("mia");
    String all = mia.get("/inbox?view=all").body();
    assertThat(all).contains("id=\"reassign\"", "value=\"cleo\"", "data-task=\"" + one + "\"");
    String token = mia.csrfOf("/inbox");

    HttpResponse<String> nobody = reassign(mia, token, "ghost", one, two);
    assertThat(nobody.statusCode()).isEqualTo(400);
    assertThat(nobody.body()).contains("assignee", "no such person");
    HttpResponse<String> missing = reassign(mia, token, "cleo", one, "no-such-task");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("task", "no-such-task");
    assertThat(reassign(mia, token, "cleo").statusCode()).as("nothing selected").isEqualTo(400);
    assertThat(reassign(mia, token, "nora", one).statusCode()).as("in no team").isEqualTo(400);
    assertThat(tasks.createTaskQuery().taskIdIn(one, two).taskUnassigned().count()).as("nothing changed").isEqualTo(2);

    assertThat(reassign(mia, "", "cleo", one, two).statusCode()).as("no form token").isEqualTo(403);
    WorkspaceClient carl = loggedIn("carl");
    assertThat(reassign(carl, carl.csrfOf("/inbox"), "carl", one, two).statusCode()).as("a CSM").isEqualTo(403);
    assertThat(carl.get("/inbox?view=queue").body()).doesNotContain("id=\"reassign\"");
    assertThat(carl.get("/inbox?view=all").statusCode()).as("every open task is the CS managers' view").isEqualTo(400);
    assertThat(tasks.createTaskQuery().taskIdIn(one, two).taskUnassigned().count()).isEqualTo(2);

    HttpResponse<String> done = reassign(mia, token, "cleo", one, two);
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(tasks.createTaskQuery().taskIdIn(one, two).taskAssignee("cleo").count()).isEqualTo(2);
    assertThat(tasks.createTaskQuery().taskId(three).singleResult().getAssignee()).isNull();
    assertThat(mia.get(done.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""))
        .body()).contains("2 tasks given to Cleo Test");
    assertThat(loggedIn("cleo").get("/inbox").body()).contains("data-task=\"" + one + "\"", "data-task=\"" + two + "\"");
  }

  private static HttpResponse<String> reassign(WorkspaceClient browser, String token, String assignee, String... ids) {
    StringBuilder body = new StringBuilder("assignee=" + URLEncoder.encode(assignee, StandardCharsets.UTF_8)
        + "&view=all&sort=due");
    if (!token.isEmpty()) {
      body.append("&_csrf=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
    for (String id : ids) {
      body.append("&task=").append(URLEncoder.encode(id, StandardCharsets.UTF_8));
    }
    return browser.send("POST", "/inbox/reassign", Map.of("Content-Type", "application/x-www-form-urlencoded"),
        body.toString());
  }
}
