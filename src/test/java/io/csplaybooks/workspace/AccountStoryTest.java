package io.csplaybooks.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.feedback.FeedbackItem;
import io.csplaybooks.feedback.FeedbackKind;
import io.csplaybooks.feedback.FeedbackLog;
import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.health.HealthBand;
import io.csplaybooks.health.HealthRecord;
import io.csplaybooks.health.HealthFixtures;
import io.csplaybooks.qbr.QbrPacks;
import io.csplaybooks.qbr.QbrFixtures;
import io.csplaybooks.qbr.QbrHistory;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * On PostgreSQL: an account handed off, its kickoff held, its health moved, a QBR prepared and held,
 * feedback given; its story tells it newest first, in English and Korean, without the feedback for
 * sales. The QBR pack's page shows the customer's words (Korean, markup) as text to account readers.
 */
class AccountStoryTest extends IntegrationTest {

  static final WorkspaceUser MIA = new WorkspaceUser("mia", "Mia Test", List.of(Groups.CS_MANAGERS));
  static final WorkspaceUser SOL = new WorkspaceUser("sol", "Sol Test", List.of(Groups.SALES));

  @Autowired AccountStory story;
  @Autowired MessageSource messages;
  @Autowired Accounts accounts;
  @Autowired ApplicationContext context;
  @Autowired FeedbackLog feedback;
  @Autowired QbrPacks packs;
  @Autowired SpringTemplateEngine templates;
  @LocalServerPort int port;

  @Test
  void anAccountsStoryFromItsHandoffOnNewestFirst() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    long accountId = ((Number) created.get("accountId")).longValue();
    String handoff = (String) created.get("processInstanceId");
    holdKickoff(created);
    String csm = accounts.findById(accountId).orElseThrow().csmId();

    // Scorings: only a move of 10 points or more, or a new band, is part of the story.
    Instant now = EngineClock.now();
    HealthFixtures.saveScores(context, List.of(scored(accountId, now.minus(5, ChronoUnit.HOURS), 80, HealthBand.GREEN)));
    HealthFixtures.saveScores(context, List.of(scored(accountId, now.minus(4, ChronoUnit.HOURS), 78, HealthBand.GREEN)));
    HealthFixtures.saveScores(context, List.of(scored(accountId, now.minus(3, ChronoUnit.HOURS), 62, HealthBand.YELLOW)));
    HealthFixtures.saveScores(context, List.of(scored(accountId, now.minus(2, ChronoUnit.HOURS), 60, HealthBand.YELLOW)));
    HealthFixtures.saveScores(context, List.of(scored(accountId, now.minus(1, ChronoUnit.HOURS), 70, HealthBand.YELLOW)));
    LocalDate qbrDay = LocalDate.now().plusDays(20);
    packs.prepare(accountId, 1, qbrDay);
    QbrFixtures.saveOutcome(context, new QbrHistory.Outcome(accountId, 1, qbrDay, null, null, null, "Went well", csm,
        EngineClock.now()));
    feedback.record(accountId, 1, new FeedbackItem.New(FeedbackKind.BUG, "SSO",
        "Login loops after the <b>Okta</b> redirect"), csm);

    List<AccountStory.Entry> entries = story.of(accountId, 200, MIA);
    List<String> english = entries.stream().map(e -> text(e, Locale.ENGLISH)).toList();

    assertThat(entries).isSortedAccordingTo(Comparator.comparing(AccountStory.Entry::at).reversed());
    assertThat(english).anyMatch(l -> l.matches("Sales-to-CS handoff \\(version \\d+\\) started"))
        .anyMatch(l -> l.matches("Sales-to-CS handoff \\(version \\d+\\) ended: Handoff complete"))
        .anyMatch(l -> l.matches("Onboarding \\(version \\d+\\) started"))
        .anyMatch(l -> l.startsWith("Became a customer in Handoff: "))
        .anyMatch(l -> l.startsWith("Moved from Handoff to Onboarding: "))
        .anyMatch(l -> l.matches("New logo contract .*: 120,000 USD ARR, .*"))
        .contains("Health went from 78 to 62 (Yellow): nightly scoring", "Health went from 60 to 70 (Yellow): nightly scoring",
            "QBR round 1: pack prepared for the meeting on " + qbrDay, "QBR round 1 held on " + qbrDay,
            "Bug about SSO: Login loops after the <b>Okta</b> redirect (open)")
        .noneMatch(l -> l.contains("from 80 to 78") || l.contains("from 62 to 60"));

    AccountStory.Entry kickoff = only(entries, e -> "task".equals(e.kind()) && "Hold kickoff".equals(e.args().get(0)));
    assertThat(kickoff.by()).isEqualTo(csm);
    assertThat(kickoff.link()).as("a done task has no Tasklist link").isNull();
    assertThat(text(kickoff, Locale.ENGLISH)).isEqualTo("Done: Hold kickoff (Sales-to-CS handoff)");
    assertThat(only(entries, e -> "timeline.qbr.pack".equals(e.message())).link())
        .isEqualTo("/accounts/" + accountId + "/qbr/1");
    assertThat(only(entries, e -> "timeline.qbr.held".equals(e.message())).by()).isEqualTo(csm);

    // Newest first: the kickoff came after the handoff started, the feedback after the kickoff.
    int handoffStarted = english.indexOf(english.stream().filter(l -> l.startsWith("Sales-to-CS handoff")
        && l.endsWith("started")).findFirst().orElseThrow());
    assertThat(entries.indexOf(kickoff)).isLessThan(handoffStarted);
    assertThat(entries.indexOf(only(entries, e -> "feedback".equals(e.kind())))).isLessThan(entries.indexOf(kickoff));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(handoff).singleResult().getEndTime())
        .isNotNull();

    // In Korean, the application's words are Korean; the customer's and the playbook model's stay as written.
    List<String> korean = entries.stream().map(e -> text(e, Locale.KOREAN)).toList();
    // The handoff moved the account to onboarding: the story says so by the playbook's name.
    assertThat(entries).filteredOn(e -> "sales-handoff playbook".equals(e.by())).isNotEmpty()
        .allMatch(e -> e.byPlaybook() != null && "Sales-to-CS handoff".equals(
            messages.getMessage(e.byPlaybook(), Locale.ENGLISH)));
    assertThat(korean).anyMatch(l -> l.matches("플레이북 시작: 영업-CS 인계 \\(버전 \\d+\\)"))
        .anyMatch(l -> l.startsWith("단계 변경: 인계 → 온보딩 ("))
        .contains("건강도 변화: 78 → 62 (노랑), 계산 사유: 야간 점수 계산",
            "버그 피드백, 주제 SSO: Login loops after the <b>Okta</b> redirect (처리 중)");

    // Sales may read the account, not its feedback (GET /api/accounts/{id}/feedback): neither here.
    List<AccountStory.Entry> forSales = story.of(accountId, 200, SOL);
    assertThat(forSales).extracting(AccountStory.Entry::kind).doesNotContain("feedback")
        .contains("lifecycle", "playbook", "task", "health", "qbr");
    assertThat(forSales).hasSize(entries.size() - 1);
    assertThat(as("sol").getForEntity("/api/accounts/" + accountId + "/feedback", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    assertThat(story.of(accountId, 3, MIA)).containsExactlyElementsOf(entries.subList(0, 3));
    assertThatThrownBy(() -> story.of(accountId, 0, MIA)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
    assertThat(story.of(Long.MAX_VALUE, 10, MIA)).isEmpty();

    // The fragment the account page includes: each entry's time, words, who and link, the customer's text escaped.
    Context page = new Context(Locale.ENGLISH);
    page.setVariable("entries", entries);
    String html = templates.process("workspace/timeline", Set.of("timeline"), page);
    assertThat(html).contains("<ol class=\"timeline\">", "<time datetime=\"" + kickoff.at() + "\"",
        "href=\"/accounts/" + accountId + "/qbr/1\"", "Done: Hold kickoff (Sales-to-CS handoff)",
        "Login loops after the &lt;b&gt;Okta&lt;/b&gt; redirect", "by " + csm)
        .doesNotContain("<b>Okta</b>");
    // What a playbook did with nobody at the keyboard is recorded as "engine" and read as the playbook's.
    Context byThePlaybook = new Context(Locale.ENGLISH);
    byThePlaybook.setVariable("entries", List.of(new AccountStory.Entry(Instant.now(), "lifecycle",
        "timeline.lifecycle.moved", List.of("onboarding", "adoption", "first value reached"), "engine", null),
        new AccountStory.Entry(Instant.now(), "lifecycle", "timeline.lifecycle.moved",
            List.of("handoff", "onboarding", "kickoff held"), "sales-handoff playbook", null,
            new org.springframework.context.support.DefaultMessageSourceResolvable(
                new String[] {"timeline.playbook.sales-handoff"}, null, "sales-handoff"))));
    assertThat(templates.process("workspace/timeline", Set.of("timeline"), byThePlaybook))
        .contains("by the playbook<", "by the Sales-to-CS handoff playbook<").doesNotContain("by engine", "by sales-handoff");
    byThePlaybook.setLocale(Locale.KOREAN);
    assertThat(templates.process("workspace/timeline", Set.of("timeline"), byThePlaybook))
        .contains(">플레이북이 처리<", "영업-CS 인계 플레이북이 처리").doesNotContain("engine", "sales-handoff");
    Context empty = new Context(Locale.KOREAN);
    empty.setVariable("entries", List.of());
    assertThat(templates.process("workspace/timeline", Set.of("timeline"), empty)).contains("아직 기록된 일이 없습니다.")
        .doesNotContain("<ol");
  }

  @Test
  void aPlaybookMovedToAnotherVersionStillSaysTheVersionAndDateItStartedIn() {
    Map<?, ?> created = handOff(HandoffApiTestData.deal(HandoffApiTestData.newContractId()));
    long accountId = ((Number) created.get("accountId")).longValue();
    String key = "story-follow-up";
    String one = deploy(key, "follow-up-v1.bpmn");
    String instance = runtime.startProcessInstanceById(one, String.valueOf(accountId), Map.of("accountId", accountId))
        .getId();
    runJobs(instance);
    Instant started = history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
        .getStartTime().toInstant();
    String two = deploy(key, "follow-up-v2.bpmn");

    Map<?, ?> moved = as("mia").postForObject("/api/playbooks/" + key + "/migrations",
        Map.of("fromVersion", 1, "toVersion", 2, "confirm", true), Map.class);

    assertThat(moved.get("migrated")).isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId())
        .isEqualTo(two);
    AccountStory.Entry start = story.of(accountId, 100, MIA).stream()
        .filter(e -> e.message().equals("timeline.playbook.started"))
        .filter(e -> e.args().get(0) instanceof org.springframework.context.MessageSourceResolvable name
            && "Follow-up (test)".equals(name.getDefaultMessage()))
        .findFirst().orElseThrow();
    assertThat(start.args().get(1)).isEqualTo(1);
    assertThat(start.at()).isEqualTo(started);
  }

  private String deploy(String key, String fixture) {
    String deployment = context.getBean(org.camunda.bpm.engine.RepositoryService.class).createDeployment().name(key)
        .addString(key + ".bpmn", io.csplaybooks.sandbox.PlaybookValidatorTest.fixture(fixture).replace("follow-up-test", key))
        .deploy().getId();
    return context.getBean(org.camunda.bpm.engine.RepositoryService.class).createProcessDefinitionQuery()
        .deploymentId(deployment).singleResult().getId();
  }

  @Test
  void theQbrPackPageShowsTheCustomersWordsAsText() throws Exception {
    Map<String, Object> deal = HandoffApiTestData.deal(HandoffApiTestData.newContractId());
    deal.put("account", Map.of("name", "글로벡스 <i>코리아</i>", "segment", "enterprise", "region", "EMEA"));
    Map<?, ?> created = handOff(deal);
    long accountId = ((Number) created.get("accountId")).longValue();
    Map<String, Object> plan = Map.of("goals", List.of("상담 비용 15% 절감"),
        "kpis", List.of(Map.of("name", "주간 활성 상담원 <script>alert(1)</script>", "unit", "%", "baseline", 20,
            "target", 80, "dueDate", LocalDate.now().plusMonths(6).toString())));
    assertThat(as("mia").exchange("/api/accounts/" + accountId + "/success-plan", HttpMethod.PUT,
        new HttpEntity<>(plan), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    LocalDate qbrDay = LocalDate.now().plusDays(30);
    packs.prepare(accountId, 1, qbrDay);
    String path = "/accounts/" + accountId + "/qbr/1";

    Browser carl = new Browser("en");
    carl.logIn("carl");
    HttpResponse<String> page = carl.get(path);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").containsIgnoringCase("utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    assertThat(page.body()).contains("<h1>QBR 글로벡스 &lt;i&gt;코리아&lt;/i&gt;, round 1</h1>",
        "주간 활성 상담원 &lt;script&gt;alert(1)&lt;/script&gt;", "20 %", "80 %", "QBR on " + qbrDay,
        "Enterprise", "Renews on ", "ARR 120,000", "href=\"/accounts/" + accountId + "\"")
        .doesNotContain("<script>alert(1)</script>", "<i>코리아</i>", "<style");

    Browser sol = new Browser("ko");
    sol.logIn("sol");
    HttpResponse<String> korean = sol.get(path);
    assertThat(korean.statusCode()).isEqualTo(200);
    assertThat(korean.body()).contains("QBR 글로벡스 &lt;i&gt;코리아&lt;/i&gt;, 1회차", "성공 계획 KPI", "엔터프라이즈");

    assertThat(carl.get("/accounts/" + accountId + "/qbr/2").statusCode()).isEqualTo(404);
    assertThat(carl.get("/accounts/" + Long.MAX_VALUE + "/qbr/1").statusCode()).isEqualTo(404);
    assertThat(carl.get("/accounts/" + accountId + "/qbr/first").statusCode()).isEqualTo(400);
    Browser ed = new Browser("en");
    ed.logIn("ed");
    assertThat(ed.get(path).statusCode()).as("engineering reads no account").isEqualTo(403);
    HttpResponse<String> stranger = new Browser("en").get(path);
    assertThat(stranger.statusCode()).isEqualTo(302);
    assertThat(stranger.headers().firstValue("Location").orElseThrow()).contains("/login?next=");
  }

  private String text(AccountStory.Entry entry, Locale locale) {
    return messages.getMessage(entry.message(), entry.argArray(), locale);
  }

  private static AccountStory.Entry only(List<AccountStory.Entry> entries,
      java.util.function.Predicate<AccountStory.Entry> which) {
    List<AccountStory.Entry> found = entries.stream().filter(which).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static HealthRecord scored(long accountId, Instant at, int score, HealthBand band) {
    return new HealthRecord(accountId, at, score, band, score, "test", "[]", null, "portfolio run", null);
  }

  /** A browser: its own session cookie, the workspace's login form, no redirects followed. */
  private final class Browser {
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String language;

    Browser(String language) {
      this.language = language;
    }

    void logIn(String user) throws IOException, InterruptedException {
      HttpResponse<String> form = get("/login");
      Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
      assertThat(token.find()).as("the login form's token").isTrue();
      List<String> fields = new ArrayList<>();
      Map.of("username", user, "password", PASSWORD, "_csrf", token.group(1)).forEach((name, value) ->
          fields.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
      HttpResponse<String> in = client.send(HttpRequest.newBuilder(uri("/login"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", language)
          .POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(in.statusCode()).as(user + " logs in").isEqualTo(302);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return client.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", language).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }
  }
}
