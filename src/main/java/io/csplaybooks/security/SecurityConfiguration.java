package io.csplaybooks.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.filter.CsrfPreventionFilter;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.boot.web.servlet.filter.OrderedRequestContextFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.RequestContextFilter;

/**
 * The perimeter: Spring Security, one filter chain per surface, each refusing what it does not
 * allow, all behind Spring's strict firewall (which answers 400 to {@code ;} path parameters,
 * encoded slashes and dots, {@code //}, {@code ..} and the like, so every path a chain sees is the
 * path the application serves). Access is decided by request matchers on the path as Spring MVC and
 * Jersey route it, never by comparing the raw URI by hand.
 *
 * <ul>
 *   <li>{@code /engine-rest/**}: HTTP Basic with a person's password, no session; {@link EngineAccess}.
 *   <li>{@code /api/**}: HTTP Basic or an integration token, no session; {@link ApiAccess}.
 *   <li>{@code /actuator/**}: health open, the Prometheus scrape for a metrics token or an administrator.
 *   <li>{@code /webhooks/**}: open at the door, each webhook checks its sender's signature.
 *   <li>{@code /camunda/**}: Camunda's webapps and their APIs, in the browser session the workspace
 *       shares, with Camunda's own login page going through the same door ({@link CamundaLogin}).
 *   <li>everything else: the workspace's pages, with the login page and single sign-on (its chain is
 *       the workspace's own, WorkspaceSecurity).
 * </ul>
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration {

  static final String API_LOGIN = "authentication is required: HTTP Basic with your user, or Authorization: Bearer"
      + " with an integration token";
  static final String ENGINE_LOGIN = "authentication is required: HTTP Basic with your user";

  /** The firewall's refusals (a ";" in a path, an encoded slash, "..") are bad requests, not server errors. */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, rejected) -> SecurityProblems.write(response, HttpServletResponse.SC_BAD_REQUEST,
        "rejected", "Bad request", "the request's path is not one this application serves: " + rejected.getMessage());
  }

  @Bean
  HttpFirewall httpFirewall() {
    return new StrictHttpFirewall();
  }

  /**
   * Spring Security's firewall, first of all the filters: the webapps' CSRF filter and the path
   * matchers' own parsing (which fails on a Jersey path such as {@code /engine-rest;x=y/task}) see
   * only requests the firewall let through; the rest get its 400.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> firewallFirst(HttpFirewall firewall, RequestRejectedHandler rejected) {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        try {
          firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException refused) {
          rejected.handle(request, response, refused);
          return;
        }
        chain.doFilter(request, response);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("firewall");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Paths in every chain are Spring's path patterns, matched the same way for Spring MVC and Jersey. */
  @Bean
  PathPatternRequestMatcher.Builder pathPatterns() {
    return PathPatternRequestMatcher.withDefaults();
  }

  @Bean
  @Order(10)
  SecurityFilterChain engineRest(HttpSecurity http, SignIn signIn) throws Exception {
    withBasic(http, "/engine-rest/**", signIn, ENGINE_LOGIN, engineRefusal())
        .addFilterBefore(new ThrottleGate(signIn), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(EngineAccess.VERIFY).hasAuthority(Groups.CAMUNDA_ADMIN)
            .requestMatchers(EngineAccess.DEPLOY).hasAnyAuthority(Groups.CS_MANAGERS, Groups.CAMUNDA_ADMIN)
            .anyRequest().hasAnyAuthority(EngineAccess.peopleInATeam()));
    return http.build();
  }

  @Bean
  @Order(20)
  SecurityFilterChain api(HttpSecurity http, SignIn signIn) throws Exception {
    withBasic(http, "/api/**", signIn, API_LOGIN, apiRefusal())
        .addFilterBefore(tokens(signIn, API_LOGIN), BasicAuthenticationFilter.class)
        .addFilterAfter(new JsonBodies(), AuthorizationFilter.class)
        .authorizeHttpRequests(requests -> {
          for (ApiAccess.Rule rule : ApiAccess.bySpecificity()) {
            requests.requestMatchers(rule.matcher()).access(rule.decision());
          }
          // An endpoint without a rule: administrators only.
          requests.anyRequest().hasAuthority(Groups.CAMUNDA_ADMIN);
        });
    return http.build();
  }

  @Bean
  @Order(30)
  SecurityFilterChain actuator(HttpSecurity http, SignIn signIn) throws Exception {
    withBasic(http, "/actuator/**", signIn, API_LOGIN, (request, response, denied) -> SecurityProblems.forbidden(
            response, "the metrics are for an integration token with the metrics scope, or an administrator"))
        .addFilterBefore(tokens(signIn, API_LOGIN), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            .requestMatchers(HttpMethod.GET, "/actuator/prometheus").access(scrape())
            .anyRequest().denyAll());
    return http.build();
  }

  /** A stateless surface that takes HTTP Basic (and answers its refusals as problems), for the paths given. */
  private static HttpSecurity withBasic(HttpSecurity http, String paths, SignIn signIn, String missing,
      AccessDeniedHandler refusal) throws Exception {
    stateless(http.securityMatcher(paths));
    return http.authenticationManager(signIn.passwords())
        .httpBasic(basic -> basic.authenticationEntryPoint(SecurityProblems.entryPoint(missing)))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityProblems.entryPoint(missing))
            .accessDeniedHandler(refusal));
  }

  @Bean
  @Order(40)
  SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
    // A webhook's sender proves itself with its signature (CrmWebhooks), not with a login.
    stateless(http.securityMatcher("/webhooks/**"));
    http.authorizeHttpRequests(requests -> requests
        .requestMatchers(HttpMethod.POST, "/webhooks/hubspot/deals").permitAll()
        .anyRequest().denyAll());
    return http.build();
  }

  private static final String[] WEBAPP_FILES = {"/camunda/app/{app}/locales/*.json", "/camunda/app/{app}/scripts/**",
      "/camunda/app/{app}/styles/**", "/camunda/app/{app}/*.css", "/camunda/app/{app}/*.js", "/camunda/app/*.js",
      "/camunda/assets/**", "/camunda/lib/**", "/camunda/favicon.ico"};

  @Bean
  @Order(50)
  SecurityFilterChain webapps(HttpSecurity http, SignIn signIn) throws Exception {
    http.securityMatcher("/camunda/**")
        // Camunda's own CSRF filter (camundaCsrf, before this chain) guards every change the webapps
        // send, its login and logout included; its header filters set the webapps' headers and caching.
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .addFilterAt(new CamundaLogin(signIn.passwords(), signIn.engine()), UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(new ThrottleGate(signIn), CamundaLogin.class)
        .addFilterBefore(signIn.sessionPeopleForWebapps(), AuthorizationFilter.class)
        .logout(logout -> logout
            .logoutRequestMatcher(PathPatternRequestMatcher.withDefaults()
                .matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/{engine}/logout"))
            .logoutSuccessHandler(signIn.webappLogoutSuccess("/login?logout")))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(webappEntry())
            .accessDeniedHandler(engineRefusal()))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(EngineAccess.SETUP).denyAll()
            .requestMatchers(EngineAccess.VERIFY).hasAuthority(Groups.CAMUNDA_ADMIN)
            .requestMatchers(EngineAccess.DEPLOY).hasAnyAuthority(Groups.CS_MANAGERS, Groups.CAMUNDA_ADMIN)
            // Who is signed in: Camunda answers 404 to nobody, as its login page expects.
            .requestMatchers(HttpMethod.GET, "/camunda/api/admin/auth/user/{engine}").permitAll()
            .requestMatchers(HttpMethod.POST, CamundaLogin.PATH).permitAll()
            // The webjar's own files (scripts, styles, translations, fonts) hold nothing of ours.
            .requestMatchers(HttpMethod.GET, WEBAPP_FILES).permitAll()
            // The engine's API and the webapps' plugin APIs (Cockpit's queries among them) are for people in a team.
            .requestMatchers("/camunda/api/**").hasAnyAuthority(EngineAccess.peopleInATeam())
            .anyRequest().authenticated());
    return http.build();
  }

  /** Camunda's CSRF filter, registered before Spring Security so that it checks the webapps' login and logout too. */
  @Bean
  FilterRegistrationBean<CsrfPreventionFilter> camundaCsrf(CamundaBpmProperties camunda) {
    FilterRegistrationBean<CsrfPreventionFilter> registration = new FilterRegistrationBean<>(new CsrfPreventionFilter());
    // The name Camunda's webapp initializer registers it under, so that it does not add a second one.
    registration.setName("CsrfPreventionFilter");
    registration.setInitParameters(camunda.getWebapp().getCsrf().getInitParams());
    String app = camunda.getWebapp().getApplicationPath();
    registration.addUrlPatterns(app + "/api/*", app + "/app/*");
    registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
    registration.setOrder(SECURITY_ORDER - 50);
    return registration;
  }

  /** Camunda's REST API runs each request as the person Spring Security let in ({@link SignedInToEngine}). */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(JerseyApplicationPath restPath) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        SignedInToEngine.class.getName());
    registration.addUrlPatterns(restPath.getUrlMapping());
    registration.setOrder(SECURITY_ORDER + 50);
    return registration;
  }

  /**
   * The request in hand for the code that checks a password ({@link PasswordCheckThrottle} counts by
   * the client address), from before Spring Security's filters run: Jersey's starter would register
   * this filter after them.
   */
  @Bean
  FilterRegistrationBean<RequestContextFilter> requestContextFilter() {
    FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(new OrderedRequestContextFilter());
    registration.setName("requestContextFilter");
    registration.setOrder(SECURITY_ORDER - 10);
    return registration;
  }

  /** Spring Boot's order for Spring Security's filter (SecurityProperties.DEFAULT_FILTER_ORDER). */
  static final int SECURITY_ORDER = org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER;

  private static void stateless(HttpSecurity http) throws Exception {
    // No session, so no cookie is ever read here: nothing a cross-site page could ride on.
    http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .anonymous(anonymous -> { });
  }

  /** Authorization: Bearer with an integration token. */
  private static AuthenticationFilter tokens(SignIn signIn, String missing) {
    AuthenticationFilter filter = new AuthenticationFilter(signIn.tokens(), signIn.tokenConverter());
    filter.setSuccessHandler((request, response, authentication) -> { });
    filter.setFailureHandler((request, response, failure) -> SecurityProblems.unauthenticated(response, failure, missing));
    return filter;
  }

  /** Prometheus' scrape: a token with the metrics scope, or an administrator. */
  private static AuthorizationManager<RequestAuthorizationContext> scrape() {
    return (authentication, context) -> new AuthorizationDecision(ApiUser.of(authentication.get())
        .map(user -> user.scopes().contains(ApiAccess.SCOPE_METRICS) || user.isAdministrator()).orElse(false));
  }

  /** A 403 in the API's words: who may call the endpoint, and that the caller is not among them. */
  private static AccessDeniedHandler apiRefusal() {
    return (request, response, denied) -> {
      ApiUser user = ApiUser.of(currentAuthentication()).orElse(null);
      String call = request.getMethod() + " " + request.getRequestURI();
      ApiAccess.Rule rule = ApiAccess.ruleFor(request).orElse(null);
      String detail;
      if (rule == null) {
        detail = "no one but an administrator may call " + call + ": the endpoint has no rule in ApiAccess";
      } else if (user != null && user.isToken()) {
        detail = "the token '" + user.id().substring(ApiUser.TOKEN_PREFIX.length()) + "' has no scope for "
            + rule.method() + " " + rule.pattern();
      } else {
        detail = "user '" + (user == null ? "?" : user.id()) + "' is not in " + rule.who() + ", who may call "
            + rule.method() + " " + rule.pattern();
      }
      SecurityProblems.forbidden(response, detail);
    };
  }

  private static AccessDeniedHandler engineRefusal() {
    return (request, response, denied) -> {
      ApiUser user = ApiUser.of(currentAuthentication()).orElse(null);
      String who = user == null ? "nobody signed in" : "user '" + user.id() + "'";
      String detail;
      if (EngineAccess.SETUP.matches(request)) {
        detail = "the first administrator is created from CSP_ADMIN_USER and CSP_ADMIN_PASSWORD when the application"
            + " starts, not by the first visitor";
      } else if (EngineAccess.VERIFY.matches(request)) {
        detail = "checking a person's password is for administrators: " + who + " is not one";
      } else if (EngineAccess.DEPLOY.matches(request)) {
        detail = "deploying playbooks is for cs-managers and administrators: " + who + " is in neither";
      } else {
        detail = "the engine is for people in a team (" + String.join(", ", Groups.TEAMS) + ") and administrators: "
            + who + " is in none";
      }
      SecurityProblems.forbidden(response, detail);
    };
  }

  private static Authentication currentAuthentication() {
    return org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
  }

  /** The webapps' pages send a person who is not signed in to the login page, and come back after it. */
  private static AuthenticationEntryPoint webappEntry() {
    return (request, response, failure) -> {
      boolean page = HttpMethod.GET.matches(request.getMethod())
          && PathPatternRequestMatcher.withDefaults().matcher("/camunda/app/**").matches(request);
      if (page) {
        String here = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.sendRedirect(request.getContextPath() + "/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8));
      } else {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      }
    };
  }

  /**
   * A client address that failed too often waits before any password is checked here again, also on
   * {@code identity/verify}, where the engine checks it outside Spring Security's login.
   */
  static final class ThrottleGate extends OncePerRequestFilter {
    private final LoginThrottleView throttle;

    ThrottleGate(SignIn signIn) {
      this.throttle = signIn::addressWaits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (EngineAccess.VERIFY.matches(request) || PathPatternRequestMatcher.withDefaults()
          .matcher(HttpMethod.POST, CamundaLogin.PATH).matches(request)) {
        Duration wait = throttle.waitFor(request.getRemoteAddr());
        if (!wait.isZero()) {
          SecurityProblems.tooManyFailures(response, wait.toSeconds());
          return;
        }
      }
      chain.doFilter(request, response);
    }
  }

  interface LoginThrottleView {
    Duration waitFor(String address);
  }

  /**
   * A POST to the API carries JSON or CSV: body types a page on another site cannot send from a
   * browser without asking first (a CORS preflight this API never grants).
   */
  static final class JsonBodies extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (!acceptableBody(request)) {
        SecurityProblems.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
            "Unsupported media type", "Content-Type must be application/json (text/csv for CSV uploads), not '"
                + request.getContentType() + "'");
        return;
      }
      chain.doFilter(request, response);
    }
  }

  static boolean acceptableBody(HttpServletRequest request) {
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      return true;
    }
    String contentType = request.getContentType();
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardSubtype()
          || "application".equals(type.getType()) && type.getSubtype().endsWith("+json")
          || "text".equals(type.getType()) && "csv".equals(type.getSubtype());
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
