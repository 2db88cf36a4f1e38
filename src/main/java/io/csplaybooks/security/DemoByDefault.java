package io.csplaybooks.security;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo (users with the password "demo", an administrator demo/demo, sample accounts) is the
 * default only on the embedded database: {@code mvn spring-boot:run} on a new machine gets it, a jar
 * pointed at a real database without a profile does not. Asking for the demo profile explicitly
 * still works anywhere. Runs before the configuration files are read, so it looks at what the
 * command line and the environment say about the database.
 */
public class DemoByDefault implements EnvironmentPostProcessor, Ordered {

  static final String DATABASE_URL = "CSP_DB_URL";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String url = environment.getProperty("spring.datasource.url", environment.getProperty(DATABASE_URL, ""));
    if (url.isBlank() || url.startsWith("jdbc:h2:")) {
      environment.getPropertySources().addLast(new MapPropertySource("csp-demo-by-default",
          Map.of("spring.profiles.default", "demo")));
    }
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER - 1;
  }
}
