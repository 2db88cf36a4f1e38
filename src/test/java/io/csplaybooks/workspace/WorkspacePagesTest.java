package io.csplaybooks.workspace;

import static io.csplaybooks.handoff.HandoffApiTestData.deal;
import static io.csplaybooks.handoff.HandoffApiTestData.newContractId;
import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The workspace's pages over HTTP as a browser sends them: the login and its session shared with
 * Tasklist, who may open which page (every page, every team), the form token, the language, and
 * what people typed shown as text.
 */
class WorkspacePagesTest extends IntegrationTest {

  @LocalServerPort int port;

  @Autowired io.csplaybooks.security.Languages languages;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  long accountId;
  String accountName;
  Map<?, ?> created;

  @BeforeEach
  void account() {
    Map<String, Object> deal = deal(newContractId());
    accountName = "한빛 <b>물산</b> " + deal.get("contractId");
    deal.put("account", Map.of("name", accountName, "segment", "enterprise", "region", "EMEA"));
    created = handOff(deal);
    accountId = ((Number) created.get("accountId")).longValue();
  }

  WorkspaceClient loggedIn(String user) {
    WorkspaceClient client = new WorkspaceClient(port);
    assertThat(client.login(user, PASSWORD).statusCode()).as("login of " + user).isEqualTo(302);
    return client;
  }

  @Test
  void aPageAsksForTheLoginAndComesBackAfterIt() {
    WorkspaceClient browser = new WorkspaceClient(port);
    HttpResponse<String> page = browser.get("/portfolio?segment=enterprise");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow())
        .endsWith("/login?next=%2Fportfolio%3Fsegment%3Denterprise");

    HttpResponse<String> form = browser.get("/login?next=%2Fportfolio%3Fsegment%3Denterprise");
    assertThat(form.body()).contains("id=\"username\"", "id=\"password\"", "id=\"login\"");
    String before = browser.sessionId();
    HttpResponse<String> wrong = browser.post("/login", Map.of("username", "mia", "password", "wrong",
        "_csrf", WorkspaceClient.csrf(form.body()), "next", "/portfolio?segment=enterprise"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("Wrong user name or password");

    HttpResponse<String> right = browser.post("/login", Map.of("username", "mia", "password", PASSWORD,
        "_csrf", WorkspaceClient.csrf(wrong.body()), "next", "/portfolio?segment=enterprise"));
    assertThat(right.statusCode()).isEqualTo(302);
    assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/portfolio?segment=enterprise");
    assertThat(browser.sessionId()).as("a new session at login").isNotEqualTo(before);
    assertThat(browser.get("/portfolio?segment=enterprise").statusCode()).isEqualTo(200);
  }

  @Test
  void oneLoginForTheWorkspaceAndTasklist() {
    WorkspaceClient workspace = loggedIn("carl");
    HttpResponse<String> tasklistSees = workspace.getJson("/camunda/api/admin/auth/user/default");
    assertThat(tasklistSees.statusCode()).isEqualTo(200);
    assertThat(tasklistSees.body()).contains("\"userId\":\"carl\"", "tasklist");

    WorkspaceClient tasklist = new WorkspaceClient(port);
    tasklist.get("/camunda/app/tasklist/default/");
    HttpResponse<String> login = tasklist.post("/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("username", "carl", "password", PASSWORD), Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN")));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(tasklist.get("/my-book").statusCode()).as("logged in to Tasklist, the workspace knows carl").isEqualTo(200);

    String token = workspace.csrfOf("/my-book");
    assertThat(workspace.post("/logout", Map.of("_csrf", token)).statusCode()).isEqualTo(302);
    assertThat(workspace.getJson("/camunda/api/admin/auth/user/default").statusCode()).as("logged out of Tasklist too")
        .isEqualTo(404);
  }

  @Test
  void everyHandlerOfTheWorkspaceNamesItsAudience() {
    List<String> open = new ArrayList<>();
    mappings.getHandlerMethods().forEach((info, handler) -> {
      Method method = handler.getMethod();
      if (isWorkspacePage(method.getDeclaringClass())
          && method.getDeclaringClass() != LoginPage.class && !method.isAnnotationPresent(WorkspaceAccess.Page.class)) {
        open.add(info.toString());
      }
    });
    assertThat(open).isEmpty();
  }

  @Test
  void theLoginGoesOnlyToPagesOfThisSite() {
    for (String next : List.of("//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)")) {
      WorkspaceClient browser = new WorkspaceClient(port);
      String token = WorkspaceClient.csrf(browser.get("/login").body());
      HttpResponse<String> right = browser.post("/login", Map.of("username", "mia", "password", PASSWORD,
          "_csrf", token, "next", next));
      assertThat(right.headers().firstValue("Location").orElseThrow()).as(next).endsWith(":" + port + "/");
    }
  }

  @Test
  void aLoginWithoutTheFormsTokenIsRefused() {
    WorkspaceClient browser = new WorkspaceClient(port);
    browser.get("/login");
    HttpResponse<String> forged = browser.post("/login", Map.of("username", "mia", "password", PASSWORD));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(browser.get("/portfolio").statusCode()).as("not logged in").isEqualTo(302);
  }

  /** Every page and every team: the table the pages' @Page annotations must keep. */
  @Test
  void eachPageOpensForItsTeamsOnly() {
    Map<String, Set<String>> admitted = new HashMap<>();
    admitted.put("/", Set.of("carl", "mia", "ada", "ed", "pat", "root"));
    admitted.put("/portfolio", Set.of("mia", "root"));
    admitted.put("/portfolio/health", Set.of("mia", "root"));
    admitted.put("/my-book", Set.of("carl", "mia", "root"));
    admitted.put("/inbox", Set.of("carl", "mia", "ada", "ed", "pat", "root"));
    admitted.put("/book-transfer?from=carl", Set.of("mia", "root"));
    admitted.put("/accounts", Set.of("carl", "mia", "ada", "root"));
    admitted.put("/accounts/" + accountId, Set.of("carl", "mia", "ada", "root"));
    // No round 1 for this account: its readers get the 404 page, the others the 403.
    admitted.put("/accounts/" + accountId + "/qbr/1", Set.of("carl", "mia", "ada", "root"));
    Set<String> managers = Set.of("mia", "root");
    admitted.put("/studio", managers);
    admitted.put("/studio/playbooks/sales-handoff", managers);
    admitted.put("/studio/playbooks/sales-handoff/diagram", managers);
    // One version of the handoff: there is no other to move to (400).
    admitted.put("/studio/playbooks/sales-handoff/migration", managers);
    admitted.put("/studio/check", managers);
    // No such dropped files in this session (404).
    admitted.put("/studio/check/0123abcd", managers);
    admitted.put("/studio/check/0123abcd/files/0", managers);
    admitted.put("/studio/templates", managers);
    admitted.put("/studio/templates/onboarding/copy?key=onboarding-pages&name=Copy", managers);
    admitted.put("/studio/element-templates.json", managers);
    admitted.put("/studio/editor", managers);
    admitted.put("/studio/editor/blank?key=pages-blank&name=Blank", managers);
    // No draft 0 of theirs (404).
    admitted.put("/studio/drafts/0", managers);
    admitted.put("/studio/triggers", managers);
    admitted.put("/studio/triggers/new", managers);
    // No trigger 999999 (404).
    admitted.put("/studio/triggers/999999", managers);
    // A task's page: for whoever the engine lets see the task (its CSM, CS managers, administrators).
    org.camunda.bpm.engine.task.Task kickoff = kickoffWaiting(created);
    admitted.put("/tasks/" + kickoff.getId(), Set.of(kickoff.getAssignee(), "mia", "root"));

    assertThat(pagePatterns()).as("every GET page of the workspace is in this test's table")
        .containsExactlyInAnyOrderElementsOf(admitted.keySet().stream()
            .map(p -> p.replaceAll("/qbr/\\d+$", "/qbr/{round}").replaceAll("/accounts/\\d+", "/accounts/{id}")
                .replace("/studio/playbooks/sales-handoff", "/studio/playbooks/{key}").replace("/0123abcd", "/{draft}")
                .replace("/files/0", "/files/{index}").replace("/studio/drafts/0", "/studio/drafts/{id}")
                .replace("/studio/triggers/999999", "/studio/triggers/{id}")
                .replace("/blank?key=pages-blank&name=Blank", "/blank").replace("?from=carl", "").replace("/onboarding/copy?key=onboarding-pages&name=Copy", "/{from}/copy")
                .replaceAll("^/tasks/.+$", "/tasks/{taskId}"))
            .toList());
    List<String> wrong = new ArrayList<>();
    for (String user : List.of("carl", "mia", "ada", "ed", "pat", "nora", "root")) {
      WorkspaceClient browser = loggedIn(user);
      admitted.forEach((path, users) -> {
        int status = browser.get(path).statusCode();
        int expected = path.equals("/") ? 302 : !users.contains(user) ? 403
            : path.contains("/qbr/") || path.contains("0123abcd") || path.equals("/studio/drafts/0")
            || path.equals("/studio/triggers/999999") ? 404 : path.endsWith("/migration") ? 400 : 200;
        if (path.equals("/") && !users.contains(user)) {
          expected = 403;
        }
        if (path.startsWith("/tasks/") && !users.contains(user) && !user.equals("nora")) {
          // A person of a team opens the page; a task the engine does not show them is not there.
          expected = 404;
        }
        if (status != expected) {
          wrong.add(user + " GET " + path + ": " + status + ", not " + expected);
        }
      });
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aCsmOpensTheirOwnBookAndAManagerAnyBook() {
    assertThat(loggedIn("carl").get("/my-book?csm=cleo").statusCode()).isEqualTo(403);
    HttpResponse<String> managers = loggedIn("mia").get("/my-book?csm=cleo");
    assertThat(managers.statusCode()).isEqualTo(200);
    assertThat(managers.body()).contains("Cleo Test");
  }

  @Test
  void postsWithoutTheSessionsTokenChangeNothing() {
    WorkspaceClient browser = loggedIn("carl");
    HttpResponse<String> forged = browser.post("/settings/language", Map.of("language", "ko", "back", "/my-book"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(browser.get("/my-book").body()).contains("My book").doesNotContain("내 담당 고객");
    HttpResponse<String> loggedOut = browser.post("/logout", Map.of());
    assertThat(browser.get("/my-book").statusCode()).as("a logout without the token logs nobody out").isEqualTo(200);
    assertThat(loggedOut.statusCode()).isEqualTo(403);
  }

  @Test
  void pagesSpeakTheBrowsersLanguageOrTheOneChosenForPagesAndMails() {
    WorkspaceClient korean = loggedIn("carl").language("ko-KR,ko;q=0.9,en;q=0.5");
    assertThat(korean.get("/my-book").body()).contains("lang=\"ko\"", "내 담당 고객", "로그아웃");

    // A CSM of their own: the choice is kept with the person and would change carl's mails in other tests.
    person("seoyeon", "Seoyeon", "Test", "cs");
    identity.setUserInfo("seoyeon", "locale", "en");
    WorkspaceClient english = loggedIn("seoyeon");
    assertThat(english.get("/my-book").body()).contains("My book");
    String token = english.csrfOf("/my-book");
    HttpResponse<String> chosen = english.post("/settings/language", Map.of("language", "ko", "back", "/my-book",
        "_csrf", token));
    assertThat(chosen.statusCode()).isEqualTo(302);
    assertThat(chosen.headers().firstValue("Location").orElseThrow()).endsWith("/my-book");
    assertThat(english.get("/my-book").body()).contains("내 담당 고객");
    assertThat(languages.of("seoyeon")).as("the mails follow the choice").isEqualTo(java.util.Locale.KOREAN);
    assertThat(loggedIn("seoyeon").get("/my-book").body()).as("the next login, an English browser")
        .contains("내 담당 고객");

    HttpResponse<String> unknown = english.post("/settings/language", Map.of("language", "xx", "back", "/my-book",
        "_csrf", english.csrfOf("/my-book")));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("language");
    assertThat(languages.of("seoyeon")).isEqualTo(java.util.Locale.KOREAN);
  }

  @Test
  void whatPeopleTypedIsShownAsTextInKorean() {
    String page = loggedIn("carl").get("/accounts/" + accountId).body();
    assertThat(page).contains("한빛 &lt;b&gt;물산&lt;/b&gt;").doesNotContain("<b>물산</b>");
    String found = loggedIn("mia").get("/accounts?q=" + java.net.URLEncoder.encode("한빛",
        java.nio.charset.StandardCharsets.UTF_8)).body();
    assertThat(found).contains("/accounts/" + accountId);
  }

  @Test
  void aWrongChoiceIsA400NamingItAndAMissingAccountA404() {
    WorkspaceClient browser = loggedIn("mia");
    HttpResponse<String> bad = browser.get("/portfolio?segment=gold");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("segment");
    assertThat(browser.get("/portfolio?from=2026-13-01").statusCode()).isEqualTo(400);
    assertThat(browser.get("/accounts/99999999").statusCode()).isEqualTo(404);
    assertThat(browser.get("/accounts/abc").statusCode()).isEqualTo(400);
  }

  @Test
  void pagesCarryAStrictContentPolicy() {
    HttpResponse<String> page = loggedIn("mia").get("/portfolio");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'", "frame-ancestors 'none'");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain(" style=\"");
  }

  private Set<String> pagePatterns() {
    Set<String> patterns = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      Method method = e.getValue().getMethod();
      if (isWorkspacePage(method.getDeclaringClass())
          && method.isAnnotationPresent(WorkspaceAccess.Page.class)
          && e.getKey().getMethodsCondition().getMethods().stream().anyMatch(m -> m.name().equals("GET"))) {
        patterns.addAll(e.getKey().getPatternValues());
      }
    }
    return patterns;
  }

  /** The workspace's own handlers, and those of controllers elsewhere that serve its pages (the studio's). */
  private static boolean isWorkspacePage(Class<?> controller) {
    return controller.getPackageName().equals("io.csplaybooks.workspace")
        || controller.isAnnotationPresent(WorkspacePages.class);
  }
}
