package io.csplaybooks;

import io.csplaybooks.common.BusinessCalendar;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

// No user of Spring Boot's own with a generated password: people are the engine's users (SignIn).
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class CsPlaybooksApplication {

  /** The calendar playbook deadlines are counted on: the server's time zone. */
  @Bean
  BusinessCalendar businessCalendar() {
    return BusinessCalendar.system();
  }

  public static void main(String[] args) {
    SpringApplication.run(CsPlaybooksApplication.class, args);
  }
}
