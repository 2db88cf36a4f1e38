package io.csplaybooks.security;

import static org.springframework.http.HttpMethod.POST;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach the engine's REST API, on each path it is served at: {@code /engine-rest} (the
 * Modeler's deploy button, scripts), its named-engine form {@code /engine-rest/engine/{name}}, and the
 * copy Camunda's webapps call, {@code /camunda/api/engine/engine/{name}}. Only people in a team (or
 * administrators) reach it at all; checking a person's password ({@code identity/verify}) is for
 * administrators; a deployment is read only for those who may deploy. What each team may then do
 * to playbooks is the engine's own authorization (IdentitySetup), which holds on every path.
 */
final class EngineAccess {

  /** Where the engine's resources are served, each followed by the resource's own path. */
  static final List<String> ROOTS = List.of("/engine-rest", "/engine-rest/engine/{engine}",
      "/camunda/api/engine/engine/{engine}");

  /** Every team and the administrators: a person in no team has no business with the engine. */
  static final Set<String> PEOPLE_IN_A_TEAM = people();

  /** Checks any person's password and says whether it is right: a password oracle, for administrators only. */
  static final RequestMatcher VERIFY = everywhere(null, "/identity/verify/**");

  /** A new deployment: its files are read only for CS managers and administrators. */
  static final RequestMatcher DEPLOY = everywhere(POST, "/deployment/create/**");

  /** Camunda Admin's "create the first administrator": the first administrator comes from the environment. */
  static final RequestMatcher SETUP = PathPatternRequestMatcher.withDefaults().matcher("/camunda/api/admin/setup/**");

  private EngineAccess() {}

  private static RequestMatcher everywhere(HttpMethod method, String path) {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    return new OrRequestMatcher(ROOTS.stream().map(root -> (RequestMatcher) paths.matcher(method, root + path)).toList());
  }

  private static Set<String> people() {
    Set<String> people = new TreeSet<>(Groups.TEAMS);
    people.add(Groups.CAMUNDA_ADMIN);
    return Set.copyOf(people);
  }

  static String[] peopleInATeam() {
    return PEOPLE_IN_A_TEAM.toArray(String[]::new);
  }
}
