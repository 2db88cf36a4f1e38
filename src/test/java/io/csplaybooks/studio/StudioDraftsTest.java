package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.security.Groups;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The studio editor's drafts over HTTP, as the page's script and forms send them: a CS manager saves
 * a playbook's BPMN again and again, each save its next version, listed and read back only by them;
 * a save without the form's token, by another team or of a file that is no playbook (empty, too
 * large, a DOCTYPE, two processes, a key no playbook may have) is refused naming the field and
 * changes nothing; a draft handed to "Check and deploy" is checked as a dropped file is.
 */
class StudioDraftsTest extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger KEYS = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void secondManager() {
    person("mads", "Mads", "Test", Groups.CS_MANAGERS);
  }

  WorkspaceClient loggedIn(String user) {
    WorkspaceClient client = new WorkspaceClient(port);
    assertThat(client.login(user, PASSWORD).statusCode()).as("login of " + user).isEqualTo(302);
    return client;
  }

  /** A key of the test's own, so tests share the database and the engine safely. */
  static String newKey() {
    return "draft-test-" + System.nanoTime() % 1_000_000 + "-" + KEYS.incrementAndGet();
  }

  static String playbook(String key) {
    try (var in = StudioDraftsTest.class.getResourceAsStream("/studio/editor/sponsor-call.bpmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("sponsor-call", key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final Map<WorkspaceClient, String> tokens = new IdentityHashMap<>();

  /** Saves as the page's script does: the BPMN as the body, the session's form token in a header. */
  HttpResponse<String> save(WorkspaceClient browser, String xml) {
    String token = tokens.computeIfAbsent(browser, b -> b.csrfOf("/studio/editor"));
    return browser.send("POST", "/studio/drafts", Map.of("Content-Type", "application/xml; charset=utf-8",
        "Accept", "application/json", "X-CSRF-TOKEN", token), xml);
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  long drafts(String owner) {
    return jdbc.sql("select count(*) from studio_draft where owner = :o").param("o", owner).query(Long.class).single();
  }

  @Test
  void eachSaveIsTheNextVersionListedAndReadBackByItsOwner() {
    WorkspaceClient mia = loggedIn("mia");
    String key = newKey();

    HttpResponse<String> first = save(mia, playbook(key));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    JsonNode one = json(first);
    assertThat(one.get("key").asText()).isEqualTo(key);
    assertThat(one.get("name").asText()).isEqualTo("Sponsor call");
    assertThat(one.get("version").asInt()).isEqualTo(1);
    assertThat(first.headers().firstValue("Location")).hasValue("/studio/drafts/" + one.get("id").asLong());
    assertThat(one.get("saved").asText()).startsWith("Saved as version 1, ");

    String changed = playbook(key).replace("name=\"Call sponsor\"", "name=\"Call the sponsor\"");
    JsonNode two = json(save(mia, changed));
    assertThat(two.get("version").asInt()).isEqualTo(2);

    assertThat(mia.get("/studio/drafts/" + one.get("id").asLong()).body()).contains("name=\"Call sponsor\"");
    HttpResponse<String> read = mia.get("/studio/drafts/" + two.get("id").asLong());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(changed);
    // What a person wrote is never rendered as a page.
    assertThat(read.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(read.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");

    // Listed on the editor's page by its newest version.
    Matcher row = Pattern.compile("<tr data-key=\"" + key + "\" data-draft=\"(\\d+)\">.*?<td class=\"num\">(\\d+)</td>",
        Pattern.DOTALL).matcher(mia.get("/studio/editor").body());
    assertThat(row.find()).as("the draft in the list").isTrue();
    assertThat(Long.parseLong(row.group(1))).isEqualTo(two.get("id").asLong());
    assertThat(row.group(2)).isEqualTo("2");

    String page = mia.get("/studio/editor?draft=" + one.get("id").asLong()).body();
    assertThat(page).contains("data-key=\"" + key + "\"").contains("data-source=\"/studio/drafts/" + one.get("id").asLong() + "\"")
        .contains("data-version=\"2\"").contains("data-version=\"1\"");
  }

  @Test
  void onlyTheOwnerSeesOrChecksTheirDrafts() {
    WorkspaceClient mia = loggedIn("mia");
    String key = newKey();
    long id = json(save(mia, playbook(key))).get("id").asLong();

    WorkspaceClient mads = loggedIn("mads");
    assertThat(mads.get("/studio/drafts/" + id).statusCode()).isEqualTo(404);
    assertThat(mads.get("/studio/editor?draft=" + id).statusCode()).isEqualTo(404);
    assertThat(mads.get("/studio/editor").body()).doesNotContain(key);
    String token = mads.csrfOf("/studio/editor");
    assertThat(mads.post("/studio/drafts/" + id + "/check", Map.of("_csrf", token)).statusCode()).isEqualTo(404);
    assertThat(mads.post("/studio/editor/drafts/drop", Map.of("_csrf", token, "key", key)).statusCode()).isEqualTo(404);

    // Mads's own draft of the same playbook is theirs, numbered from 1.
    assertThat(json(save(mads, playbook(key))).get("version").asInt()).isEqualTo(1);
    assertThat(json(save(mia, playbook(key))).get("version").asInt()).isEqualTo(2);

    // Other teams never reach the drafts: the studio is for CS managers.
    WorkspaceClient carl = loggedIn("carl");
    assertThat(carl.get("/studio/drafts/" + id).statusCode()).isEqualTo(403);
    assertThat(carl.get("/studio/editor").statusCode()).isEqualTo(403);
    // Nobody signed in has no form token either: refused before anything is read.
    assertThat(new WorkspaceClient(port).send("POST", "/studio/drafts",
        Map.of("Content-Type", "application/xml"), playbook(key)).statusCode()).isEqualTo(403);
  }

  @Test
  void aSaveWithoutTheFormsTokenChangesNothing() {
    WorkspaceClient mia = loggedIn("mia");
    long before = drafts("mia");
    HttpResponse<String> forged = mia.send("POST", "/studio/drafts", Map.of("Content-Type", "application/xml"),
        playbook(newKey()));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(drafts("mia")).isEqualTo(before);
  }

  @Test
  void whatIsNoPlaybookIsRefusedNamingTheFieldAndNothingIsSaved() {
    WorkspaceClient mia = loggedIn("mia");
    long before = drafts("mia");
    String key = newKey();
    String lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&lol2;</bpmn:definitions>";
    String twoProcesses = playbook(key).replace("</bpmn:process>",
        "</bpmn:process><bpmn:process id=\"second\" isExecutable=\"true\" />");
    String deep = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"
        + "<a>".repeat(500) + "</a>".repeat(500) + "</bpmn:definitions>";
    Map<String, String> refusals = Map.of(
        "", "xml",
        lol, "xml",
        "<definitions><process id=\"x\" isExecutable=\"true\"/></definitions>", "xml",
        "not xml at all", "xml",
        twoProcesses, "xml",
        deep, "xml",
        playbook(key).replace("id=\"" + key + "\"", "id=\"Sponsor Call\""), "key",
        playbook(key).replace("name=\"Sponsor call\"", "name=\"" + "x".repeat(121) + "\""), "name",
        playbook(key).replace("<bpmn:process ", "<bpmn:documentation>" + "x".repeat(PlaybookDrafts.MAX_BYTES)
            + "</bpmn:documentation><bpmn:process "), "xml");
    refusals.forEach((xml, field) -> {
      HttpResponse<String> refused = save(mia, xml);
      assertThat(refused.statusCode()).as(xml.length() > 200 ? xml.substring(0, 200) : xml).isEqualTo(400);
      JsonNode problem = json(refused);
      assertThat(problem.get("errors").get(0).get("field").asText()).as(refused.body()).isEqualTo(field);
      assertThat(problem.get("errors").get(0).get("reason").asText()).isNotBlank();
    });
    assertThat(drafts("mia")).isEqualTo(before);

    // The reason in the person's language.
    WorkspaceClient korean = loggedIn("mia").language("ko-KR,ko;q=0.9");
    JsonNode problem = json(save(korean, "<definitions/>"));
    assertThat(problem.get("errors").get(0).get("reason").asText()).isEqualTo("파일이 BPMN 2.0 플레이북이 아닙니다");
  }

  @Test
  void aDraftHandedToCheckAndDeployIsCheckedAsADroppedFile() {
    WorkspaceClient mia = loggedIn("mia");
    String key = newKey();
    long clean = json(save(mia, playbook(key))).get("id").asLong();

    String token = mia.csrfOf("/studio/editor");
    HttpResponse<String> handed = mia.post("/studio/drafts/" + clean + "/check", Map.of("_csrf", token));
    assertThat(handed.statusCode()).as(handed.body()).isEqualTo(302);
    String location = handed.headers().firstValue("Location").orElseThrow();
    String checked = mia.get(location.substring(location.indexOf("/studio/check/"))).body();
    assertThat(checked).contains("id=\"clean\"").contains(key + ".bpmn").contains("id=\"deploy\"");

    // A draft with a problem shows it on its element, as a dropped file does.
    long broken = json(save(mia, playbook(key).replace("camunda:dueDate=\"P2D\"",
        "camunda:dueDate=\"${execution.getProcessEngineServices()}\""))).get("id").asLong();
    HttpResponse<String> handedBroken = mia.post("/studio/drafts/" + broken + "/check", Map.of("_csrf", token));
    String brokenLocation = handedBroken.headers().firstValue("Location").orElseThrow();
    String problems = mia.get(brokenLocation.substring(brokenLocation.indexOf("/studio/check/"))).body();
    assertThat(problems).contains("id=\"problem-count\"").contains("data-element=\"callSponsor\"")
        .doesNotContain("id=\"deploy\"");
  }

  @Test
  void aBlankPlaybookHasTheKeyNameAndAManualStartAndNoKeyOfADeployedPlaybook() {
    WorkspaceClient mia = loggedIn("mia");
    String key = newKey();
    HttpResponse<String> blank = mia.get("/studio/editor/blank?key=" + key + "&name=Sponsor%20%3Ccall%3E%20%26%20%22more%22");
    assertThat(blank.statusCode()).isEqualTo(200);
    assertThat(blank.body()).contains("<bpmn:process id=\"" + key + "\" name=\"Sponsor &lt;call&gt; &amp; &quot;more&quot;\"")
        .contains("<bpmn:startEvent id=\"startedByHand\" name=\"Started by hand\" />")
        .contains("camunda:historyTimeToLive=\"P365D\"");
    // The blank is a draft like any other.
    assertThat(save(mia, blank.body()).statusCode()).isEqualTo(201);

    assertThat(mia.get("/studio/editor?key=" + key + "&name=Sponsor").body())
        .contains("data-source=\"/studio/editor/blank?key=" + key + "&amp;name=Sponsor\"");
    for (String path : new String[] {"/studio/editor/blank?key=sales-handoff&name=Mine",
        "/studio/editor?key=sales-handoff&name=Mine", "/studio/editor?key=Not%20a%20key&name=Mine",
        "/studio/editor?key=" + key + "&name=", "/studio/editor?template=onboarding&key=onboarding&name=Copy"}) {
      HttpResponse<String> refused = mia.get(path);
      assertThat(refused.statusCode()).as(path).isEqualTo(400);
    }
    assertThat(mia.get("/studio/editor?playbook=sales-handoff").body())
        .contains("data-source=\"/studio/playbooks/sales-handoff/diagram\"");
    assertThat(mia.get("/studio/editor?template=onboarding&key=" + key + "&name=Copy").body())
        .contains("data-source=\"/studio/templates/onboarding/copy?key=" + key + "&amp;name=Copy\"");
    assertThat(mia.get("/studio/editor?playbook=no-such-playbook").statusCode()).isEqualTo(404);
    // The studio's playbook page and a template's copy lead to the editor.
    assertThat(mia.get("/studio/playbooks/sales-handoff").body())
        .contains("id=\"edit-link\" href=\"/studio/editor?playbook=sales-handoff\"");
    assertThat(mia.get("/studio/templates?from=onboarding&key=" + key + "&name=Copy").body())
        .contains("href=\"/studio/editor?template=onboarding&amp;key=" + key + "&amp;name=Copy&amp;start=manual\"");
    // A start on an event no trigger declares (or one a playbook starts on already) is refused, naming the field.
    for (String start : new String[] {"NoSuchEvent", "QuietChurn"}) {
      HttpResponse<String> refused = mia.get("/studio/editor/blank?key=" + key + "&name=Mine&start=" + start);
      assertThat(refused.statusCode()).as(start).isEqualTo(400);
      assertThat(refused.body()).contains("start");
    }
  }

  @Test
  void aDroppedDraftIsGoneWithEveryVersion() {
    WorkspaceClient mia = loggedIn("mia");
    String key = newKey();
    long id = json(save(mia, playbook(key))).get("id").asLong();
    save(mia, playbook(key));
    String token = mia.csrfOf("/studio/editor");
    HttpResponse<String> dropped = mia.post("/studio/editor/drafts/drop", Map.of("_csrf", token, "key", key));
    assertThat(dropped.statusCode()).isEqualTo(302);
    assertThat(mia.get("/studio/drafts/" + id).statusCode()).isEqualTo(404);
    assertThat(jdbc.sql("select count(*) from studio_draft where playbook_key = :k").param("k", key)
        .query(Long.class).single()).isZero();
  }

  @Test
  void theEditorsBundleIsSentGzippedAndNoPageIs() {
    WorkspaceClient mia = loggedIn("mia");
    Map<String, String> gzip = Map.of("Accept-Encoding", "gzip");
    for (String file : new String[] {"/workspace/static/editor/editor.js", "/workspace/static/editor/editor.css"}) {
      HttpResponse<String> bundle = mia.send("GET", file, gzip, null);
      assertThat(bundle.statusCode()).as(file).isEqualTo(200);
      assertThat(bundle.headers().firstValue("Content-Encoding")).as(file).hasValue("gzip");
    }
    // A page carries the form token: never compressed (BREACH).
    HttpResponse<String> page = mia.send("GET", "/studio/editor", Map.of("Accept-Encoding", "gzip", "Accept", "text/html"),
        null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void olderVersionsBeyondTheKeptAreForgotten() {
    WorkspaceClient mia = loggedIn("mia");
    String key = newKey();
    for (int i = 0; i < PlaybookDrafts.VERSIONS_KEPT + 2; i++) {
      assertThat(save(mia, playbook(key)).statusCode()).isEqualTo(201);
    }
    var versions = jdbc.sql("select version from studio_draft where owner = 'mia' and playbook_key = :k order by version")
        .param("k", key).query(Integer.class).list();
    assertThat(versions).hasSize(PlaybookDrafts.VERSIONS_KEPT).startsWith(3).endsWith(PlaybookDrafts.VERSIONS_KEPT + 2);
  }
}
