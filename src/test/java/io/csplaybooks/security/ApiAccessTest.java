package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api} endpoint, called by every team, a user in no team, an administrator and each
 * kind of integration token, against the table in {@link ApiAccess}. An endpoint nobody wrote a rule
 * for fails here.
 */
class ApiAccessTest extends IntegrationTest {

  /** Who calls: user id (or token scope) to the teams or scopes the caller has. */
  static final Map<String, Set<String>> CALLERS = new LinkedHashMap<>();

  static {
    CALLERS.put("ada", Set.of(Groups.SALES));
    CALLERS.put("carl", Set.of(Groups.CS));
    CALLERS.put("mia", Set.of(Groups.CS_MANAGERS));
    CALLERS.put("ed", Set.of(Groups.ENGINEERING));
    CALLERS.put("pat", Set.of(Groups.PRODUCT));
    CALLERS.put("nora", Set.of());
    CALLERS.put("root", Set.of(Groups.CAMUNDA_ADMIN));
  }

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;
  @Autowired ApiTokens tokens;

  record Endpoint(HttpMethod method, String pattern) {
    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/api/")) {
          info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern)));
        }
      }
    }
    return endpoints.stream().distinct().toList();
  }

  @Test
  void everyEndpointHasARuleAndEveryRuleAnEndpoint() {
    Set<String> mapped = endpoints().stream().map(Endpoint::toString).collect(Collectors.toCollection(TreeSet::new));
    Set<String> ruled = ApiAccess.RULES.stream().map(r -> r.method() + " " + r.pattern())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(mapped).as("endpoints without a rule in ApiAccess").isSubsetOf(ruled);
    // The demo mailbox exists in the demo profile only.
    assertThat(ruled).as("rules without an endpoint").containsAll(mapped);
    Set<String> unmapped = new TreeSet<>(ruled);
    unmapped.removeAll(mapped);
    assertThat(unmapped).containsExactly("GET /api/demo/mailbox");
    assertThat(mapped).hasSizeGreaterThanOrEqualTo(26);
  }

  @Test
  void everyTeamGetsExactlyWhatTheTableSays() {
    List<String> mismatches = new ArrayList<>();
    int calls = 0;
    for (Endpoint endpoint : endpoints()) {
      ApiAccess.Rule rule = ApiAccess.rule(endpoint.method(), endpoint.pattern()).orElseThrow();
      for (Map.Entry<String, Set<String>> caller : CALLERS.entrySet()) {
        boolean allowed = caller.getValue().contains(Groups.CAMUNDA_ADMIN)
            || caller.getValue().stream().anyMatch(rule.teams()::contains);
        int status = call(endpoint, basic(caller.getKey())).getStatusCode().value();
        calls++;
        if (allowed ? status == 403 || status == 401 || status >= 500 : status != 403) {
          mismatches.add(endpoint + " as " + caller.getKey() + ": " + status + (allowed ? ", should be let in" : ", should be 403"));
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(calls).isGreaterThan(150);
  }

  @Test
  void aTokenCallsOnlyWhatItsScopesAllow() {
    String suffix = Long.toString(System.nanoTime(), 36);
    Map<String, String> secrets = Map.of(
        ApiAccess.SCOPE_HANDOFFS, tokens.create("crm-" + suffix, List.of(ApiAccess.SCOPE_HANDOFFS), "root").secret(),
        ApiAccess.SCOPE_SIGNALS, tokens.create("pipeline-" + suffix, List.of(ApiAccess.SCOPE_SIGNALS), "root").secret());
    List<String> mismatches = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      ApiAccess.Rule rule = ApiAccess.rule(endpoint.method(), endpoint.pattern()).orElseThrow();
      secrets.forEach((scope, secret) -> {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(secret);
        int status = call(endpoint, headers).getStatusCode().value();
        boolean allowed = rule.scopes().contains(scope);
        if (allowed ? status == 403 || status == 401 || status >= 500 : status != 403) {
          mismatches.add(endpoint + " with a " + scope + " token: " + status);
        }
      });
    }
    assertThat(mismatches).isEmpty();
  }

  HttpHeaders basic(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, PASSWORD);
    return headers;
  }

  /** The endpoint with ids that exist nowhere and an empty body: the access decision, and no side effects. */
  ResponseEntity<String> call(Endpoint endpoint, HttpHeaders headers) {
    String path = endpoint.pattern().replace("{key}", "no-such-playbook").replaceAll("\\{[^}]+}", "987654321");
    HttpEntity<String> request;
    if (endpoint.method() == HttpMethod.GET || endpoint.method() == HttpMethod.DELETE) {
      request = new HttpEntity<>(headers);
    } else {
      headers.setContentType(path.endsWith("/csv") ? MediaType.valueOf("text/csv") : MediaType.APPLICATION_JSON);
      request = new HttpEntity<>(path.equals("/api/signals") ? "[]" : path.endsWith("/csv") ? "" : "{}", headers);
    }
    return http.exchange(path, endpoint.method(), request, String.class);
  }
}
