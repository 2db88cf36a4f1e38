package io.csplaybooks;

import io.csplaybooks.common.BusinessCalendar;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
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
