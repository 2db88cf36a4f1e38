package io.csplaybooks.common;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.ParseUtil;

/**
 * What the engine does with a job that failed, beyond its own rules. A job that failed because the
 * database went away (a restart, a failover) is tried again in a few seconds and keeps its retries:
 * nothing about the job was wrong. So is a job an outside service asked to wait ({@link AskedToWait}:
 * a 429 with Retry-After), at the time the service gave. Jobs the engine did not make from a BPMN (the task-notification
 * mails) get the retry cycle given for their type; the engine would retry them at once, three times;
 * one whose playbook execution went away before it ran runs again without it.
 */
public final class JobRetries implements FailedJobCommandFactory {

  /** How soon a job that met a database outage is tried again. */
  static final long DATABASE_AWAY_RETRY_MILLIS = 10_000;

  private final Map<String, FailedJobRetryConfiguration> byJobType = new HashMap<>();

  /** @param cyclesByJobType retry cycles (such as "PT1M,PT5M,PT30M") for custom job types */
  public JobRetries(Map<String, String> cyclesByJobType) {
    cyclesByJobType.forEach((type, cycle) -> byJobType.put(type, ParseUtil.parseRetryIntervals(cycle)));
  }

  @Override
  public Command<Object> getCommand(String jobId, Throwable exception) {
    return new DefaultJobRetryCmd(jobId, exception) {
      @Override
      public Object execute(CommandContext commandContext) {
        JobEntity job = getJob();
        if (job == null) {
          return super.execute(commandContext);
        }
        java.util.Optional<AskedToWait> busy = AskedToWait.in(exception);
        if (busy.isPresent()) {
          logException(job);
          job.setDuedate(new java.util.Date(ClockUtil.getCurrentTime().getTime() + busy.get().waitFor().toMillis()));
          job.unlock();
          notifyAcquisition(commandContext);
          return null;
        }
        if (DatabaseAway.is(exception)) {
          logException(job);
          job.setDuedate(new java.util.Date(ClockUtil.getCurrentTime().getTime() + DATABASE_AWAY_RETRY_MILLIS));
          job.unlock();
          notifyAcquisition(commandContext);
          return null;
        }
        if (byJobType.containsKey(job.getJobHandlerType()) && job.getExecutionId() != null
            && commandContext.getExecutionManager().findExecutionById(job.getExecutionId()) == null) {
          // Made beside a playbook's execution that the engine ended or replaced before the job ran
          // (the jobs of these types are made apart from the playbook's own transaction): nothing
          // about the job is wrong, so it runs at once on its own, keeps its retries and shows no
          // failure (the engine's log has the exception).
          job.setExecutionId(null);
          job.setDuedate(ClockUtil.getCurrentTime());
          job.unlock();
          notifyAcquisition(commandContext);
          return null;
        }
        if (byJobType.containsKey(job.getJobHandlerType())) {
          try {
            executeCustomStrategy(commandContext, job, null);
          } catch (Exception unexpected) {
            executeStandardStrategy(commandContext);
          }
          return null;
        }
        return super.execute(commandContext);
      }

      @Override
      public FailedJobRetryConfiguration getFailedJobRetryConfiguration(JobEntity job, ActivityImpl activity) {
        return activity == null ? byJobType.get(job.getJobHandlerType()) : super.getFailedJobRetryConfiguration(job, activity);
      }
    };
  }
}
