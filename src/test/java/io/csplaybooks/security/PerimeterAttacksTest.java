package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The perimeter as an attacker tries it: the cases (a stranger making themselves
 * administrator through a path parameter, password guessing past the throttle, a password oracle,
 * metrics through a path trick, uploads read before a refusal, the session cookie) and others of
 * the same kind, against the running application.
 */
class PerimeterAttacksTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired LoginThrottle throttle;
  @Autowired ApiTokens tokens;

  int productionLimit = -1;

  /** The throttle at its production setting (10 failures), for a test about it. */
  void throttleAsInProduction() {
    productionLimit = throttle.maxFailures(10);
    // A fresh window: failures earlier tests left would start it minutes ago, and it would end mid-test.
    throttle.forget("127.0.0.1", null);
  }

  @AfterEach
  void forgetTheGuesses() {
    if (productionLimit >= 0) {
      throttle.maxFailures(productionLimit);
    }
    throttle.forget("127.0.0.1", null);
  }

  WorkspaceClient client() {
    return new WorkspaceClient(port);
  }

  /** Case 1: a fresh installation (no administrator yet) gets none from a stranger, whatever the path says. */
  @Test
  void aStrangerCannotCreateTheFirstAdministrator() {
    Map<String, List<String>> administrators = new HashMap<>();
    for (User admin : identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list()) {
      administrators.put(admin.getId(), List.of(Groups.CAMUNDA_ADMIN));
      identity.deleteMembership(admin.getId(), Groups.CAMUNDA_ADMIN);
    }
    try {
      assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
      WorkspaceClient stranger = client();
      stranger.get("/camunda/app/admin/default/");
      String xsrf = stranger.cookie("XSRF-TOKEN");
      assertThat(xsrf).as("Camunda's XSRF cookie").isNotNull();
      Map<String, String> headers = Map.of("X-XSRF-TOKEN", xsrf, "Content-Type", "application/json");
      String body = "{\"profile\":{\"id\":\"stranger\",\"firstName\":\"S\",\"lastName\":\"T\",\"email\":\"s@evil.example\"},"
          + "\"credentials\":{\"password\":\"stranger-password-1\"}}";

      Map<String, Integer> answers = new java.util.LinkedHashMap<>();
      for (String path : List.of("/camunda/api/admin/setup;x=y/default/user/create",
          "/camunda/api/admin/setup/default/user/create", "/camunda/api/admin/setup/default/user/create/",
          "/camunda/api/admin//setup/default/user/create", "/camunda/api/admin/%73etup/default/user/create",
          "/camunda/api/admin/./setup/default/user/create", "/camunda/api/admin/x/../setup/default/user/create",
          "/camunda/api/admin/setup%2fdefault/user/create", "/camunda/api/admin/SETUP/default/user/create",
          "/camunda/api/admin/setup/default/user/create;jsessionid=1")) {
        answers.put(path, stranger.send("POST", path, headers, body).statusCode());
      }
      assertThat(answers).allSatisfy((path, status) -> assertThat(status).as(path).isIn(400, 401, 403, 404));
      assertThat(answers.get("/camunda/api/admin/setup;x=y/default/user/create")).isEqualTo(400);
      // Nobody signed in: 401; anyone signed in: 403 (the first administrator comes from the environment).
      assertThat(answers.get("/camunda/api/admin/setup/default/user/create")).isEqualTo(401);
      WorkspaceClient signedIn = client();
      assertThat(signedIn.login("carl", PASSWORD).statusCode()).isEqualTo(302);
      signedIn.get("/camunda/app/admin/default/");
      assertThat(signedIn.send("POST", "/camunda/api/admin/setup/default/user/create",
          Map.of("X-XSRF-TOKEN", signedIn.cookie("XSRF-TOKEN"), "Content-Type", "application/json"), body).statusCode())
          .isEqualTo(403);
      assertThat(identity.createUserQuery().userId("stranger").count()).isZero();
      assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
    } finally {
      administrators.keySet().forEach(id -> identity.createMembership(id, Groups.CAMUNDA_ADMIN));
    }
  }

  /** Case 2: Camunda's login page counts against the throttle like every other door, whatever the path. */
  @Test
  void everyPasswordDoorCountsAgainstOneThrottlePerAddress() {
    throttleAsInProduction();
    WorkspaceClient tasklist = client();
    tasklist.get("/camunda/app/tasklist/default/");
    Map<String, String> xsrf = Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN"),
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(tasklist.send("POST", "/camunda/api/admin/auth/user;x=y/default/login/tasklist", xsrf,
        "username=carl&password=guess").statusCode()).isEqualTo(400);

    List<Integer> answers = new ArrayList<>();
    // Three doors, three guesses each: Camunda's login page, the workspace's, HTTP Basic on /api and /engine-rest.
    for (int i = 0; i < 3; i++) {
      answers.add(tasklist.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", xsrf,
          "username=carl&password=guess-" + i).statusCode());
      answers.add(client().login("carl", "guess-" + i).statusCode());
      answers.add(client().getApi("/api/accounts", "carl", "guess-" + i).statusCode());
    }
    answers.add(client().send("GET", "/engine-rest/task", WorkspaceClient.basic("carl", "guess-9"), null).statusCode());
    assertThat(answers).containsExactly(401, 401, 401, 401, 401, 401, 401, 401, 401, 401);

    // The eleventh try, right or wrong, at any door: the address waits.
    HttpResponse<String> blocked = tasklist.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", xsrf,
        "username=carl&password=" + PASSWORD);
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    assertThat(client().getApi("/api/accounts", "carl", PASSWORD).statusCode()).isEqualTo(429);
    assertThat(client().login("carl", PASSWORD).statusCode()).isEqualTo(429);
    assertThat(client().send("GET", "/engine-rest/task", WorkspaceClient.basic("carl", PASSWORD), null).statusCode())
        .isEqualTo(429);
    // A header claiming another address changes nothing: the address is the connection's.
    assertThat(client().send("GET", "/api/accounts", withHeader(WorkspaceClient.basic("carl", PASSWORD),
        "X-Forwarded-For", "10.1.2.3"), null).statusCode()).isEqualTo(429);
  }

  /** Per person, failures only slow down the next check: the right password always gets in. */
  @Test
  void guessingAtAPersonNeverLocksThemOut() {
    String id = "guessed-" + Long.toString(System.nanoTime(), 36);
    person(id, "Guessed", "Person", Groups.CS);
    for (int i = 0; i < 30; i++) {
      assertThat(client().getApi("/api/accounts", id, "guess-" + i).statusCode()).isEqualTo(401);
    }
    throttle.forget("127.0.0.1", null);
    assertThat(client().getApi("/api/accounts", id, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(client().login(id, PASSWORD).statusCode()).isEqualTo(302);
  }

  /** Case 3: identity/verify answers whether any person's password is right: administrators only, and throttled. */
  @Test
  void nobodyButAnAdministratorAsksWhetherAPasswordIsRight() {
    String body = "{\"username\":\"root\",\"password\":\"" + PASSWORD + "\"}";
    Map<String, String> json = Map.of("Content-Type", "application/json");
    for (String user : List.of("ed", "mia", "carl", "ada", "nora")) {
      for (String path : List.of("/engine-rest/identity/verify", "/engine-rest/engine/default/identity/verify",
          "/engine-rest/identity/verify/")) {
        HttpResponse<String> asked = client().send("POST", path, merge(WorkspaceClient.basic(user, PASSWORD), json), body);
        assertThat(asked.statusCode()).as(user + " " + path).isIn(403, 404);
        assertThat(asked.body()).doesNotContain("authenticated");
      }
    }
    // In the webapps' session, through their copy of the engine's API.
    WorkspaceClient ed = client();
    assertThat(ed.login("ed", PASSWORD).statusCode()).isEqualTo(302);
    ed.get("/camunda/app/tasklist/default/");
    assertThat(ed.send("POST", "/camunda/api/engine/engine/default/identity/verify",
        merge(Map.of("X-XSRF-TOKEN", ed.cookie("XSRF-TOKEN")), json), body).statusCode()).isEqualTo(403);

    HttpResponse<String> admin = client().send("POST", "/engine-rest/identity/verify",
        merge(WorkspaceClient.basic("root", PASSWORD), json), body);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("\"authenticated\":true");

    // An administrator's guesses count too: identity/verify is the engine's checkPassword, which every
    // password check passes, throttled per address (asked here as a request from 10.9.9.9 would).
    MockHttpServletRequest guesser = new MockHttpServletRequest();
    guesser.setRemoteAddr("10.9.9.9");
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(guesser));
    throttleAsInProduction();
    try {
      for (int i = 0; i < 10; i++) {
        assertThat(identity.checkPassword("mia", "guess-" + i)).isFalse();
      }
      assertThatThrownBy(() -> identity.checkPassword("mia", PASSWORD))
          .isInstanceOf(PasswordCheckThrottle.TooManyFailedLogins.class);
      assertThat(throttle.waitFor("10.9.9.9")).isPositive();
    } finally {
      RequestContextHolder.resetRequestAttributes();
      throttle.forget("10.9.9.9", "mia");
    }
  }

  /** Case 4: the metrics are a token's with the metrics scope, or an administrator's, on every spelling of the path. */
  @Test
  void theMetricsAreForPrometheusAndAdministratorsOnly() {
    String suffix = Long.toString(System.nanoTime(), 36);
    String signals = tokens.create("signals-" + suffix, List.of(ApiAccess.SCOPE_SIGNALS), "root").secret();
    String metrics = tokens.create("metrics-" + suffix, List.of(ApiAccess.SCOPE_METRICS), "root").secret();
    Map<String, Map<String, String>> callers = new java.util.LinkedHashMap<>();
    callers.put("ed", WorkspaceClient.basic("ed", PASSWORD));
    callers.put("nora", WorkspaceClient.basic("nora", PASSWORD));
    callers.put("mia", WorkspaceClient.basic("mia", PASSWORD));
    callers.put("signals token", Map.of("Authorization", "Bearer " + signals));
    callers.put("nobody", Map.of());
    for (String path : List.of("/actuator/prometheus", "/actuator/prometheus;x=y", "/actuator/prometheus/",
        "/actuator//prometheus", "/actuator/%70rometheus", "/actuator/./prometheus", "/actuator/PROMETHEUS",
        "/actuator/health/../prometheus", "/actuator/prometheus.txt")) {
      callers.forEach((who, headers) -> {
        HttpResponse<String> scraped = client().send("GET", path, headers, null);
        assertThat(scraped.statusCode()).as(who + " " + path).isIn(400, 401, 403, 404);
        assertThat(scraped.body()).as(who + " " + path).doesNotContain("# TYPE");
      });
    }
    assertThat(client().send("GET", "/actuator/prometheus", Map.of("Authorization", "Bearer " + metrics), null).body())
        .contains("# TYPE jvm_memory_used_bytes");
    assertThat(client().send("GET", "/actuator/prometheus", WorkspaceClient.basic("root", PASSWORD), null).statusCode())
        .isEqualTo(200);
    assertThat(client().send("GET", "/actuator/health", Map.of(), null).statusCode()).isEqualTo(200);
  }

  /** Case 8: who may not deploy is refused before the upload is read; an upload over the limits is refused whole. */
  @Test
  void anUploadIsNotReadForSomeoneWhoMayNotDeploy() throws Exception {
    for (String user : List.of("ed", "carl", "nora")) {
      assertThat(answerBeforeTheBody(user, "/engine-rest/deployment/create", 60L * 1024 * 1024))
          .as(user + ": the answer came before the 60 MB were sent").startsWith("HTTP/1.1 403");
    }
    assertThat(answerBeforeTheBody("mia", "/engine-rest/deployment/create", 60L * 1024 * 1024))
        .as("a CS manager's 60 MB deployment").startsWith("HTTP/1.1 413");
    assertThat(answerBeforeTheBody("mia", "/camunda/api/engine/engine/default/deployment/create", 60L * 1024 * 1024))
        .as("without a session or CSRF token, the webapps' copy").matches("(?s)HTTP/1.1 40[13] .*");
    assertThat(answerBeforeTheBody("mia", "/engine-rest/task/x/variables/big", 60L * 1024 * 1024))
        .as("a 60 MB variable").startsWith("HTTP/1.1 413");

    // Without a declared length (chunked), the body is read up to the limit and no further.
    HttpResponse<String> chunked = chunkedDeployment("mia", 8 * 1024 * 1024 + 256 * 1024, "big.bpmn");
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.body()).contains("larger than 8 MB");
    // Within the request's limit, a file over the studio's 1 MB is refused by the engine's deployer, named.
    HttpResponse<String> oneFile = chunkedDeployment("mia", 3 * 1024 * 1024 / 2, "huge.bpmn");
    assertThat(oneFile.statusCode()).isEqualTo(400);
    assertThat(oneFile.body()).contains("huge.bpmn").contains("larger than 1024 KB");
  }

  /** A deployment of one file of {@code size} bytes (an XML comment), sent chunked: no Content-Length. */
  private HttpResponse<String> chunkedDeployment(String user, int size, String file) throws Exception {
    String boundary = "----csp-chunked";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbig\r\n--"
        + boundary + "\r\nContent-Disposition: form-data; name=\"" + file + "\"; filename=\"" + file + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n<?xml version=\"1.0\"?><!--").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("--><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>\r\n--" + boundary + "--\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
        new ByteArrayInputStream(head), new ByteArrayInputStream(new byte[0]) {
          private int left = size;

          @Override
          public synchronized int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
              return -1;
            }
            int n = Math.min(left, length);
            Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            left -= n;
            return n;
          }
        }, new ByteArrayInputStream(tail))));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body));
    WorkspaceClient.basic(user, PASSWORD).forEach(request::header);
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException closedWhileSending) {
      throw new AssertionError("the server closed the connection without an answer", closedWhileSending);
    }
  }

  /** Case 9: the session cookie stays on this site's own requests. */
  @Test
  void theSessionCookieIsSameSiteAndHttpOnly() {
    WorkspaceClient browser = client();
    HttpResponse<String> login = browser.login("carl", PASSWORD);
    List<String> cookies = login.headers().allValues("set-cookie");
    assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax"));
    HttpResponse<String> webapp = browser.get("/camunda/app/tasklist/default/");
    assertThat(webapp.headers().allValues("set-cookie")).allSatisfy(cookie ->
        assertThat(cookie).containsIgnoringCase("SameSite="));
  }

  /** Someone in no team signs in, and Camunda's webapps' APIs (the engine's and Cockpit's queries) give them nothing. */
  @Test
  void theWebappsApisAreForPeopleInATeam() {
    WorkspaceClient nora = client();
    assertThat(nora.login("nora", PASSWORD).statusCode()).isEqualTo(302);
    nora.get("/camunda/app/cockpit/default/");
    for (String path : List.of("/camunda/api/engine/engine/default/task",
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
        "/camunda/api/admin/plugin/adminPlugins/default/users", "/camunda/api/tasklist/plugin/tasklistPlugins/default/x")) {
      assertThat(nora.get(path).statusCode()).as(path).isEqualTo(403);
    }
    WorkspaceClient carl = client();
    assertThat(carl.login("carl", PASSWORD).statusCode()).isEqualTo(302);
    carl.get("/camunda/app/tasklist/default/");
    assertThat(carl.getJson("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(200);
  }

  /** A login of one surface opens no other: a session is not a password for the APIs, Basic not a session for the webapps. */
  @Test
  void eachSurfaceTakesOnlyItsOwnKindOfLogin() {
    WorkspaceClient browser = client();
    assertThat(browser.login("mia", PASSWORD).statusCode()).isEqualTo(302);
    assertThat(browser.getJson("/api/metrics").statusCode()).as("a session on /api").isEqualTo(401);
    assertThat(browser.getJson("/engine-rest/task").statusCode()).as("a session on /engine-rest").isEqualTo(401);
    assertThat(client().send("GET", "/camunda/api/engine/engine/default/task", WorkspaceClient.basic("mia", PASSWORD),
        null).statusCode()).as("Basic on the webapps' API").isEqualTo(401);
    String token = tokens.create("handoffs-" + Long.toString(System.nanoTime(), 36), List.of(ApiAccess.SCOPE_HANDOFFS),
        "root").secret();
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
    assertThat(client().send("GET", "/engine-rest/task", bearer, null).statusCode()).as("a token on /engine-rest")
        .isEqualTo(401);
    assertThat(client().send("GET", "/camunda/api/engine/engine/default/task", bearer, null).statusCode())
        .as("a token on the webapps").isEqualTo(401);
    assertThat(client().send("GET", "/my-book", bearer, null).statusCode()).as("a token on the pages").isEqualTo(302);
    // Methods and headers that some servers read as another request: none of them here.
    assertThat(client().send("POST", "/api/tokens", merge(WorkspaceClient.basic("ada", PASSWORD),
        Map.of("X-HTTP-Method-Override", "GET", "Content-Type", "application/json")), "{}").statusCode()).isEqualTo(403);
    assertThat(client().send("GET", "/api/handoffs/x", merge(WorkspaceClient.basic("ed", PASSWORD),
        Map.of("X-Original-URL", "/api/metrics", "X-Rewrite-URL", "/api/metrics")), null).statusCode()).isEqualTo(403);
    assertThat(client().send("HEAD", "/api/metrics", WorkspaceClient.basic("ed", PASSWORD), null).statusCode())
        .isEqualTo(403);
  }

  /**
   * Sends the headers of a request whose body is {@code length} bytes and only its first kilobytes,
   * then reads the answer: a server that refuses before reading answers at once, one that reads the
   * body first never answers (the rest of the body never comes).
   */
  private String answerBeforeTheBody(String user, String path, long length) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      String boundary = "----csp-upload";
      String start = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"big.bpmn\"; filename=\"big.bpmn\"\r\n"
          + "Content-Type: application/octet-stream\r\n\r\n";
      String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
          + WorkspaceClient.basic(user, PASSWORD).entrySet().iterator().next().getKey() + ": "
          + WorkspaceClient.basic(user, PASSWORD).values().iterator().next() + "\r\n"
          + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + length + "\r\n"
          + "Connection: close\r\n\r\n" + start;
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[16 * 1024]);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = new byte[256];
      try {
        int read = in.read(answer);
        return read <= 0 ? "(closed)" : new String(answer, 0, read, StandardCharsets.US_ASCII);
      } catch (SocketTimeoutException waiting) {
        return "(no answer: the server is reading the body)";
      }
    }
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> all = new HashMap<>(a);
    all.putAll(b);
    return all;
  }

  private static Map<String, String> withHeader(Map<String, String> headers, String name, String value) {
    return merge(headers, Map.of(name, value));
  }
}
