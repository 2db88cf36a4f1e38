package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Logins are remembered for a few seconds (CredentialCache), and a change of password, team or user
 * through the engine (Camunda Admin, the engine REST API) still takes effect on the very next request,
 * on /api and on /engine-rest alike.
 */
class RememberedLoginsTest extends IntegrationTest {

  @Test
  void aChangedPasswordIsRefusedAtOnceAndTheNewOneTaken() {
    String id = person("kim", Groups.CS_MANAGERS);
    assertThat(calls(http.withBasicAuth(id, PASSWORD))).containsExactly(200, 200);

    User user = identity.createUserQuery().userId(id).singleResult();
    user.setPassword("a-new-password-2026");
    identity.saveUser(user);

    assertThat(calls(http.withBasicAuth(id, PASSWORD))).containsExactly(401, 401);
    assertThat(calls(http.withBasicAuth(id, "a-new-password-2026"))).containsExactly(200, 200);
  }

  @Test
  void aPersonTakenOutOfATeamLosesItsRightsAtOnce() {
    String id = person("lou", Groups.CS_MANAGERS);
    assertThat(calls(http.withBasicAuth(id, PASSWORD))).containsExactly(200, 200);

    identity.deleteMembership(id, Groups.CS_MANAGERS);

    // Still a user, no longer a CS manager, and in no team: the engine's REST API is closed to them.
    assertThat(http.withBasicAuth(id, PASSWORD).getForEntity("/api/playbooks", String.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(http.withBasicAuth(id, PASSWORD).getForEntity("/engine-rest/process-definition", String.class)
        .getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void aDeletedUserIsRefusedAtOnce() {
    String id = person("max", Groups.CS_MANAGERS);
    assertThat(calls(http.withBasicAuth(id, PASSWORD))).containsExactly(200, 200);

    identity.deleteUser(id);

    assertThat(calls(http.withBasicAuth(id, PASSWORD))).containsExactly(401, 401);
  }

  /** The status of a CS manager's read on /api and on /engine-rest. */
  private static java.util.List<Integer> calls(TestRestTemplate client) {
    return java.util.List.of(client.getForEntity("/api/playbooks", String.class).getStatusCode().value(),
        client.getForEntity("/engine-rest/process-definition/count", String.class).getStatusCode().value());
  }

  private String person(String name, String group) {
    String id = name + "-" + Long.toString(System.nanoTime(), 36);
    User user = identity.newUser(id);
    user.setFirstName(name);
    user.setLastName("Test");
    user.setEmail(id + "@example.com");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    identity.createMembership(id, group);
    return id;
  }
}
