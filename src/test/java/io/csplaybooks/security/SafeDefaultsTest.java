package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.Answers;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The demo only on the embedded database; the first administrator only from the environment. */
class SafeDefaultsTest {

  @ParameterizedTest(name = "{0}={1}: default profiles {2}")
  @CsvSource({
      "none,,demo",
      "CSP_DB_URL,jdbc:h2:file:./data/x,demo",
      "CSP_DB_URL,jdbc:postgresql://db:5432/cs,default",
      "spring.datasource.url,jdbc:postgresql://db:5432/cs,default",
      "spring.datasource.url,jdbc:h2:mem:x,demo"})
  void theDemoIsTheDefaultOnlyOnTheEmbeddedDatabase(String property, String url, String profiles) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("given",
        url == null ? Map.of() : Map.of(property, url)));

    new DemoByDefault().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getDefaultProfiles()).containsExactly(profiles);
  }

  @Test
  void theAdministratorNeedsALongPassword() {
    IdentityService identity = mock(IdentityService.class, Answers.RETURNS_DEEP_STUBS);
    when(identity.createUserQuery().userId("boss").count()).thenReturn(0L);
    AdministratorSetup setup = new AdministratorSetup(identity, mock(AuthorizationService.class, Answers.RETURNS_DEEP_STUBS),
        "boss", "short");

    assertThatThrownBy(() -> setup.run(null)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 12 characters");
    verify(identity, never()).saveUser(org.mockito.ArgumentMatchers.any());
  }
}
