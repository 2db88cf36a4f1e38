package io.csplaybooks.security;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security's settings: how people sign in ({@code csp.security}) and the first administrator of an
 * installation ({@code csp.admin}). Bound at {@code csp} because the two are siblings there and their
 * keys are the operators' (CSP_ADMIN_USER, CSP_LOCAL_PASSWORDS...). The identity providers themselves
 * are Spring Boot's {@code spring.security.oauth2.client.registration.*} and {@code .provider.*}; what
 * the application reads of their tokens is {@link Sso}.
 *
 * @param security how people sign in
 * @param admin the first administrator, created at the first start when named
 */
@ConfigurationProperties("csp")
record SecuritySettings(@DefaultValue SignOn security, @DefaultValue Admin admin) {

  /**
   * How people sign in ({@code csp.security}).
   *
   * @param localPasswords whether people may sign in with a password kept by the application (the
   *     login page, Camunda's login page, HTTP Basic); off, only single sign-on and integration tokens
   *     get in
   * @param sso what the application reads of an identity provider's tokens
   * @param login the throttle on every check of a password ({@link LoginThrottle})
   * @param credentialCache how long a right password on /api and /engine-rest is remembered with the
   *     person's groups, and how often a browser session's teams are checked again; zero: never
   */
  public record SignOn(@DefaultValue("true") boolean localPasswords, @DefaultValue Sso sso,
      @DefaultValue Login login, @DefaultValue("PT5S") Duration credentialCache) {}

  /**
   * The first administrator of a real installation ({@link AdministratorSetup}); both empty by default,
   * and then no one is created.
   *
   * @param user the administrator's user id
   * @param password their first password, 12 characters or more
   */
  public record Admin(String user, String password) {

    public Admin {
      user = user == null ? "" : user.trim();
      password = password == null ? "" : password;
    }
  }

  /**
   * The throttle: per client address, after {@code maxFailures} within the window the address waits
   * for the block time; per person, after {@code personFreeFailures} each check waits
   * {@code personDelay}, doubling up to {@code personMaxDelay}.
   */
  public record Login(@DefaultValue("10") int maxFailures, @DefaultValue("PT5M") Duration window,
      @DefaultValue("PT5M") Duration block, @DefaultValue("3") int personFreeFailures,
      @DefaultValue("PT0.25S") Duration personDelay, @DefaultValue("PT4S") Duration personMaxDelay) {}

  /**
   * What a person's ID token says, as the application reads it.
   *
   * @param userIdClaim the claim that becomes the person's user id in the application (their tasks,
   *     their book); an address (carol@example.com) becomes its part before the @
   * @param groupsClaim the claim listing the person's groups at the identity provider
   * @param teams the provider's group, as the groups claim names it, to the application's team (cs,
   *     cs-managers, sales, engineering, product, a CS pod, or camunda-admin); the teams named here
   *     follow the provider at every sign-in, other memberships are left as they are
   * @param linkLocalUsers whether a first sign-on may take over a user the application already has
   *     under that id, when its email address is the token's; off, such a sign-on is refused
   */
  public record Sso(@DefaultValue("preferred_username") String userIdClaim, @DefaultValue("groups") String groupsClaim,
      Map<String, String> teams, @DefaultValue("false") boolean linkLocalUsers) {

    public Sso {
      teams = teams == null ? Map.of() : Map.copyOf(teams);
    }
  }
}
