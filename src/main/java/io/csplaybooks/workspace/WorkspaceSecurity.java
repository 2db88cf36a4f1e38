package io.csplaybooks.workspace;

import io.csplaybooks.security.Groups;
import io.csplaybooks.security.LoginFailures;
import io.csplaybooks.security.SignIn;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The workspace's door, the last of the application's filter chains (it takes every path the
 * others do not: the pages, their static files, the login): a person signs in with the login form or
 * a single sign-on provider, into the browser session Camunda's webapps share; every form posts the
 * session's token; {@code /studio/**} is for CS managers before an upload is read. Which team may
 * open which page is the page's own {@link WorkspaceAccess.Page}, checked by {@link WorkspaceInterceptor}.
 */
@Configuration
class WorkspaceSecurity {

  @Bean
  @Order(100)
  SecurityFilterChain workspace(HttpSecurity http, SignIn signIn) throws Exception {
    HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
    tokens.setParameterName("_csrf");
    // Providers, not a manager: single sign-on adds its own beside the passwords.
    http.authenticationProvider(signIn.passwordLogins())
        .csrf(csrf -> csrf.csrfTokenRepository(tokens).csrfTokenRequestHandler(new FormToken()))
        // Pages say no-store themselves (WorkspaceHeaders); the static files may be cached.
        .headers(headers -> headers.cacheControl(cache -> cache.disable()))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login")
            .usernameParameter("username").passwordParameter("password")
            .successHandler(backToWhereTheyWere()).failureHandler(refusedLogin()))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(signIn.logoutSuccess("/login?logout")))
        .addFilterBefore(signIn.sessionPeople(), AuthorizationFilter.class)
        .exceptionHandling(errors -> errors.authenticationEntryPoint(WorkspaceSecurity::toTheLoginPage)
            .accessDeniedHandler(refusedForm()))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/login", "/login/refused", "/error", "/webjars/**", "/workspace/static/**",
                "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**").permitAll()
            // Files dropped on the studio are read only for those who may deploy them.
            .requestMatchers("/studio/**").hasAnyAuthority(Groups.CS_MANAGERS, Groups.CAMUNDA_ADMIN)
            .anyRequest().authenticated());
    if (signIn.registrations().isPresent()) {
      SimpleUrlAuthenticationFailureHandler ssoFailed = new SimpleUrlAuthenticationFailureHandler("/login");
      http.oauth2Login(sso -> sso.loginPage("/login")
          .userInfoEndpoint(user -> user.oidcUserService(signIn.ssoPeople()))
          .successHandler(backToWhereTheyWere())
          .failureHandler(ssoFailed));
    }
    return http.build();
  }

  /** To the page the person asked for before the login (the form's "next", or the session's for single sign-on). */
  private static AuthenticationSuccessHandler backToWhereTheyWere() {
    return (request, response, authentication) -> {
      String next = request.getParameter("next");
      if (next == null && request.getSession(false) != null) {
        next = (String) request.getSession(false).getAttribute(LoginPage.NEXT);
      }
      if (request.getSession(false) != null) {
        request.getSession(false).removeAttribute(LoginPage.NEXT);
      }
      response.sendRedirect(request.getContextPath() + Home.safeNext(next));
    };
  }

  /** A refused login shows the login page again, with why and the status that says it. */
  private static AuthenticationFailureHandler refusedLogin() {
    return (request, response, failure) -> {
      if (failure instanceof LoginFailures.Throttled throttled) {
        response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
        refuse(request, response, 429, "login.throttled", throttled.retryAfterSeconds());
      } else if (failure instanceof LoginFailures.DatabaseUnavailable) {
        response.setHeader("Retry-After", "5");
        refuse(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "login.unavailable", null);
      } else if (failure instanceof DisabledException) {
        refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "login.passwords-off", null);
      } else {
        refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "login.wrong", null);
      }
    };
  }

  /** A form sent without the session's token (a forged post from another site, or a page open too long). */
  private static AccessDeniedHandler refusedForm() {
    return (request, response, denied) -> {
      boolean login = HttpMethod.POST.matches(request.getMethod()) && "/login".equals(request.getServletPath());
      String reason = denied instanceof CsrfException ? (login ? "login.expired" : "workspace.expired")
          : "workspace.forbidden";
      refuse(request, response, HttpServletResponse.SC_FORBIDDEN, reason, null);
    };
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String reason,
      Object argument) throws IOException, ServletException {
    response.setStatus(status);
    request.setAttribute(LoginPage.REFUSAL, reason);
    request.setAttribute(LoginPage.REFUSAL_ARGUMENT, argument);
    request.getRequestDispatcher("/login/refused").forward(request, response);
  }

  /** A person who is not signed in: a page goes to the login page (and comes back after it), anything else is 401. */
  private static void toTheLoginPage(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException failure) throws IOException {
    if (HttpMethod.GET.matches(request.getMethod())) {
      String here = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
      response.sendRedirect(request.getContextPath() + "/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8));
    } else {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }
  }

  /**
   * The form's token: a header, or the form's {@code _csrf} field. A form with files carries it in
   * its address instead (the studio's upload), so that the upload is not read before the person is
   * known to be allowed to send it.
   */
  static final class FormToken extends CsrfTokenRequestAttributeHandler {
    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
      String header = request.getHeader(token.getHeaderName());
      if (header != null) {
        return header;
      }
      String type = request.getContentType();
      if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
        return fromQuery(request.getQueryString(), token.getParameterName());
      }
      return request.getParameter(token.getParameterName());
    }

    private static String fromQuery(String query, String name) {
      if (query == null) {
        return null;
      }
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        if (key.equals(name)) {
          return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        }
      }
      return null;
    }
  }
}
