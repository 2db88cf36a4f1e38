package io.csplaybooks.demo;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * What the demo year needs of the engine beyond its public API, in one place: it plays a year of
 * time, so it moves the engine's clock (which {@code EngineClock} reads) and runs the due jobs itself
 * while the job executor waits. Nothing else in the application moves the clock.
 */
final class DemoEngine {

  private final JobExecutor executor;
  private boolean executorWasActive;

  DemoEngine(ProcessEngine engine) {
    this.executor = ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getJobExecutor();
  }

  /** Stops the job executor, if it runs, so that only the demo runs jobs while the clock moves. */
  void pauseJobExecutor() {
    executorWasActive = executor != null && executor.isActive();
    if (executorWasActive) {
      executor.shutdown();
    }
  }

  void resumeJobExecutor() {
    if (executorWasActive) {
      executor.start();
    }
  }

  static void clockAt(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  /** The engine's clock back at the real time. */
  static void realTime() {
    ClockUtil.reset();
  }

  /** The engine's nightly history cleanup: not the demo's to run. */
  static boolean isHistoryCleanup(Job job) {
    return job instanceof JobEntity entity && HistoryCleanupJobHandler.TYPE.equals(entity.getJobHandlerType());
  }
}
