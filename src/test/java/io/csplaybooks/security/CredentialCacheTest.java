package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;

/** Which logins the cache remembers, for how long, and when it forgets them. */
class CredentialCacheTest {

  IdentityService identity = mock(IdentityService.class);

  @BeforeEach
  void people() {
    when(identity.checkPassword(anyString(), anyString())).thenReturn(false);
    when(identity.checkPassword("carl", "right")).thenReturn(true);
    Group cs = mock(Group.class);
    when(cs.getId()).thenReturn("cs");
    GroupQuery groups = mock(GroupQuery.class, Answers.RETURNS_SELF);
    when(groups.list()).thenReturn(List.of(cs));
    when(identity.createGroupQuery()).thenReturn(groups);
    TenantQuery tenants = mock(TenantQuery.class, Answers.RETURNS_SELF);
    when(tenants.list()).thenReturn(List.of());
    when(identity.createTenantQuery()).thenReturn(tenants);
  }

  @Test
  void aRightPasswordIsCheckedOnceWithinTheWindowWithItsGroups() {
    CredentialCache cache = new CredentialCache(identity, Duration.ofMinutes(1));

    for (int i = 0; i < 5; i++) {
      assertThat(cache.check("carl", "right")).hasValueSatisfying(login -> {
        assertThat(login.userId()).isEqualTo("carl");
        assertThat(login.groups()).containsExactly("cs");
        assertThat(login.tenants()).isEmpty();
      });
    }
    verify(identity, times(1)).checkPassword("carl", "right");
  }

  @Test
  void aWrongPasswordIsNeverRememberedNorTakenForTheRightOne() {
    CredentialCache cache = new CredentialCache(identity, Duration.ofMinutes(1));
    assertThat(cache.check("carl", "right")).isPresent();

    for (int i = 0; i < 3; i++) {
      assertThat(cache.check("carl", "wrong")).isEmpty();
      // Name and password are one key: "carl" + "\0right" is not "carl\0" + "right".
      assertThat(cache.check("carl\0", "right")).isEmpty();
    }
    verify(identity, times(3)).checkPassword("carl", "wrong");
    verify(identity, times(3)).checkPassword("carl\0", "right");
  }

  @Test
  void aChangeForgetsEveryLoginAndAPasswordChangedSinceIsRefused() {
    CredentialCache cache = new CredentialCache(identity, Duration.ofMinutes(1));
    assertThat(cache.check("carl", "right")).isPresent();

    when(identity.checkPassword("carl", "right")).thenReturn(false);
    cache.forgetAll();

    assertThat(cache.check("carl", "right")).isEmpty();
    verify(identity, times(2)).checkPassword("carl", "right");
  }

  @Test
  void aLoginRunsOutAfterTheWindowAndZeroTurnsTheCacheOff() throws InterruptedException {
    CredentialCache brief = new CredentialCache(identity, Duration.ofMillis(50));
    brief.check("carl", "right");
    Thread.sleep(80);
    brief.check("carl", "right");
    verify(identity, times(2)).checkPassword("carl", "right");

    CredentialCache off = new CredentialCache(identity, Duration.ZERO);
    off.check("carl", "right");
    off.check("carl", "right");
    verify(identity, times(4)).checkPassword("carl", "right");
  }
}
