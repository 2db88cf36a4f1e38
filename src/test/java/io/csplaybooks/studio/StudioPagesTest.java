package io.csplaybooks.studio;

import static io.csplaybooks.handoff.HandoffApiTestData.deal;
import static io.csplaybooks.handoff.HandoffApiTestData.newContractId;
import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playbook studio over HTTP, as a browser sends it: the figures are the analytics API's; bad
 * choices are a 400 naming the field; dropped files are checked, hostile ones change nothing, a clean
 * set deploys once, as the person, with the deployed forms it shows; moving accounts is previewed,
 * then done once. Each test uses its own playbook key, so the tests share the database safely.
 */
class StudioPagesTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repository;

  static final Pattern STEP_ROW = Pattern.compile(
      "<tr data-step=\"([^\"]+)\">.*?<td class=\"num open\">(\\d+)</td>\\s*<td class=\"num passed\">(\\d+)</td>.*?"
          + "<td class=\"num missed\">(\\d+)</td>", Pattern.DOTALL);

  WorkspaceClient loggedIn(String user) {
    WorkspaceClient client = new WorkspaceClient(port);
    assertThat(client.login(user, PASSWORD).statusCode()).as("login of " + user).isEqualTo(302);
    return client;
  }

  /**
   * A file of src/test/resources/studio, its playbook and form ids renamed after the test's own key
   * (the forms the tests deploy stay deployed for the tests after them).
   */
  static byte[] studioFile(String name, String key) {
    try (var in = StudioPagesTest.class.getResourceAsStream("/studio/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("account-check", key)
          .replace("call-sponsor", key + "-call").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, byte[]> files(String key, String... names) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : names) {
      files.put(name.substring(name.lastIndexOf('/') + 1).replace("-v1", "").replace("account-check", key),
          studioFile(name, key));
    }
    return files;
  }

  /** Drops the files and follows the redirect to the check's page. */
  static HttpResponse<String> drop(WorkspaceClient browser, Map<String, byte[]> files) {
    HttpResponse<String> dropped = browser.postFiles("/studio/check", Map.of("_csrf", browser.csrfOf("/studio/check")),
        "files", files);
    assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(302);
    String location = dropped.headers().firstValue("Location").orElseThrow();
    return browser.get(location.substring(location.indexOf("/studio/check/")));
  }

  static String draftOf(HttpResponse<String> checked) {
    String path = checked.uri().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  long versions(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).count();
  }

  @Test
  void theStudioShowsTheAnalyticsApisFiguresForThePeriodAndVersion() {
    handOff(deal(newContractId()));
    handOff(deal(newContractId()));
    String from = LocalDate.now().minusDays(30).toString();
    String to = LocalDate.now().toString();
    WorkspaceClient browser = loggedIn("mia");

    HttpResponse<String> page = browser.get("/studio/playbooks/sales-handoff?from=" + from + "&to=" + to);

    assertThat(page.statusCode()).isEqualTo(200);
    Map<String, Object> api = as("mia").getForObject("/api/playbooks/sales-handoff/analytics?from=" + from + "&to=" + to,
        Map.class);
    List<Map<String, Object>> steps = (List<Map<String, Object>>) api.get("steps");
    assertThat(steps).isNotEmpty();
    Map<String, String> shown = new LinkedHashMap<>();
    Matcher row = STEP_ROW.matcher(page.body());
    while (row.find()) {
      shown.put(row.group(1), row.group(2) + "/" + row.group(3) + "/" + row.group(4));
    }
    Map<String, String> expected = new LinkedHashMap<>();
    steps.forEach(s -> expected.put((String) s.get("activityId"), s.get("open") + "/" + s.get("passed") + "/"
        + s.get("deadlinesMissed")));
    assertThat(shown).isEqualTo(expected);
    assertThat(page.body()).contains("id=\"running\">" + ((Map<?, ?>) api.get("instances")).get("running") + "<");

    // One version, and a period in which nothing ended: the counts of what waits now stay.
    String version = String.valueOf(repository.createProcessDefinitionQuery().processDefinitionKey("sales-handoff")
        .latestVersion().singleResult().getVersion());
    HttpResponse<String> old = browser.get("/studio/playbooks/sales-handoff?version=" + version + "&from=2020-01-01&to=2020-12-31");
    assertThat(old.statusCode()).isEqualTo(200);
    assertThat(old.body()).contains("id=\"finished\">0<");
  }

  @Test
  void badChoicesAreA400NamingTheFieldAndUnknownPlaybooksA404() {
    WorkspaceClient browser = loggedIn("mia");
    assertThat(browser.get("/studio/playbooks/sales-handoff?version=999")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("version: playbook sales-handoff has no version 999");
    });
    assertThat(browser.get("/studio/playbooks/sales-handoff?from=2026-02-30")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("from: must be a date");
    });
    assertThat(browser.get("/studio/playbooks/sales-handoff?from=2026-05-01&to=2026-04-01").body())
        .contains("from: must not be after to");
    assertThat(browser.get("/studio/playbooks/sales-handoff?step=%3Cscript%3E")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("step: must be the id of a step").doesNotContain("<script>");
    });
    assertThat(browser.get("/studio/playbooks/sales-handoff?version=abc").statusCode()).isEqualTo(400);
    assertThat(browser.get("/studio/playbooks/no-such-playbook").statusCode()).isEqualTo(404);
    assertThat(browser.get("/studio/playbooks/sales-handoff/migration?fromVersion=1").body())
        .contains("toVersion: is required");
  }

  @Test
  void theDiagramIsPlainTextThatNoBrowserRenders() {
    HttpResponse<String> diagram = loggedIn("mia").get("/studio/playbooks/sales-handoff/diagram");

    assertThat(diagram.statusCode()).isEqualTo(200);
    assertThat(diagram.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(diagram.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
    assertThat(diagram.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(diagram.body()).contains("<bpmn:process id=\"sales-handoff\"");
  }

  @Test
  void aDroppedPlaybookShowsEachProblemOnItsElementAndDeploysNothing() {
    String key = "studio-broken";
    WorkspaceClient browser = loggedIn("mia");

    HttpResponse<String> checked = drop(browser, files(key, "broken/account-check.bpmn"));

    assertThat(checked.statusCode()).isEqualTo(200);
    assertThat(checked.body()).contains("data-element=\"notifySponsor\"", "data-element=\"callSponsor\"",
        "a delegate expression names one step of the application", "shows the form &#39;" + key + "-call&#39;")
        .doesNotContain("id=\"deploy\"");
    assertThat(checked.body()).contains("data-form=\"" + key + "-call\" data-found=\"MISSING\"");
    // Deploying what the check refused is refused again, whatever the page showed.
    HttpResponse<String> forced = browser.post("/studio/check/" + draftOf(checked) + "/deploy",
        Map.of("_csrf", WorkspaceClient.csrf(checked.body())));
    assertThat(forced.statusCode()).isEqualTo(200);
    assertThat(forced.body()).contains("data-element=\"notifySponsor\"");
    assertThat(versions(key)).isZero();
  }

  @Test
  void hostileFilesAreProblemsOrA400AndChangeNothing() {
    WorkspaceClient browser = loggedIn("mia");
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE definitions [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
          <bpmn:process id="studio-xxe" name="&secret;" isExecutable="true"/>
        </bpmn:definitions>
        """;
    HttpResponse<String> checked = drop(browser, Map.of("xxe.bpmn", xxe.getBytes(StandardCharsets.UTF_8),
        "run.js", "require('child_process')".getBytes(StandardCharsets.UTF_8)));
    assertThat(checked.body()).contains("run.js is not a playbook file").doesNotContain("root:x:0:0")
        .doesNotContain("id=\"deploy\"");
    assertThat(versions("studio-xxe")).isZero();

    // A file with thousands of problems: the count, and the first 200 listed and marked.
    StringBuilder crowdedFile = new StringBuilder("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"d\" targetNamespace=\"x\">"
        + "<bpmn:process id=\"studio-many\" isExecutable=\"true\">");
    for (int i = 0; i < 2000; i++) {
      crowdedFile.append("<bpmn:serviceTask id=\"t").append(i).append("\" camunda:delegateExpression=\"${nope}\"/>");
    }
    HttpResponse<String> crowded = drop(browser, Map.of("many.bpmn",
        crowdedFile.append("</bpmn:process></bpmn:definitions>").toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(crowded.body()).contains("id=\"problems-shown\"");
    assertThat(crowded.body().split("<li data-resource=", -1)).hasSize(201);
    // Its tasks made without a template: the first 200 notes too.
    assertThat(crowded.body()).contains("id=\"notes-shown\"");
    assertThat(crowded.body().split("data-note-element=", -1)).hasSize(201);

    // A browser may send folders with the name: only the file's own name is kept.
    HttpResponse<String> folders = drop(browser, Map.of("../../etc/review.form", studioFile("account-check.form", "x")));
    assertThat(folders.body()).contains("<li>review.form</li>");

    String token = browser.csrfOf("/studio/check");
    assertThat(browser.postFiles("/studio/check", Map.of("_csrf", token), "files",
        Map.of("bad\u0001name.bpmn", new byte[] {1})).body()).contains("files: the name");
    assertThat(browser.postFiles("/studio/check", Map.of("_csrf", token), "files", Map.of()).body())
        .contains("files: drop at least one");
    Map<String, byte[]> many = new LinkedHashMap<>();
    for (int i = 0; i < 41; i++) {
      many.put("form-" + i + ".form", "{}".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(browser.postFiles("/studio/check", Map.of("_csrf", token), "files", many)).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("files: at most 40 files at once");
    });
    HttpResponse<String> large = browser.postFiles("/studio/check", Map.of("_csrf", token), "files",
        Map.of("large.bpmn", new byte[1024 * 1024 + 1]));
    assertThat(large.statusCode()).isEqualTo(400);
    assertThat(large.body()).contains("files: large.bpmn is larger than 1024 KB");
    HttpResponse<String> huge = browser.postFiles("/studio/check", Map.of("_csrf", token), "files",
        Map.of("huge.bpmn", new byte[3 * 1024 * 1024]));
    assertThat(huge.statusCode()).isEqualTo(400);
    assertThat(huge.body()).contains("files: at most 1024 KB a file");
    // Without the session's form token nothing is even checked.
    assertThat(browser.postFiles("/studio/check", Map.of(), "files", files("studio-x", "account-check-v1.bpmn"))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void aCleanSetDeploysOnceAsThePersonWithTheDeployedFormsItShows() {
    String key = "studio-clean";
    WorkspaceClient browser = loggedIn("mia");
    HttpResponse<String> first = drop(browser, files(key, "account-check-v1.bpmn", "account-check.form"));
    assertThat(first.body()).contains("id=\"clean\"", "data-found=\"DROPPED\"");
    HttpResponse<String> deployed = browser.post("/studio/check/" + draftOf(first) + "/deploy",
        Map.of("_csrf", WorkspaceClient.csrf(first.body())));
    assertThat(deployed.statusCode()).isEqualTo(200);
    assertThat(deployed.body()).contains("data-key=\"" + key + "\" data-version=\"1\"");

    // Version 2 without its first form: found among the deployed forms, and deployed with it.
    HttpResponse<String> second = drop(browser, files(key, "fixed/account-check.bpmn", "fixed/call-sponsor.form"));
    assertThat(second.body()).contains("data-form=\"" + key + "\" data-found=\"DEPLOYED\"",
        "data-form=\"" + key + "-call\" data-found=\"DROPPED\"", "id=\"deploy\"");
    String draft = draftOf(second);
    String token = WorkspaceClient.csrf(second.body());
    assertThat(browser.post("/studio/check/" + draft + "/deploy", Map.of("_csrf", token)).body())
        .contains("data-key=\"" + key + "\" data-version=\"2\"");
    ProcessDefinition two = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    assertThat(two.getVersion()).isEqualTo(2);
    assertThat(repository.getDeploymentResourceNames(two.getDeploymentId()))
        .contains("account-check.bpmn".replace("account-check", key), "call-sponsor.form").hasSize(3);
    assertThat(repository.createDeploymentQuery().deploymentId(two.getDeploymentId()).singleResult().getSource())
        .isEqualTo("playbook studio");

    // The same files again (a second click, a reload): nothing new.
    HttpResponse<String> again = browser.post("/studio/check/" + draft + "/deploy", Map.of("_csrf", token));
    assertThat(again.body()).contains("id=\"duplicate\"");
    assertThat(versions(key)).isEqualTo(2);

    // The studio names who deployed each version.
    HttpResponse<String> studio = browser.get("/studio/playbooks/" + key);
    assertThat(studio.body()).contains("<td>mia</td>", "playbook studio");
  }

  @Test
  void droppedFilesBelongToTheSessionThatDroppedThem() {
    HttpResponse<String> checked = drop(loggedIn("mia"), files("studio-own", "account-check-v1.bpmn"));
    String draft = draftOf(checked);
    WorkspaceClient other = loggedIn("root");
    assertThat(other.get("/studio/check/" + draft).statusCode()).isEqualTo(404);
    assertThat(other.post("/studio/check/" + draft + "/deploy", Map.of("_csrf", other.csrfOf("/studio/check")))
        .statusCode()).isEqualTo(404);
    assertThat(versions("studio-own")).isZero();
    assertThat(loggedIn("carl").get("/studio/check/" + draft).statusCode()).isEqualTo(403);
  }

  @Test
  void movingAccountsIsPreviewedThenDoneOnce() {
    String key = "studio-move";
    WorkspaceClient browser = loggedIn("mia");
    HttpResponse<String> v1 = drop(browser, files(key, "account-check-v1.bpmn", "account-check.form"));
    browser.post("/studio/check/" + draftOf(v1) + "/deploy", Map.of("_csrf", WorkspaceClient.csrf(v1.body())));
    String one = repository.createProcessDefinitionQuery().processDefinitionKey(key).singleResult().getId();
    for (int i = 0; i < 3; i++) {
      // The task's notification (a job) is sent, as the job executor would have by now.
      runJobs(runtime.startProcessInstanceById(one, key + "-" + i).getId());
    }
    HttpResponse<String> v2 = drop(browser, files(key, "fixed/account-check.bpmn", "fixed/call-sponsor.form"));
    browser.post("/studio/check/" + draftOf(v2) + "/deploy", Map.of("_csrf", WorkspaceClient.csrf(v2.body())));

    HttpResponse<String> plan = browser.get("/studio/playbooks/" + key + "/migration?fromVersion=1&toVersion=2");
    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat(plan.body()).contains("id=\"instances\">3<", "id=\"migratable\">3<", "id=\"confirm\"");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(one).count()).isEqualTo(3);

    assertThat(loggedIn("carl").post("/studio/playbooks/" + key + "/migration",
        Map.of("fromVersion", "1", "toVersion", "2", "_csrf", "x")).statusCode()).isEqualTo(403);
    String token = WorkspaceClient.csrf(plan.body());
    HttpResponse<String> moved = browser.post("/studio/playbooks/" + key + "/migration",
        Map.of("fromVersion", "1", "toVersion", "2", "_csrf", token));
    assertThat(moved.body()).contains("id=\"migrated\">3<");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(one).count()).isZero();
    assertThat(browser.post("/studio/playbooks/" + key + "/migration",
        Map.of("fromVersion", "1", "toVersion", "2", "_csrf", token)).body()).contains("id=\"migrated\">0<");
  }

  @Test
  void whatAPlaybookSaysIsShownAsText() {
    String key = "studio-markup";
    WorkspaceClient browser = loggedIn("mia");
    Map<String, byte[]> files = files(key, "account-check-v1.bpmn", "account-check.form");
    String bpmn = new String(files.get(key + ".bpmn"), StandardCharsets.UTF_8)
        .replace("name=\"Account check\"", "name=\"&lt;img src=x onerror=alert(1)&gt; 한빛\"");
    files.put(key + ".bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> checked = drop(browser, files);
    browser.post("/studio/check/" + draftOf(checked) + "/deploy", Map.of("_csrf", WorkspaceClient.csrf(checked.body())));

    for (String path : List.of("/studio", "/studio/playbooks/" + key)) {
      assertThat(browser.get(path).body()).as(path).contains("&lt;img src=x onerror=alert(1)&gt; 한빛")
          .doesNotContain("<img src=x");
    }
  }

  @Test
  void aShippedPlaybookIsCopiedUnderANewKeyDownloadedAndCheckedWithTheDeployedForms() {
    WorkspaceClient browser = loggedIn("mia");
    HttpResponse<String> page = browser.get("/studio/templates?from=onboarding&key=onboarding-analytics&name=Onboarding+(analytics)");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("onboarding-analytics.bpmn", "KickoffHeld");

    HttpResponse<String> file = browser.get("/studio/templates/onboarding/copy?key=onboarding-analytics&name=Onboarding+(analytics)");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("attachment", "onboarding-analytics.bpmn");
    assertThat(file.body()).contains("<bpmn:process id=\"onboarding-analytics\" name=\"Onboarding (analytics)\"",
        "bpmnElement=\"onboarding-analytics\"");

    // Dropped as downloaded: its forms are the deployed ones; its start message is the shipped onboarding's.
    HttpResponse<String> checked = drop(browser, Map.of("onboarding-analytics.bpmn",
        file.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(checked.body()).contains("data-found=\"DEPLOYED\"").doesNotContain("data-found=\"MISSING\"")
        .contains("data-element=\"startKickoffHeld\"", "which the playbook &#39;onboarding&#39; already starts on")
        .doesNotContain("id=\"deploy\"");

    assertThat(browser.get("/studio/templates?from=onboarding&key=Bad+Key&name=x")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("key:");
    });
    assertThat(browser.get("/studio/templates?from=onboarding&key=onboarding&name=x").statusCode()).isEqualTo(400);
    assertThat(browser.get("/studio/templates/no-such/copy?key=abc&name=x").statusCode()).isEqualTo(404);
    assertThat(loggedIn("carl").get("/studio/templates/onboarding/copy?key=abc&name=x").statusCode()).isEqualTo(403);
  }
}
