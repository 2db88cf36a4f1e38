package io.csplaybooks.sandbox;

import io.csplaybooks.security.EngineBodyLimit;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A deployment's limits ({@link PlaybookValidationPlugin}) on the engine's REST API before its body is
 * read: a deployment request there carries at most 8 MB of files (and room for the multipart envelope
 * of forty), any other request to the engine two files' worth; the engine's deployer then holds each
 * file to 1 MB.
 */
@Configuration(proxyBeanMethods = false)
class PlaybookUploads {

  /** Each part's headers and boundary, for forty files, and the deployment's fields. */
  static final int ENVELOPE_BYTES = 64 * 1024;

  @Bean
  FilterRegistrationBean<EngineBodyLimit> engineBodyLimit() {
    FilterRegistrationBean<EngineBodyLimit> registration = new FilterRegistrationBean<>(
        new EngineBodyLimit(PlaybookValidationPlugin.MAX_TOTAL_BYTES + ENVELOPE_BYTES,
            2L * PlaybookValidationPlugin.MAX_FILE_BYTES, "a deployment: at most "
            + PlaybookValidationPlugin.MAX_FILE_BYTES / (1024 * 1024) + " MB a file and "
            + PlaybookValidationPlugin.MAX_TOTAL_BYTES / (1024 * 1024) + " MB in all"));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    // After Spring Security: whoever may not deploy is refused before the limit is even looked at.
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 40);
    return registration;
  }
}
