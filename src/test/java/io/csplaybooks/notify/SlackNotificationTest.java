package io.csplaybooks.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.Languages;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TestMailServer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Slack beside email, against a local stand-in of Slack's API (WireMock): a CSM who wants both gets
 * a direct message and a mail, engineering (Slack only) gets its channel and no mail, and a Slack
 * outage becomes retries of the Slack job while the playbook goes on.
 */
// A context of its own (other properties, a spy) stays open beside the shared one for the rest of the
// run, so it keeps a small connection pool: the cluster test's two nodes need PostgreSQL's
// connections. (Closing it would unregister the engine named "default" the shared context's REST
// API looks up.)
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=4",
    "spring.datasource.hikari.minimum-idle=1"})
class SlackNotificationTest extends IntegrationTest {

  static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());

  @Autowired Languages languages;

  static {
    SLACK.start();
  }

  @DynamicPropertySource
  static void slack(DynamicPropertyRegistry registry) {
    registry.add("csp.slack.api-url", () -> SLACK.baseUrl() + "/api");
    registry.add("csp.slack.bot-token", () -> "xoxb-test");
    registry.add("csp.slack.team-webhooks.engineering", () -> SLACK.baseUrl() + "/services/T0/B0/engineering");
    registry.add("csp.slack.delivery.engineering", () -> "slack");
    registry.add("csp.slack.delivery.carl", () -> "both");
    registry.add("csp.slack.delivery.cleo", () -> "both");
    registry.add("csp.slack.delivery.hana", () -> "both");
  }

  @AfterAll
  static void stopSlack() {
    SLACK.stop();
  }

  @Test
  void tasksReachSlackAsPeopleAndTeamsWantItAndAnOutageIsRetried() throws Exception {
    SLACK.stubFor(get(urlPathEqualTo("/api/users.lookupByEmail")).withQueryParam("email", equalTo("carl@example.com"))
        .willReturn(okJson("{\"ok\": true, \"user\": {\"id\": \"U0CARL\"}}")));
    SLACK.stubFor(get(urlPathEqualTo("/api/users.lookupByEmail")).withQueryParam("email", equalTo("cleo@example.com"))
        .willReturn(okJson("{\"ok\": true, \"user\": {\"id\": \"U0CLEO\"}}")));
    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\": true}")));
    SLACK.stubFor(post(urlEqualTo("/services/T0/B0/engineering")).willReturn(aResponse().withBody("ok")));

    // What earlier tests left to tell goes out first: the kickoff is then the CSM's only new task, a mail of its own.
    tellPeople();
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    String instance = (String) created.get("processInstanceId");
    runPlaybooksAround(instance);
    Task kickoff = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("holdKickoff").singleResult();
    String csm = kickoff.getAssignee();

    SLACK.verify(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
        .withRequestBody(matchingJsonPath("$.channel", equalTo(csm.equals("carl") ? "U0CARL" : "U0CLEO")))
        .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.containing(
            "|Hold kickoff>"))));
    assertThat(TestMailServer.subjectsTo(csm + "@example.com")).anyMatch(s -> s.startsWith("Task: Hold kickoff"));
    SLACK.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
        .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.containing(
            "New account for you: <"))));
    assertThat(TestMailServer.subjectsTo(csm + "@example.com")).anyMatch(s -> s.startsWith("New account: "));

    // The kickoff starts onboarding: engineering's two setup tasks go to its channel, as one digest with
    // a link to each, and to nobody's inbox.
    TestMailServer.purge();
    holdKickoff(created);
    long account = ((Number) created.get("accountId")).longValue();
    List<Task> setups = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(account))
        .taskDefinitionKey("setUpRequirement").list();
    assertThat(setups).hasSize(2);
    SLACK.verify(1, postRequestedFor(urlEqualTo("/services/T0/B0/engineering"))
        .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.containing(
            "2 new tasks for your team (<http://localhost:8080/inbox|inbox>):"))));
    for (Task setup : setups) {
      SLACK.verify(1, postRequestedFor(urlEqualTo("/services/T0/B0/engineering"))
          .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.containing(
              "<http://localhost:8080/tasks/" + setup.getId() + "|" + setup.getName() + ">"))));
    }
    assertThat(TestMailServer.subjectsTo("ed@example.com")).noneMatch(s -> s.startsWith("Task: Set up"));

    // Slack is away: the new assignee's digest job fails and keeps its retries for later (its mail went
    // out and is not sent again); the task is there to work on.
    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(503)));
    int before = SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).size();
    Task plan = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(account))
        .taskDefinitionKey("buildSuccessPlan").singleResult();
    tasks.setAssignee(plan.getId(), csm.equals("carl") ? "cleo" : "carl");
    assertThat(taskDigests.tellNow()).isOne();
    Job slackJob = digestJobs().get(0);
    assertThatThrownBy(() -> management.executeJob(slackJob.getId())).isInstanceOf(RuntimeException.class);
    Job failed = management.createJobQuery().jobId(slackJob.getId()).singleResult();
    assertThat(failed.getRetries()).isPositive();
    assertThat(failed.getExceptionMessage()).contains("503");
    assertThat(tasks.createTaskQuery().taskId(plan.getId()).count()).isOne();

    // Slack rate-limits: the job waits as long as Retry-After says, and keeps its retries.
    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "30")));
    long limitedAt = System.currentTimeMillis();
    assertThatThrownBy(() -> management.executeJob(slackJob.getId())).isInstanceOf(RuntimeException.class);
    Job limited = management.createJobQuery().jobId(slackJob.getId()).singleResult();
    assertThat(limited.getRetries()).isEqualTo(failed.getRetries());
    assertThat(limited.getDuedate().getTime() - limitedAt).isBetween(29_000L, 31_000L);
    assertThat(limited.getExceptionMessage()).contains("asked to wait 30 s");

    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\": true}")));
    management.executeJob(slackJob.getId());
    // The try Slack refused, the one it rate-limited, the one that went.
    assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).size()).isEqualTo(before + 3);
    assertThat(management.createJobQuery().jobId(slackJob.getId()).count()).isZero();
  }

  @Test
  void aKoreanCsmReadsSlackInKoreanWithTheAccountsNameIntact() {
    person("hana", "하나", "김", Groups.CS);
    languages.choose("hana", Locale.KOREAN);
    SLACK.stubFor(get(urlPathEqualTo("/api/users.lookupByEmail")).withQueryParam("email", equalTo("hana@example.com"))
        .willReturn(okJson("{\"ok\": true, \"user\": {\"id\": \"U0HANA\"}}")));
    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\": true}")));
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    // Above 250,000 in EMEA a CS manager confirms the CSM, and chooses Hana.
    deal.put("account", Map.of("name", "새봄 식품", "segment", "enterprise", "region", "EMEA"));
    deal.put("arr", 300000);
    String instance = (String) handOff(deal).get("processInstanceId");
    runPlaybooksAround(instance);
    Task review = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("reviewCsmAssignment").singleResult();
    assertThat(submitTask("mia", review, Map.of("csmId", "hana")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    runPlaybooksAround(instance);

    SLACK.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
        .withRequestBody(matchingJsonPath("$.channel", equalTo("U0HANA")))
        .withRequestBody(matchingJsonPath("$.text", matching("새 고객사가 배정되었습니다: <https?://[^/|]+/accounts/\\d+\\|새봄 식품>"
            + " \\(enterprise, EMEA\\)\\. \\d{4}-\\d{2}-\\d{2}까지 킥오프 미팅을 진행해 주세요\\."))));
    SLACK.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
        .withRequestBody(matchingJsonPath("$.channel", equalTo("U0HANA")))
        .withRequestBody(matchingJsonPath("$.text", matching("새 작업이 배정되었습니다: <http[^|]+\\|Hold kickoff> .*, 마감 .*"))));
  }

  @Test
  void whatPeopleTypedIsShownAsTextNotAsSlackMarkup() {
    assertThat(Slack.escape("Set up <!channel> & <https://evil.example|SSO>"))
        .isEqualTo("Set up &lt;!channel&gt; &amp; &lt;https://evil.example|SSO&gt;");
  }

  private List<Job> digestJobs() {
    return management.createJobQuery().list().stream()
        .filter(job -> "csp-task-digest".equals(((JobEntity) job).getJobHandlerType())).toList();
  }
}
