package io.csplaybooks.health;

import java.util.List;
import org.springframework.context.ApplicationContext;

/** For other modules' tests: scores written as the nightly scoring writes them, which only this module does. */
public final class HealthFixtures {

  private HealthFixtures() {}

  public static void saveScores(ApplicationContext context, List<HealthRecord> records) {
    context.getBean(HealthRepository.class).save(records);
  }
}
