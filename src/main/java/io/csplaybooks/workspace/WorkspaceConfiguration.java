package io.csplaybooks.workspace;

import io.csplaybooks.security.Languages;
import io.csplaybooks.security.SignIn;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The workspace's pages: which paths the door guards, and the person as a handler argument. */
@Configuration
class WorkspaceConfiguration implements WebMvcConfigurer {

  private final WorkspaceSession session;
  private final SignIn signIn;

  WorkspaceConfiguration(WorkspaceSession session, SignIn signIn) {
    this.session = session;
    this.signIn = signIn;
  }

  /** Pages (and the error pages) in the person's language: their choice, else the browser's. */
  @Bean
  LocaleResolver localeResolver(Languages languages) {
    return new WorkspaceLocale(session, languages);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // On every path: it guards the handlers of this package wherever they are mapped, and lets the
    // others (the API, Camunda's webapps, static files) through to doors of their own.
    registry.addInterceptor(new WorkspaceInterceptor(session,
        new WorkspaceHeaders(signIn.providerLogoutOrigins()))).addPathPatterns("/**");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new HandlerMethodArgumentResolver() {
      @Override
      public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == WorkspaceUser.class;
      }

      @Override
      public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
          WebDataBinderFactory binders) {
        return request.getAttribute(WorkspaceInterceptor.USER, RequestAttributes.SCOPE_REQUEST);
      }
    });
  }
}
