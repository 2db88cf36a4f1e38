package io.csplaybooks.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the application: the engine's. Deadlines, timers and every date the app computes
 * read it, so a process test that moves the engine's clock moves them all.
 */
public final class EngineClock {

  private EngineClock() {}

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Today, in the server's time zone. */
  public static LocalDate today() {
    return LocalDate.ofInstant(now(), ZoneId.systemDefault());
  }
}
