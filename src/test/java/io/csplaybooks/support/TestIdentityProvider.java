package io.csplaybooks.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OpenID provider for the single sign-on tests: Spring Authorization Server, started once per
 * test run in this JVM on {@code localhost} (the application runs on {@code 127.0.0.1}, so the two
 * never share cookies, as an application and its identity provider would not). Its people sign in on
 * its own login page with the password {@value #PASSWORD}; their ID token carries {@code groups},
 * {@code preferred_username}, names and email, as Okta, Entra ID or Keycloak send them. A test may
 * change a person's groups between two sign-ons.
 */
public final class TestIdentityProvider {

  public static final String REGISTRATION = "test-idp";
  public static final String CLIENT_ID = "cs-playbooks";
  public static final String CLIENT_SECRET = "test-sso-client-secret";
  public static final String PASSWORD = "idp-password-2026";

  /** The provider's people: user name to given name, family name, email and groups. */
  public record Person(String username, String givenName, String familyName, String email, List<String> groups) {}

  private static final Map<String, Person> PEOPLE = new ConcurrentHashMap<>();

  static {
    person(new Person("olivia", "Olivia", "Park", "olivia@idp.example", List.of("cs-team")));
    person(new Person("mona", "Mona", "Lee", "mona@idp.example", List.of("cs-leads", "everyone")));
    person(new Person("walter", "Walter", "Kim", "walter@idp.example", List.of("marketing")));
    // A stranger at the provider whose user name is a local administrator's id.
    person(new Person("root", "Not", "Root", "root@elsewhere.example", List.of("cs-leads")));
  }

  private static ConfigurableApplicationContext context;
  private static int port;
  private static volatile String applicationBaseUrl = "http://127.0.0.1";

  private TestIdentityProvider() {}

  public static void person(Person person) {
    PEOPLE.put(person.username(), person);
  }

  /** Gives a person of the provider other groups, for their next sign-on. */
  public static void groups(String username, List<String> groups) {
    Person person = PEOPLE.get(username);
    PEOPLE.put(username, new Person(username, person.givenName(), person.familyName(), person.email(), groups));
  }

  /** Where the application runs, so the provider accepts its logout return address. */
  public static void application(String baseUrl) {
    applicationBaseUrl = baseUrl;
  }

  /** The provider's issuer (started on first use). */
  public static synchronized String issuer() {
    if (context == null) {
      start();
    }
    return "http://localhost:" + port;
  }

  private static void start() {
    String logging = "org.springframework.boot.logging.LoggingSystem";
    String before = System.getProperty(logging);
    // The application's logging stays as its own context set it.
    System.setProperty(logging, "none");
    try {
      context = new SpringApplicationBuilder(Provider.class)
          .web(WebApplicationType.SERVLET)
          .bannerMode(Banner.Mode.OFF)
          .logStartupInfo(false)
          // Not the application's configuration files.
          .properties("spring.config.name=test-idp", "server.port=0", "spring.main.register-shutdown-hook=false")
          .run();
      port = ((WebServerApplicationContext) context).getWebServer().getPort();
    } finally {
      if (before == null) {
        System.clearProperty(logging);
      } else {
        System.setProperty(logging, before);
      }
    }
  }

  /** Not a @Configuration: the application's component scan, which reaches the test classes, must not find it. */
  @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
      DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
      JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
      OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class})
  static class Provider {

    @Bean
    UserDetailsService people() {
      return username -> {
        Person person = PEOPLE.get(username);
        if (person == null) {
          throw new UsernameNotFoundException(username);
        }
        return User.withUsername(username).password("{noop}" + PASSWORD).authorities("USER").build();
      };
    }

    /** The application as a client of the provider; its redirect and logout addresses follow where it runs. */
    @Bean
    RegisteredClientRepository clients() {
      String id = UUID.randomUUID().toString();
      return new RegisteredClientRepository() {
        @Override
        public void save(RegisteredClient registeredClient) {
          // The provider re-encodes a {noop} secret after a check and saves it: the client stays as built here.
        }

        @Override
        public RegisteredClient findById(String clientId) {
          return id.equals(clientId) ? client(id) : null;
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
          return CLIENT_ID.equals(clientId) ? client(id) : null;
        }
      };
    }

    private static RegisteredClient client(String id) {
      return RegisteredClient.withId(id).clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          // A loopback address: the provider accepts it on any port (RFC 8252), the application's random one.
          .redirectUri("http://127.0.0.1/login/oauth2/code/" + REGISTRATION)
          .postLogoutRedirectUri(applicationBaseUrl + "/login?logout")
          .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
          .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
          .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(10)).build())
          .build();
    }

    /** The ID token says who the person is and which groups they are in, as enterprise providers do. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
      return context -> {
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          return;
        }
        Person person = PEOPLE.get(context.getPrincipal().getName());
        if (person != null) {
          context.getClaims().claim("preferred_username", person.username()).claim("given_name", person.givenName())
              .claim("family_name", person.familyName()).claim("email", person.email())
              .claim("groups", person.groups());
        }
      };
    }
  }
}
