package io.csplaybooks.notify;

import io.csplaybooks.common.ClusterLock;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.notify.TaskNotices.Pending;
import io.csplaybooks.notify.TaskNotices.Recipient;
import io.csplaybooks.priority.TaskPriorities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * People are told once, not ten thousand times. Every few seconds one node of the cluster looks at the
 * tasks people have not been told of ({@link TaskNotices}): an urgent task (the inbox's priority rule)
 * gets a notification of its own at once ({@link TaskNotificationJobHandler}); the rest wait until
 * their person or team has had no new task for {@code quiet} or the oldest has waited {@code window},
 * and then go out together as one digest ({@link TaskDigestJobHandler}). Each is an engine job: it
 * retries the mail server and Slack and ends as an incident if they keep failing.
 */
@Component
public class TaskDigests {

  private static final Logger LOG = LoggerFactory.getLogger(TaskDigests.class);
  private static final String RUN = "task-digests";
  /** The most notices one sweep reads; the rest wait for the next. */
  static final int BATCH = 20_000;

  private final TaskNotices notices;
  private final ClusterLock lock;
  private final TaskPriorities priorities;
  private final ProcessEngineConfigurationImpl engine;
  private final NotifySettings.Digest timing;
  private final boolean slackOn;

  TaskDigests(TaskNotices notices, ClusterLock lock, @Lazy TaskPriorities priorities, @Lazy ProcessEngineConfigurationImpl engine,
      NotifySettings settings, Slack slack) {
    this.notices = notices;
    this.lock = lock;
    this.priorities = priorities;
    this.engine = engine;
    this.timing = settings.taskDigest();
    this.slackOn = slack.isOn();
  }

  @Scheduled(fixedDelayString = "${csp.task-digest.poll:PT5S}", initialDelayString = "${csp.task-digest.poll:PT5S}")
  void poll() {
    try {
      if (notices.anyPending()) {
        lock.runOnOneNode(RUN, Duration.ofMinutes(2), Duration.ZERO, () -> sweep(timing.quiet(), timing.window()));
      }
    } catch (RuntimeException e) {
      LOG.warn("Task digests: the sweep failed; next in {}", timing.poll(), e);
    }
  }

  /** Tells everything noted so far, whatever its window: the notifications' jobs are made now. */
  public int tellNow() {
    return sweep(Duration.ZERO, Duration.ZERO);
  }

  /**
   * Makes the jobs for what is ready to be told, in one transaction with marking the notices.
   *
   * @return the jobs made
   */
  int sweep(Duration quiet, Duration window) {
    return engine.getCommandExecutorTxRequired().execute(context -> sweep(context, quiet, window));
  }

  private int sweep(CommandContext context, Duration quiet, Duration window) {
    Instant now = EngineClock.now();
    List<Long> done = new ArrayList<>();
    Map<String, Pending> urgent = new LinkedHashMap<>();
    Map<Recipient, List<Pending>> byRecipient = new LinkedHashMap<>();
    for (Pending notice : notices.pending(BATCH)) {
      if (notice.priority() == null) {
        done.add(notice.id());
      } else if (priorities.urgent(notice.priority())) {
        // One notification tells every person and team the task reaches (its own recipients).
        urgent.putIfAbsent(notice.taskId(), notice);
        done.add(notice.id());
      } else {
        byRecipient.computeIfAbsent(new Recipient(notice.recipient(), notice.team()), r -> new ArrayList<>()).add(notice);
      }
    }
    int jobs = 0;
    for (Pending task : urgent.values()) {
      jobs += notifyAtOnce(context, task);
    }
    notices.delete(done);
    for (List<Pending> waiting : byRecipient.values()) {
      Instant oldest = Instant.MAX;
      Instant newest = Instant.MIN;
      for (Pending notice : waiting) {
        oldest = notice.noticedAt().isBefore(oldest) ? notice.noticedAt() : oldest;
        newest = notice.noticedAt().isAfter(newest) ? notice.noticedAt() : newest;
      }
      if (newest.plus(quiet).isAfter(now) && oldest.plus(window).isAfter(now)) {
        continue;
      }
      String digest = UUID.randomUUID().toString();
      notices.assign(digest, waiting.stream().map(Pending::id).toList());
      MessageEntity job = new MessageEntity();
      job.setJobHandlerType(TaskDigestJobHandler.TYPE);
      job.setJobHandlerConfigurationRaw(digest);
      job.setExclusive(false);
      // Every job has a due date (acquisition takes the oldest due first): a job the engine did not
      // make from a BPMN gets none of its own.
      job.setDuedate(ClockUtil.getCurrentTime());
      context.getJobManager().send(job);
      jobs++;
    }
    return jobs;
  }

  /** The task's notification of its own, by email and Slack, on its playbook (Cockpit shows its incident there). */
  private int notifyAtOnce(CommandContext context, Pending task) {
    ExecutionEntity execution = task.executionId() == null ? null
        : context.getExecutionManager().findExecutionById(task.executionId());
    send(context, task.taskId(), TaskNotificationJobHandler.EMAIL, execution);
    if (slackOn) {
      // A job of its own: a Slack outage is retried without sending the email again, and the other way round.
      send(context, task.taskId(), TaskNotificationJobHandler.SLACK, execution);
      return 2;
    }
    return 1;
  }

  private static void send(CommandContext context, String taskId, String channel, ExecutionEntity execution) {
    MessageEntity job = new MessageEntity();
    job.setJobHandlerType(TaskNotificationJobHandler.TYPE);
    job.setJobHandlerConfiguration(TaskNotificationJobHandler.Configuration.of(taskId, channel));
    // Not exclusive: the mail only reads the task, so it need not queue behind (or hold up) the
    // playbook's own next steps in the same thread; a slow SMTP server delays mail, never timers.
    job.setExclusive(false);
    job.setDuedate(ClockUtil.getCurrentTime());
    if (execution != null) {
      job.setExecution(execution);
      job.setProcessDefinitionId(execution.getProcessDefinitionId());
      job.setProcessDefinitionKey(execution.getProcessDefinition().getKey());
      job.setActivityId(execution.getActivityId());
    }
    context.getJobManager().send(job);
  }
}
