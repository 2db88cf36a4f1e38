package io.csplaybooks.handoff;

import static io.csplaybooks.handoff.HandoffApiTest.deal;
import static io.csplaybooks.handoff.HandoffApiTest.newContractId;
import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TestMailServer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The handoff as people live it, on PostgreSQL with real mail: sales, Tasklist's REST calls, the
 * CSM, the customer's inbox, and an SMTP outage.
 */
class HandoffJourneyTest extends IntegrationTest {

  @Autowired Accounts accounts;
  @Autowired HandoffRepository handoffs;

  @Test
  void incompleteBriefGoesBackToSalesThenTheLeastLoadedCsmHoldsTheKickoff() throws Exception {
    String contractId = newContractId();
    Map<String, Object> deal = deal(contractId);
    deal.remove("successCriteria");
    deal.put("stakeholders", List.of(Map.of("name", "Hank Scorpio", "role", "champion", "email", "hank@globex.example")));

    Map<?, ?> created = handOff(deal);

    assertThat(created.get("briefScore")).isEqualTo(70);
    assertThat((List<String>) created.get("briefMissing")).containsExactly("success-criteria", "executive-sponsor");
    String instance = (String) created.get("processInstanceId");
    runJobs(instance);
    assertThat(TestMailServer.subjectsTo("ada@example.com")).contains("Task: Complete handoff brief [" + contractId + "]");

    // Sales sees the brief task in Tasklist; the CS team does not.
    Task brief = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(visibleTasks("ada", instance)).containsExactly("Complete handoff brief");
    assertThat(visibleTasks("carl", instance)).isEmpty();
    Map<?, ?> form = as("ada").getForObject("/engine-rest/task/" + brief.getId() + "/form-variables", Map.class);
    assertThat(value(form, "businessGoals")).isEqualTo("Cut support costs by 15%");
    assertThat(value(form, "championEmail")).isEqualTo("hank@globex.example");
    assertThat(value(form, "briefMissing")).asString().contains("success criteria");
    // The promised items are rows of a dynamic list, as Tasklist needs them.
    List<Map<String, Object>> promised = rows(tasklistForm("ada", brief.getId()), "promisedItems");
    assertThat(promised).containsExactly(Map.of("description", "Salesforce integration live",
        "dueDate", LocalDate.parse((String) deal.get("contractStart")).plusMonths(2).toString()));

    // A wrong email is refused with the field and the reason (Tasklist shows the engine's message); nothing changes.
    Map<String, Object> fields = new HashMap<>();
    fields.put("successCriteria", "80% of agents active weekly by month 3");
    fields.put("sponsorName", "Mindy Simmons");
    fields.put("sponsorEmail", "mindy-at-globex");
    fields.put("promisedItems", List.of(promised.get(0), Map.of("description", "Data import", "dueDate", "next week")));
    fields.put("promisedItemsRows", 2);
    ResponseEntity<Map> refused = submitForm("ada", "/engine-rest/task/" + brief.getId() + "/submit-form", fields);
    assertThat(refused.getStatusCode().isError()).isTrue();
    assertThat(refused.getBody().get("message")).asString().contains("sponsorEmail: must be an email address",
        "promisedItems[1].dueDate: must be a date (YYYY-MM-DD)");
    assertThat(tasks.createTaskQuery().taskId(brief.getId()).count()).isOne();

    String expectedCsm = leastLoadedOf("carl", "cleo");
    fields.put("sponsorEmail", "mindy@globex.example");
    fields.put("promisedItems", List.of(promised.get(0), Map.of("description", "Data import")));
    assertThat(submitForm("ada", "/engine-rest/task/" + brief.getId() + "/submit-form", fields).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    Handoff scored = handoffs.findByContractId(contractId).orElseThrow();
    assertThat(scored.briefScore()).isEqualTo(100);
    assertThat(handoffs.brief(scored).promisedItems()).extracting(PromisedItem::description)
        .containsExactly("Salesforce integration live", "Data import");
    Account account = accounts.findById(scored.accountId()).orElseThrow();
    assertThat(account.csmId()).isEqualTo(expectedCsm);
    runJobs(instance);
    String csmMail = expectedCsm + "@example.com";
    assertThat(TestMailServer.subjectsTo(csmMail)).contains(
        "New account: Globex Corporation (enterprise, EMEA)", "Task: Hold kickoff [" + contractId + "]");
    assertThat(TestMailServer.subjectsTo("hank@globex.example"))
        .contains("Introducing your Customer Success Manager, " + capitalized(expectedCsm) + " Test");

    // The CSM sees the whole brief in the kickoff form and records the kickoff.
    Task kickoff = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("holdKickoff").singleResult();
    assertThat(kickoff.getAssignee()).isEqualTo(expectedCsm);
    assertThat(visibleTasks(expectedCsm, instance)).containsExactly("Hold kickoff");
    assertThat(visibleTasks("ada", instance)).isEmpty();
    Map<?, ?> kickoffForm = as(expectedCsm).getForObject("/engine-rest/task/" + kickoff.getId() + "/form-variables", Map.class);
    assertThat(value(kickoffForm, "sponsorName")).isEqualTo("Mindy Simmons");
    assertThat(value(kickoffForm, "technicalRequirements")).isEqualTo("SSO with Okta\nSalesforce integration");
    assertThat(value(kickoffForm, "accountName")).isEqualTo("Globex Corporation");
    // The kickoff form only shows the promised items, in a text area: as text lines.
    assertThat(value(kickoffForm, "promisedItems")).isEqualTo("Salesforce integration live | "
        + promised.get(0).get("dueDate") + "\nData import");
    assertThat(submitForm(expectedCsm, "/engine-rest/task/" + kickoff.getId() + "/submit-form",
        Map.of("kickoffHeldOn", LocalDate.now().toString(), "kickoffNotes", "SSO first, then Salesforce")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(accounts.findById(scored.accountId()).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.ONBOARDING);
    assertThat(handoffs.findByContractId(contractId).orElseThrow().kickoffHeldOn()).isEqualTo(LocalDate.now());
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("endHandoffComplete")
        .count()).isOne();
  }

  @Test
  void anSmtpOutageBecomesAnIncidentAndTheHandoffWaitsForIt() throws Exception {
    String contractId = newContractId();
    Map<?, ?> created = handOff(deal(contractId));
    String instance = (String) created.get("processInstanceId");
    Job mail = management.createJobQuery().processInstanceId(instance).activityId("notifyCsmOfNewAccount").singleResult();

    TestMailServer.stop();
    List<Long> waits = new java.util.ArrayList<>();
    try {
      for (int attempt = 0; attempt < 10 && management.createJobQuery().jobId(mail.getId()).singleResult().getRetries() > 0;
          attempt++) {
        long failedAt = System.currentTimeMillis();
        try {
          management.executeJob(mail.getId());
        } catch (RuntimeException expected) {
          // the mail server is down
        }
        Job retried = management.createJobQuery().jobId(mail.getId()).singleResult();
        if (retried.getRetries() > 0) {
          waits.add(Math.round((retried.getDuedate().getTime() - failedAt) / 60_000.0));
        }
      }
    } finally {
      TestMailServer.start();
    }

    // Patient: 1 minute, 5, 30, 2 hours, 6 hours between tries, then an incident for a person.
    assertThat(waits).containsExactly(1L, 5L, 30L, 120L, 360L);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).activityId("notifyCsmOfNewAccount").count())
        .isOne();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isOne();

    // The mail server is back: an operator retries the incident in Cockpit.
    management.setJobRetries(mail.getId(), 1);
    management.setJobDuedate(mail.getId(), new java.util.Date());
    runJobs(instance);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
    String csm = accounts.findById(((Number) created.get("accountId")).longValue()).orElseThrow().csmId();
    assertThat(TestMailServer.subjectsTo(csm + "@example.com")).contains("New account: Globex Corporation (enterprise, EMEA)");
  }

  /**
   * Issue 28: SMTP is down while the handoff runs. The CSM holds the kickoff and onboarding starts at
   * once, its first tasks there; the mails wait beside it and go out when SMTP is back, once each.
   */
  @Test
  void anSmtpOutageDuringTheHandoffHoldsNothingBack() throws Exception {
    String contractId = newContractId();
    Map<String, Object> deal = deal(contractId);
    deal.put("stakeholders", List.of(Map.of("name", "Nina Nobody", "role", "champion", "email", "nina@vandelay.example"),
        Map.of("name", "Mindy Simmons", "role", "executive-sponsor", "email", "mindy@vandelay.example")));
    Map<?, ?> created = handOff(deal);
    String instance = (String) created.get("processInstanceId");
    long accountId = ((Number) created.get("accountId")).longValue();
    String csm = accounts.findById(accountId).orElseThrow().csmId();

    TestMailServer.stop();
    String onboarding;
    try {
      runJobsWhileMailFails(instance);
      assertThat(management.createJobQuery().processInstanceId(instance).activityId("notifyCsmOfNewAccount")
          .singleResult().getExceptionMessage()).as("the mail failed").isNotNull();

      Task kickoff = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("holdKickoff").singleResult();
      assertThat(kickoff.getAssignee()).isEqualTo(csm);
      // Tasklist's call; then the job executor's work, where the task mails fail too.
      assertThat(as(csm).postForEntity("/engine-rest/task/" + kickoff.getId() + "/submit-form", formVariables(
          Map.of("kickoffHeldOn", LocalDate.now().toString(), "kickoffNotes", "Mail is down, we met anyway")), Map.class)
          .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
      runJobsWhileMailFails(instance);

      // On time: the account is in onboarding and onboarding's first tasks are there, mail or no mail.
      assertThat(accounts.findById(accountId).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.ONBOARDING);
      onboarding = runtime.createProcessInstanceQuery().processDefinitionKey("onboarding")
          .variableValueEquals("accountId", accountId).singleResult().getId();
      runJobsWhileMailFails(onboarding);
      assertThat(tasks.createTaskQuery().processInstanceId(onboarding).taskDefinitionKey("buildSuccessPlan").count()).isOne();
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("kickoffHeld")
          .finished().count()).isOne();
      // The handoff stays open only for its mails.
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isOne();
      assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).isZero();
    } finally {
      TestMailServer.start();
    }
    assertThat(TestMailServer.received()).isEmpty();

    // SMTP is back: the mail jobs' next try comes (here at once) and each mail goes out once.
    for (Job waiting : management.createJobQuery().processInstanceId(instance).list()) {
      management.setJobDuedate(waiting.getId(), new java.util.Date());
    }
    runJobs(instance);
    runJobs(instance);

    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(TestMailServer.subjectsTo("nina@vandelay.example")).filteredOn(s -> s.startsWith("Introducing your"))
        .hasSize(1);
    List<jakarta.mail.internet.MimeMessage> toCsm = TestMailServer.to(csm + "@example.com").stream()
        .filter(m -> subjectOf(m).startsWith("New account:")).toList();
    assertThat(toCsm).hasSize(1);
    // The mail's link opens the account's page in the workspace, not the API's JSON.
    assertThat(TestMailServer.text(toCsm.get(0))).contains("http://localhost:8080/accounts/" + accountId)
        .doesNotContain("/api/accounts/");
  }

  /** Runs what is due; a job that fails (a mail while SMTP is down) waits for its next try. */
  private void runJobsWhileMailFails(String processInstanceId) {
    for (int round = 0; round < 20; round++) {
      List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException smtpDown) {
          // retried later, with its retries counted
        }
      }
    }
    throw new IllegalStateException("jobs of " + processInstanceId + " keep coming");
  }

  private static String subjectOf(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void salesCanEnterAClosedContractInTasklistsStartForm() {
    String contractId = newContractId();
    Map<String, Object> form = new HashMap<>();
    form.put("contractId", contractId);
    form.put("accountName", "Initrode");
    form.put("segment", "mid-market");
    form.put("region", "AMER");
    form.put("arr", 36000);
    form.put("contractStart", LocalDate.now().plusDays(3).toString());
    form.put("contractEnd", LocalDate.now().plusDays(3).plusYears(1).toString());
    form.put("businessGoals", "Faster month-end close\nFewer spreadsheet errors");
    form.put("championName", "Peter Gibbons");
    form.put("championEmail", "peter@initrode.example");
    form.put("promisedItems", List.of(Map.of("description", "Close templates", "dueDate",
        LocalDate.now().plusMonths(1).toString())));
    String start = "/engine-rest/process-definition/key/sales-handoff/submit-form";

    ResponseEntity<Map> started = submitForm("ada", start, form);

    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String instance = (String) started.getBody().get("id");
    Handoff handoff = handoffs.findByContractId(contractId).orElseThrow();
    assertThat(handoff.processInstanceId()).isEqualTo(instance);
    assertThat(handoff.accountExecutiveId()).isEqualTo("ada");
    assertThat(handoffs.brief(handoff).businessGoals()).containsExactly("Faster month-end close", "Fewer spreadsheet errors");
    assertThat(handoffs.brief(handoff).promisedItems()).containsExactly(
        new PromisedItem("Close templates", LocalDate.now().plusMonths(1)));
    assertThat(runtime.getVariables(instance)).containsKeys("contractId", "accountId", "handoffId")
        .doesNotContainKeys("accountName", "businessGoals", "championEmail", "promisedItems");
    assertThat(tasks.createTaskQuery().processInstanceId(instance).singleResult().getAssignee()).isEqualTo("ada");

    ResponseEntity<Map> again = submitForm("ada", start, form);
    assertThat(again.getStatusCode().isError()).isTrue();
    assertThat(again.getBody().get("message")).asString().contains("contract " + contractId + " already has a handoff");

    form.put("contractId", newContractId());
    form.put("contractEnd", LocalDate.now().toString());
    ResponseEntity<Map> backwards = submitForm("ada", start, form);
    assertThat(backwards.getStatusCode().isError()).isTrue();
    assertThat(backwards.getBody().get("message")).asString().contains("contractEnd: must be after contractStart");
    assertThat(handoffs.findByContractId((String) form.get("contractId"))).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contractId).count()).isOne();

    assertThat(submitForm("ed", start, form).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }


  private String leastLoadedOf(String... csms) {
    Map<String, Integer> load = accounts.openAccountsPerCsm(List.of(csms));
    return java.util.Arrays.stream(csms)
        .min(java.util.Comparator.<String>comparingInt(c -> load.getOrDefault(c, 0)).thenComparing(c -> c))
        .orElseThrow();
  }

  private static Object value(Map<?, ?> formVariables, String name) {
    return ((Map<?, ?>) formVariables.get(name)).get("value");
  }

  private static String capitalized(String id) {
    return Character.toUpperCase(id.charAt(0)) + id.substring(1);
  }
}
