package io.csplaybooks.qbr;

import org.springframework.context.ApplicationContext;

/** For other modules' tests: a QBR meeting recorded as the "Record QBR outcome" task records it. */
public final class QbrFixtures {

  private QbrFixtures() {}

  public static void saveOutcome(ApplicationContext context, QbrHistory.Outcome outcome) {
    context.getBean(QbrRepository.class).saveOutcome(outcome);
  }
}
