package io.csplaybooks.notify;

import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ParseUtil;

/**
 * The engine's retries for failed jobs, and patience for the task-notification mails: the engine
 * retries a job it did not make from the BPMN at once and three times only, so an SMTP outage of a
 * few seconds would become an incident. These mails wait like the playbooks' mail steps do
 * (csp.mail.retry-cycle, for example 1 min, 5 min, 30 min, 2 h, 6 h).
 */
final class PatientMailRetries implements FailedJobCommandFactory {

  private final FailedJobRetryConfiguration mailRetries;

  PatientMailRetries(String retryCycle) {
    this.mailRetries = ParseUtil.parseRetryIntervals(retryCycle);
  }

  @Override
  public Command<Object> getCommand(String jobId, Throwable exception) {
    return new DefaultJobRetryCmd(jobId, exception) {
      @Override
      public Object execute(CommandContext commandContext) {
        JobEntity job = getJob();
        if (job != null && TaskNotificationJobHandler.TYPE.equals(job.getJobHandlerType())) {
          try {
            executeCustomStrategy(commandContext, job, null);
            return null;
          } catch (Exception unexpected) {
            executeStandardStrategy(commandContext);
            return null;
          }
        }
        return super.execute(commandContext);
      }

      @Override
      public FailedJobRetryConfiguration getFailedJobRetryConfiguration(JobEntity job, ActivityImpl activity) {
        return activity == null ? mailRetries : super.getFailedJobRetryConfiguration(job, activity);
      }
    };
  }
}
