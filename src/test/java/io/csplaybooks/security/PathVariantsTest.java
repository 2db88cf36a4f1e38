package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every protected route, spelled the ways that walk around a check on the raw path: a path parameter
 * ({@code ;x=y}), an encoded dot or slash, a double slash, a trailing slash, upper case, {@code /./}
 * and {@code .;}. Each spelling must get the plain path's answer, the firewall's 400, or a refusal;
 * never more access than the plain path gives the same caller. The routes: the whole {@link ApiAccess}
 * table, the engine's REST resources on both of their paths, the webapps' copy of them (with a
 * session), the actuator and the workspace's pages.
 */
class PathVariantsTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired ApiTokens tokens;

  /** A route: method, path, body and its content type (null for none). */
  record Route(String method, String path, String body, String contentType) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static final List<String> PEOPLE = List.of("ada", "carl", "mia", "ed", "pat", "nora", "root");

  /** The spellings of a path: each walks around a check that compares strings. */
  static List<String> variants(String path) {
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q);
      path = path.substring(0, q);
    }
    int last = path.lastIndexOf('/');
    int second = path.indexOf('/', 1);
    String head = path.substring(0, last);
    String tail = path.substring(last + 1);
    Set<String> variants = new LinkedHashSet<>();
    variants.add(path + ";x=y");
    if (second > 0) {
      variants.add(path.substring(0, second) + ";x=y" + path.substring(second));
    }
    variants.add(head + "/%2e/" + tail);
    if (!head.isEmpty()) {
      variants.add(head + "%2f" + tail);
    }
    if (!tail.isEmpty()) {
      variants.add(head + "/%" + String.format("%02x", (int) tail.charAt(0)) + tail.substring(1));
    }
    variants.add(head + "//" + tail);
    variants.add(path.replaceFirst("/", "//"));
    variants.add(path + "/");
    variants.add(path.toUpperCase(Locale.ROOT));
    variants.add(head + "/" + tail.toUpperCase(Locale.ROOT));
    variants.add(head + "/./" + tail);
    variants.add(head + "/.;/" + tail);
    variants.add(head + "/x/../" + tail);
    variants.add(path + "%00");
    variants.add(path + "%20");
    variants.add(path + ".");
    String suffix = query;
    return variants.stream().map(v -> v + suffix).toList();
  }

  @Test
  void theApiTableHoldsOnEverySpellingOfItsPaths() {
    String suffix = Long.toString(System.nanoTime(), 36);
    Map<String, Map<String, String>> callers = people();
    callers.put("signals token", bearer(tokens.create("v-signals-" + suffix, List.of(ApiAccess.SCOPE_SIGNALS), "root").secret()));
    callers.put("handoffs token", bearer(tokens.create("v-handoffs-" + suffix, List.of(ApiAccess.SCOPE_HANDOFFS), "root").secret()));
    callers.put("metrics token", bearer(tokens.create("v-metrics-" + suffix, List.of(ApiAccess.SCOPE_METRICS), "root").secret()));
    List<Route> routes = new ArrayList<>();
    for (ApiAccess.Rule rule : ApiAccess.RULES) {
      String path = rule.pattern().replace("{key}", "no-such-playbook").replaceAll("\\{[^}]+}", "987654321");
      boolean write = !rule.method().name().equals("GET") && !rule.method().name().equals("DELETE");
      String type = path.endsWith("/csv") ? "text/csv" : "application/json";
      routes.add(new Route(rule.method().name(), path, write ? (path.equals("/api/signals") ? "[]" : path.endsWith("/csv")
          ? "" : "{}") : null, write ? type : null));
    }
    routes.add(new Route("GET", "/actuator/prometheus", null, null));
    routes.add(new Route("GET", "/actuator/env", null, null));
    routes.add(new Route("GET", "/actuator/beans", null, null));
    assertThat(walk(routes, callers)).isEmpty();
  }

  @Test
  void theEnginesRestApiHoldsOnEverySpellingOfItsPaths() {
    List<Route> routes = new ArrayList<>();
    for (String root : List.of("/engine-rest", "/engine-rest/engine/default")) {
      for (Route route : engineRoutes()) {
        routes.add(new Route(route.method(), root + route.path(), route.body(), route.contentType()));
      }
    }
    routes.add(new Route("GET", "/engine-rest/engine", null, null));
    assertThat(walk(routes, people())).isEmpty();
  }

  @Test
  void theWebappsApisHoldOnEverySpellingOfTheirPaths() {
    List<Route> routes = new ArrayList<>();
    for (Route route : engineRoutes()) {
      routes.add(new Route(route.method(), "/camunda/api/engine/engine/default" + route.path(), route.body(),
          route.contentType()));
    }
    routes.add(new Route("POST", "/camunda/api/admin/setup/default/user/create",
        "{\"profile\":{\"id\":\"variant-admin\"},\"credentials\":{\"password\":\"variant-password-1\"}}", "application/json"));
    routes.add(new Route("GET", "/camunda/api/admin/auth/user/default", null, null));
    routes.add(new Route("GET", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics", null, null));
    routes.add(new Route("GET", "/camunda/api/admin/plugin/adminPlugins/default/users", null, null));
    routes.add(new Route("GET", "/camunda/app/cockpit/default/", null, null));
    Map<String, WorkspaceClient> sessions = new LinkedHashMap<>();
    sessions.put("nobody", session(null));
    PEOPLE.forEach(person -> sessions.put(person, session(person)));
    List<String> more = new ArrayList<>();
    for (Route route : routes) {
      sessions.forEach((who, client) -> {
        Map<String, String> headers = new LinkedHashMap<>();
        if (client.cookie("XSRF-TOKEN") != null) {
          headers.put("X-XSRF-TOKEN", client.cookie("XSRF-TOKEN"));
        }
        compare(route, who, headers, client, more);
      });
    }
    assertThat(more).isEmpty();
    assertThat(identity.createUserQuery().userId("variant-admin").count()).isZero();
  }

  @Test
  void theWorkspacesPagesHoldOnEverySpellingOfTheirPaths() {
    List<Route> routes = List.of(new Route("GET", "/portfolio", null, null), new Route("GET", "/my-book", null, null),
        new Route("GET", "/accounts", null, null), new Route("GET", "/studio", null, null),
        new Route("GET", "/studio/check", null, null), new Route("GET", "/studio/templates", null, null));
    Map<String, WorkspaceClient> sessions = new LinkedHashMap<>();
    sessions.put("nobody", new WorkspaceClient(port));
    PEOPLE.forEach(person -> sessions.put(person, session(person)));
    List<String> more = new ArrayList<>();
    for (Route route : routes) {
      sessions.forEach((who, client) -> compare(route, who, Map.of(), client, more));
    }
    assertThat(more).isEmpty();
  }

  /** Engine resources, from reading to the operations only some may do; ids that exist nowhere, bodies that change nothing. */
  private static List<Route> engineRoutes() {
    String json = "application/json";
    return List.of(new Route("GET", "/process-definition", null, null), new Route("GET", "/task", null, null),
        new Route("GET", "/job", null, null), new Route("GET", "/history/process-instance", null, null),
        new Route("GET", "/user", null, null), new Route("GET", "/authorization", null, null),
        new Route("GET", "/deployment", null, null), new Route("GET", "/incident", null, null),
        new Route("GET", "/filter", null, null),
        new Route("POST", "/identity/verify", "{\"username\":\"mia\",\"password\":\"" + PASSWORD + "\"}", json),
        new Route("POST", "/deployment/create", "", "multipart/form-data; boundary=x"),
        new Route("POST", "/job/987654321/execute", null, null),
        new Route("PUT", "/job/987654321/duedate", "{\"duedate\":null}", json),
        new Route("PUT", "/job/987654321/suspended", "{\"suspended\":true}", json),
        new Route("PUT", "/job/987654321/retries", "{\"retries\":1}", json),
        new Route("POST", "/message", "{\"messageName\":\"NoSuchMessage987\"}", json),
        new Route("DELETE", "/user/nobody-here-987", null, null),
        new Route("POST", "/user/create", "{}", json),
        new Route("POST", "/process-definition/key/no-such-playbook/start", "{}", json));
  }

  /** Every caller, every route, every spelling: what gets more than the plain path, in words. */
  private List<String> walk(List<Route> routes, Map<String, Map<String, String>> callers) {
    List<String> more = new ArrayList<>();
    WorkspaceClient client = new WorkspaceClient(port);
    for (Route route : routes) {
      callers.forEach((who, headers) -> compare(route, who, headers, client, more));
    }
    return more;
  }

  private void compare(Route route, String who, Map<String, String> headers, WorkspaceClient client, List<String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (route.contentType() != null) {
      all.put("Content-Type", route.contentType());
    }
    HttpResponse<String> plain = client.send(route.method(), route.path(), all, route.body());
    for (String variant : variants(route.path())) {
      HttpResponse<String> spelled = client.send(route.method(), variant, all, route.body());
      if (moreAccess(plain, spelled)) {
        more.add(who + ": " + route.method() + " " + variant + " answered " + spelled.statusCode() + ", the plain path "
            + plain.statusCode());
      }
    }
  }

  /**
   * Whether the spelling got further than the plain path: an answer of the application (2xx, or a
   * redirect elsewhere than the login page) where the plain path was refused, or another success.
   */
  static boolean moreAccess(HttpResponse<String> plain, HttpResponse<String> spelled) {
    int status = spelled.statusCode();
    if (status == 400 || status == plain.statusCode() || refused(spelled)) {
      return false;
    }
    return !refused(plain) || status < 400;
  }

  private static boolean refused(HttpResponse<String> response) {
    int status = response.statusCode();
    boolean toLogin = status == 302 && response.headers().firstValue("Location").orElse("").contains("/login");
    return status == 401 || status == 403 || status == 404 || status == 405 || status == 429 || toLogin;
  }

  private Map<String, Map<String, String>> people() {
    Map<String, Map<String, String>> callers = new LinkedHashMap<>();
    callers.put("nobody", Map.of());
    PEOPLE.forEach(person -> callers.put(person, WorkspaceClient.basic(person, PASSWORD)));
    return callers;
  }

  private static Map<String, String> bearer(String secret) {
    return Map.of("Authorization", "Bearer " + secret);
  }

  /** A browser session signed in as the person (or nobody), with Camunda's XSRF cookie. */
  private WorkspaceClient session(String person) {
    WorkspaceClient client = new WorkspaceClient(port);
    if (person != null) {
      assertThat(client.login(person, PASSWORD).statusCode()).as("login of " + person).isEqualTo(302);
    }
    client.get("/camunda/app/tasklist/default/");
    return client;
  }
}
