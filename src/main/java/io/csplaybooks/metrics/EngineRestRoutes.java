package io.csplaybooks.metrics;

import io.micrometer.common.KeyValue;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The {@code uri} tag of {@code http_server_requests} for the engine's REST API. Spring tags a request
 * with the route its controller matched; {@code /engine-rest} is Jersey, not Spring MVC, so every
 * request there was {@code UNKNOWN}. Jersey knows the route it matched ({@code /task/{id}/complete}):
 * a filter hands it to the request's observation, so the tag is the template and the number of series
 * stays bounded by the API's routes, never by task or process ids.
 */
@Configuration
class EngineRestRoutes {

  private static final Pattern REGEX_PARAMETER = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");

  @Bean
  ResourceConfigCustomizer engineRestRouteTags() {
    return config -> config.register(new RouteFilter());
  }

  /**
   * Requests Jersey never matched (refused by Spring Security before, or no such route) keep one
   * tag per API rather than UNKNOWN.
   */
  @Bean
  ServerRequestObservationConvention serverRequestObservationConvention() {
    return new DefaultServerRequestObservationConvention() {
      @Override
      protected KeyValue uri(ServerRequestObservationContext context) {
        KeyValue uri = super.uri(context);
        if (context.getPathPattern() == null && "UNKNOWN".equals(uri.getValue()) && context.getCarrier() != null) {
          String path = context.getCarrier().getRequestURI().substring(context.getCarrier().getContextPath().length());
          if (path.startsWith("/engine-rest/")) {
            return KeyValue.of(uri.getKey(), "/engine-rest/**");
          }
          if (path.startsWith("/camunda/")) {
            return KeyValue.of(uri.getKey(), "/camunda/**");
          }
        }
        return uri;
      }
    };
  }

  /** The route of a request Jersey matched: the base path and the templates it went through, outermost first. */
  static String route(String basePath, List<String> templatesInnermostFirst) {
    StringBuilder route = new StringBuilder(basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1)
        : basePath);
    for (int i = templatesInnermostFirst.size() - 1; i >= 0; i--) {
      String template = REGEX_PARAMETER.matcher(templatesInnermostFirst.get(i)).replaceAll("{$1}");
      if (template.isEmpty() || template.equals("/")) {
        continue;
      }
      if (!template.startsWith("/")) {
        route.append('/');
      }
      route.append(template.endsWith("/") ? template.substring(0, template.length() - 1) : template);
    }
    return route.toString();
  }

  /** After Jersey matched the resource method (not @PreMatching): the route goes to the observation. */
  static class RouteFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
      if (!(request.getUriInfo() instanceof ExtendedUriInfo uriInfo)) {
        return;
      }
      // Jersey's servlet container keeps the servlet request's attributes as its properties.
      Object observation = request.getProperty(ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE);
      if (observation instanceof ServerRequestObservationContext context) {
        context.setPathPattern(route(uriInfo.getBaseUri().getPath(),
            uriInfo.getMatchedTemplates().stream().map(UriTemplate::getTemplate).toList()));
      }
    }
  }
}
