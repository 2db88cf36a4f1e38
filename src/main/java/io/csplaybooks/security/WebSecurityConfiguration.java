package io.csplaybooks.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Nothing is open: {@code /engine-rest} (the Modeler's deploy button) takes HTTP Basic credentials of
 * an engine user, {@code /api} those or an integration token, and the webapps have their own login.
 * What each team may do is {@link ApiAccess} for {@code /api} and {@link IdentitySetup} for the engine.
 */
@Configuration
public class WebSecurityConfiguration implements WebMvcConfigurer {

  @Bean
  public FilterRegistrationBean<Filter> engineAccess(JerseyApplicationPath restPath, LoginThrottle throttle) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new EngineAccessFilter(throttle));
    registration.setName("engine-access");
    registration.addUrlPatterns(restPath.getUrlMapping(), "/camunda/api/admin/auth/*", EngineAccessFilter.SETUP + "*");
    // Before Camunda's authentication, which would otherwise count the failure against the user.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<Filter> engineRestAuthentication(JerseyApplicationPath restPath, CredentialCache logins) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new EngineRestAuthentication(logins));
    registration.setName("camunda-rest-authentication");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(restPath.getUrlMapping());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 200);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<Filter> apiSecurity(CredentialCache logins, ApiTokens tokens, LoginThrottle throttle) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ApiSecurityFilter(logins, tokens, throttle));
    registration.setName("api-security");
    registration.addUrlPatterns("/api/*", ApiSecurityFilter.SCRAPE_PATH);
    return registration;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ApiAccessInterceptor()).addPathPatterns("/api/**");
  }
}
