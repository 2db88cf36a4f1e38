package io.csplaybooks.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nothing is open: {@code /engine-rest} (the Modeler's deploy button, integrations) and {@code /api}
 * take HTTP Basic credentials of an engine user; the webapps have their own login.
 */
@Configuration
public class WebSecurityConfiguration {

  @Bean
  public FilterRegistrationBean<Filter> engineRestAuthentication(JerseyApplicationPath restPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-authentication");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(restPath.getUrlMapping());
    return registration;
  }

  @Bean
  public FilterRegistrationBean<Filter> apiAuthentication(IdentityService identity) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity));
    registration.setName("api-authentication");
    registration.addUrlPatterns("/api/*");
    return registration;
  }
}
