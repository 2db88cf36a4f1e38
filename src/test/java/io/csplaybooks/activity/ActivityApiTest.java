package io.csplaybooks.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.security.ApiAccess;
import io.csplaybooks.security.ApiTokens;
import io.csplaybooks.support.IntegrationTest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /api/accounts/{id}/activities} on PostgreSQL, as a CSM's script, a CRM and a calendar
 * send it: what is stored and what follows (last contact, the next step's task), every refusal naming
 * its field with nothing stored, the same activity sent twice stored once, and who may send.
 */
class ActivityApiTest extends IntegrationTest {

  @Autowired Accounts accounts;
  @Autowired ApiTokens tokens;
  @Autowired JdbcClient jdbc;

  long account;
  long hank;
  long mindy;

  @BeforeEach
  void account() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    account = ((Number) created.get("accountId")).longValue();
    List<Stakeholder> stakeholders = accounts.stakeholdersOf(account);
    hank = stakeholders.stream().filter(s -> s.name().equals("Hank Scorpio")).findFirst().orElseThrow().id();
    mindy = stakeholders.stream().filter(s -> s.name().equals("Mindy Simmons")).findFirst().orElseThrow().id();
  }

  @Test
  void aCallIsStoredAsTheCallersWithItsStakeholdersCountsAsContactAndItsNextStepIsATask() {
    Map<String, Object> call = activity("call", "Walked Hank through the adoption report");
    call.put("stakeholderIds", List.of(hank, mindy, hank));
    LocalDate due = LocalDate.now().plusDays(3);
    call.put("nextStep", Map.of("text", "Send the finance team's training invite", "dueDate", due.toString(),
        "assignee", "cleo"));
    // A field that would name someone else as the author is not part of an activity.
    call.put("recordedBy", "mia");

    ResponseEntity<Map> created = post("carl", call);

    assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
    Map<?, ?> body = created.getBody();
    assertThat(body.get("recordedBy")).isEqualTo("carl");
    assertThat(body.get("kind")).isEqualTo("call");
    assertThat((List<Number>) body.get("stakeholderIds")).extracting(Number::longValue)
        .containsExactlyInAnyOrder(hank, mindy);
    long id = ((Number) body.get("id")).longValue();

    // Contact: an engagement signal of the call, and the account scored again with it.
    assertThat(jdbc.sql("select count(*) from customer_signal where signal_id = :s and meeting_held = true")
        .param("s", "activity-" + id).query(Long.class).single()).isOne();
    assertThat(as("carl").getForObject("/api/accounts/" + account + "/health", String.class))
        .contains("last contact 0 days ago");

    // The next step: a one-off task for cleo, due on its day, on the account.
    String instance = (String) body.get("taskProcessInstanceId");
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(task.getName()).isEqualTo("Send the finance team's training invite");
    assertThat(task.getAssignee()).isEqualTo("cleo");
    assertThat(task.getDueDate().toInstant().atZone(java.time.ZoneId.systemDefault()).toLocalDate()).isEqualTo(due);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getBusinessKey())
        .isEqualTo(String.valueOf(account));
    assertThat(visibleTasks("cleo", instance)).containsExactly("Send the finance team's training invite");

    List<Map<String, Object>> listed = as("ada").getForObject("/api/accounts/" + account + "/activities", List.class);
    assertThat(listed).extracting(a -> ((Number) a.get("id")).longValue()).containsExactly(id);
  }

  @Test
  void aNoteIsNotContact() {
    ResponseEntity<Map> created = post("carl", activity("note", "Champion is moving to another team in March"));

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(jdbc.sql("select count(*) from customer_signal where signal_id = :s")
        .param("s", "activity-" + created.getBody().get("id")).query(Long.class).single()).isZero();
    assertThat(created.getBody().get("taskProcessInstanceId")).isNull();
  }

  @Test
  void badActivitiesAreRefusedFieldByFieldAndNothingIsStored() {
    long otherAccount = ((Number) handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()))
        .get("accountId")).longValue();
    long strangersStakeholder = accounts.stakeholdersOf(otherAccount).get(0).id();

    Map<String, Object> bad = new HashMap<>();
    bad.put("kind", "lunch");
    bad.put("occurredAt", OffsetDateTime.now().plusHours(2).toString());
    bad.put("summary", "x".repeat(2001));
    bad.put("stakeholderIds", List.of(hank, strangersStakeholder));
    bad.put("externalId", " ");
    bad.put("nextStep", Map.of("text", "", "dueDate", LocalDate.now().minusDays(1).toString(), "assignee", "nobody-here"));
    assertRefused(bad, Map.of(
        "kind", "must be one of note, call, meeting, email",
        "occurredAt", "must not be in the future",
        "summary", "must be at most 2000 characters",
        "stakeholderIds[1]", "is not a stakeholder of account " + account,
        "externalId", "must not be blank: leave it out when there is none",
        "nextStep.text", "is required",
        "nextStep.dueDate", "must not be in the past",
        "nextStep.assignee", "is nobody we know"));

    Map<String, Object> nothing = new HashMap<>();
    nothing.put("nextStep", Map.of("text", "Call back", "dueDate", LocalDate.now().toString(), "assignee", "cleo",
        "team", "cs"));
    assertRefused(nothing, Map.of("kind", "is required", "occurredAt", "is required", "summary", "is required",
        "nextStep.assignee", "give the task to a person or to a team, not both"));

    Map<String, Object> wrongTeam = activity("meeting", "QBR prep");
    wrongTeam.put("nextStep", Map.of("text", "Prepare numbers", "dueDate", LocalDate.now().toString(), "team", "camunda-admin"));
    assertRefused(wrongTeam, Map.of("nextStep.team", "must be one of cs-managers, cs, sales, engineering, product"));

    Map<String, Object> unreadable = activity("call", "x");
    unreadable.put("occurredAt", "yesterday");
    ResponseEntity<Map> refused = as("carl").postForEntity("/api/accounts/" + account + "/activities", unreadable, Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("errors").toString()).contains("occurredAt");

    assertThat(as("carl").postForEntity("/api/accounts/987654321/activities", activity("call", "x"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(stored()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("one-off-task")
        .processInstanceBusinessKey(String.valueOf(account)).count()).isZero();
  }

  @Test
  void theSameActivitySentTwiceIsStoredOnceAndAChangedResendIsAConflict() {
    Map<String, Object> meeting = activity("meeting", "Quarterly check-in with the sponsor");
    meeting.put("externalId", "gcal:" + System.nanoTime());
    meeting.put("stakeholderIds", List.of(mindy));
    meeting.put("nextStep", Map.of("text", "Share the roadmap deck", "dueDate", LocalDate.now().plusDays(5).toString(),
        "team", "product"));

    ResponseEntity<Map> first = post("carl", meeting);
    ResponseEntity<Map> again = post("carl", meeting);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("id")).isEqualTo(first.getBody().get("id"));
    assertThat(stored()).isOne();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("one-off-task")
        .processInstanceBusinessKey(String.valueOf(account)).count()).isOne();
    assertThat(jdbc.sql("select count(*) from customer_signal where signal_id like :s")
        .param("s", "activity-" + first.getBody().get("id")).query(Long.class).single()).isOne();

    Map<String, Object> changed = new HashMap<>(meeting);
    changed.put("summary", "Quarterly check-in with the sponsor, who left early");
    changed.put("stakeholderIds", List.of(mindy, hank));
    ResponseEntity<Map> conflict = post("carl", changed);
    assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((List<String>) conflict.getBody().get("fields")).containsExactly("stakeholderIds", "summary");
    assertThat(jdbc.sql("select summary from activity where id = :id").param("id", first.getBody().get("id"))
        .query(String.class).single()).isEqualTo("Quarterly check-in with the sponsor");
  }

  @Test
  void csAndCsManagersAndAnActivitiesTokenMayPostOtherTeamsMayNot() {
    for (String user : List.of("ada", "ed", "pat", "nora")) {
      assertThat(post(user, activity("call", "from " + user)).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(post("mia", activity("call", "manager's call")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(as("ed").getForEntity("/api/accounts/" + account + "/activities", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    String suffix = Long.toString(System.nanoTime(), 36);
    String calendar = tokens.create("calendar-" + suffix, List.of(ApiAccess.SCOPE_ACTIVITIES), "root").secret();
    String signals = tokens.create("pipeline-" + suffix, List.of(ApiAccess.SCOPE_SIGNALS), "root").secret();
    ResponseEntity<Map> fromCalendar = withToken(calendar, activity("meeting", "Kickoff prep call"));
    assertThat(fromCalendar.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(fromCalendar.getBody().get("recordedBy")).isEqualTo("token:calendar-" + suffix);
    assertThat(withToken(signals, activity("meeting", "x")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(stored()).isEqualTo(2);
  }

  private Map<String, Object> activity(String kind, String summary) {
    Map<String, Object> activity = new HashMap<>();
    activity.put("kind", kind);
    activity.put("occurredAt", OffsetDateTime.now(ZoneOffset.ofHours(9)).minusHours(1).truncatedTo(ChronoUnit.SECONDS)
        .toString());
    activity.put("summary", summary);
    return activity;
  }

  private ResponseEntity<Map> post(String user, Map<String, Object> activity) {
    return as(user).postForEntity("/api/accounts/" + account + "/activities", activity, Map.class);
  }

  private ResponseEntity<Map> withToken(String secret, Map<String, Object> activity) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(secret);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange("/api/accounts/" + account + "/activities", HttpMethod.POST, new HttpEntity<>(activity, headers),
        Map.class);
  }

  private long stored() {
    return jdbc.sql("select count(*) from activity where account_id = :a").param("a", account).query(Long.class).single();
  }

  private void assertRefused(Map<String, Object> activity, Map<String, String> reasons) {
    ResponseEntity<Map> refused = post("carl", activity);
    assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    Map<String, String> errors = new HashMap<>();
    ((List<Map<String, String>>) refused.getBody().get("errors")).forEach(e -> errors.put(e.get("field"), e.get("reason")));
    assertThat(errors).isEqualTo(reasons);
  }
}
