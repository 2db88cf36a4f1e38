package io.csplaybooks.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.Set;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The ways into the application, for the surfaces that take a person in: a password (the login pages,
 * HTTP Basic), an integration token (/api), single sign-on with the OpenID providers configured under
 * {@code spring.security.oauth2.client.registration}, and the session that keeps the person and
 * their teams (shared by the workspace and Camunda's webapps).
 */
@Component
public class SignIn {

  private static final String PROVIDER_LOGOUT = SignIn.class.getName() + ".providerLogout";

  private final SecuritySettings settings;
  private final PasswordLogins passwordLogins;
  private final AuthenticationManager passwords;
  private final TokenLogins tokenLogins;
  private final AuthenticationManager tokens;
  private final ObjectProvider<ClientRegistrationRepository> registrations;
  private final SsoPeople ssoPeople;
  private final People people;
  private final ProcessEngine engine;
  private final Duration recheck;
  private final LoginThrottle throttle;

  public SignIn(SecuritySettings settings, CredentialCache logins, LoginThrottle throttle, ApiTokens apiTokens,
      ObjectProvider<ClientRegistrationRepository> registrations, @Lazy IdentityService identity, SsoLogins ssoLogins,
      PlatformTransactionManager transactions, People people, @Lazy ProcessEngine engine) {
    this.settings = settings;
    this.passwordLogins = new PasswordLogins(logins, settings, throttle);
    this.passwords = new ProviderManager(passwordLogins);
    this.tokenLogins = new TokenLogins(apiTokens, throttle);
    this.tokens = new ProviderManager(tokenLogins);
    this.registrations = registrations;
    this.ssoPeople = new SsoPeople(identity, ssoLogins, settings.security().sso(),
        new TransactionTemplate(transactions));
    this.people = people;
    this.engine = engine;
    this.recheck = settings.security().credentialCache();
    this.throttle = throttle;
  }

  /** How long the client address must wait before its next password check, or zero. */
  public Duration addressWaits(String address) {
    return throttle.waitFor(address);
  }

  /** Checks a user name and password (when local passwords are on). */
  public AuthenticationManager passwords() {
    return passwords;
  }

  /** The same check as one provider among others (the workspace's door has single sign-on's beside it). */
  public AuthenticationProvider passwordLogins() {
    return passwordLogins;
  }

  AuthenticationManager tokens() {
    return tokens;
  }

  TokenLogins tokenConverter() {
    return tokenLogins;
  }

  public boolean localPasswords() {
    return settings.security().localPasswords();
  }

  /** An OpenID provider a person may sign on with: its registration id (for the link) and its name. */
  public record Provider(String id, String name) {}

  public List<Provider> providers() {
    return clients().stream().map(client -> new Provider(client.getRegistrationId(), client.getClientName())).toList();
  }

  /**
   * Where the providers' logouts are (scheme, host and port), which the workspace's logout form is
   * redirected to: its pages' Content-Security-Policy allows them as form targets.
   */
  public List<String> providerLogoutOrigins() {
    Set<String> origins = new TreeSet<>();
    for (ClientRegistration client : clients()) {
      Object endSession = client.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
      if (endSession != null) {
        UriComponents uri = UriComponentsBuilder.fromUriString(endSession.toString()).build();
        origins.add(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
      }
    }
    return List.copyOf(origins);
  }

  private List<ClientRegistration> clients() {
    List<ClientRegistration> clients = new ArrayList<>();
    registrations().ifPresent(repository -> {
      if (repository instanceof Iterable<?> all) {
        for (Object registration : all) {
          if (registration instanceof ClientRegistration client) {
            clients.add(client);
          }
        }
      }
    });
    return clients;
  }

  public Optional<ClientRegistrationRepository> registrations() {
    return Optional.ofNullable(registrations.getIfAvailable());
  }

  /** Makes a person of a single sign-on: a user of the application, in the teams their groups map to. */
  public OAuth2UserService<OidcUserRequest, OidcUser> ssoPeople() {
    return ssoPeople;
  }

  /** Where the provider signs the person out too, if they came by single sign-on and the provider offers it. */
  private Optional<String> providerLogout(HttpServletRequest request, Authentication authentication,
      String loggedOutPath) {
    if (!(authentication instanceof OAuth2AuthenticationToken sso) || !(sso.getPrincipal() instanceof OidcUser person)
        || registrations().isEmpty()) {
      return Optional.empty();
    }
    ClientRegistration client = registrations().get().findByRegistrationId(sso.getAuthorizedClientRegistrationId());
    Object endSession = client == null ? null
        : client.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
    if (endSession == null) {
      return Optional.empty();
    }
    String back = ServletUriComponentsBuilder.fromContextPath(request).path(loggedOutPath).build().toUriString();
    return Optional.of(UriComponentsBuilder.fromUriString(endSession.toString())
        .queryParam("id_token_hint", person.getIdToken().getTokenValue())
        .queryParam("post_logout_redirect_uri", back)
        .encode().build().toUriString());
  }

  /**
   * After the application's one session ended (the workspace's logout): a person who came by single
   * sign-on goes on to their provider's logout, which sends them back to the login page; anyone else
   * goes to the login page.
   */
  public LogoutSuccessHandler logoutSuccess(String loggedOutPath) {
    return (request, response, authentication) -> response.sendRedirect(
        providerLogout(request, authentication, loggedOutPath).orElse(request.getContextPath() + loggedOutPath));
  }

  /**
   * After Camunda's webapps ended the session (their logout, a call from the page's script): 200, and
   * for a person who came by single sign-on the login page then offers the provider's logout.
   */
  LogoutSuccessHandler webappLogoutSuccess(String loggedOutPath) {
    return (request, response, authentication) -> {
      providerLogout(request, authentication, loggedOutPath)
          .ifPresent(url -> request.getSession(true).setAttribute(PROVIDER_LOGOUT, url));
      response.setStatus(HttpServletResponse.SC_OK);
    };
  }

  /** The provider's logout the login page offers after a logout from the webapps, taken once. */
  public Optional<String> takeProviderLogout(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(PROVIDER_LOGOUT) instanceof String url)) {
      return Optional.empty();
    }
    session.removeAttribute(PROVIDER_LOGOUT);
    return Optional.of(url);
  }

  /** Keeps the person of a browser session true to the engine (teams, existence); see {@link SessionPeople}. */
  public Filter sessionPeople() {
    return new SessionPeople(people, engine, recheck, false);
  }

  Filter sessionPeopleForWebapps() {
    return new SessionPeople(people, engine, recheck, true);
  }

  ProcessEngine engine() {
    return engine;
  }
}
