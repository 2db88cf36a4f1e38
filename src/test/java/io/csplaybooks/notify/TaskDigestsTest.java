package io.csplaybooks.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 29: people are told once, not ten thousand times. Tasks that reach one person or team close
 * together are one digest with a link to each; an urgent one is a mail of its own at once; a task done
 * before the digest is not in it; a person with a task alone hears of it once it stays alone for the
 * quiet time; an SMTP outage holds the digest (a job that retries), loses nothing and mails once.
 */
class TaskDigestsTest extends IntegrationTest {

  private static final Duration QUIET = Duration.ofSeconds(10);
  private static final Duration WINDOW = Duration.ofMinutes(1);

  @Autowired TaskDigests digests;
  @Autowired JdbcClient jdbc;

  private Instant now;

  @BeforeEach
  void cleanSlate() throws Exception {
    // What earlier tests noted is told first, so each test sees its own tasks only.
    tellPeople();
    TestMailServer.purge();
    person("dora", "Dora", "Digest", "cs");
    person("ugo", "Ugo", "Urgent", "cs");
    now = Instant.now();
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void tasksCloseTogetherAreOneDigestWithALinkToEach() throws Exception {
    List<Task> given = List.of(give("dora", "Call the champion", 5), give("dora", "Send the ROI deck", 3),
        give("dora", "Check the renewal quote", 9));
    Task done = give("dora", "Book the QBR room", 4);
    tasks.complete(done.getId());

    // Not yet: the last one came just now.
    assertThat(digests.sweep(QUIET, WINDOW)).isZero();
    later(QUIET.plusSeconds(1));
    assertThat(digests.sweep(QUIET, WINDOW)).isEqualTo(1);
    runTelling();

    assertThat(TestMailServer.subjectsTo("dora@example.com")).containsExactly("3 new tasks for you");
    String text = TestMailServer.text(TestMailServer.to("dora@example.com").get(0));
    assertThat(text).contains("3 tasks are yours now, soonest due first:",
        "All your open tasks, most urgent first: http://localhost:8080/inbox");
    for (Task task : given) {
      assertThat(text).contains("- " + task.getName() + " (One-off task ", "http://localhost:8080/tasks/" + task.getId());
    }
    assertThat(text.indexOf("Send the ROI deck")).isLessThan(text.indexOf("Call the champion"));
    assertThat(text.indexOf("Call the champion")).isLessThan(text.indexOf("Check the renewal quote"));
    assertThat(text).doesNotContain("Book the QBR room");
    assertThat(notices()).isZero();

    // Told once: another sweep and its jobs send nothing more.
    later(WINDOW);
    assertThat(digests.sweep(QUIET, WINDOW)).isZero();
    assertThat(TestMailServer.to("dora@example.com")).hasSize(1);
  }

  @Test
  void aTaskAloneIsToldAsItAlwaysWasAndTasksThatKeepComingWaitAtMostTheWindow() throws Exception {
    Task alone = give("dora", "Call the champion", 5);
    later(QUIET.plusSeconds(1));
    digests.sweep(QUIET, WINDOW);
    runTelling();
    assertThat(TestMailServer.subjectsTo("dora@example.com")).containsExactly("Task: Call the champion [" + account() + "]");
    assertThat(TestMailServer.text(TestMailServer.to("dora@example.com").get(0)))
        .contains("A task is assigned to you: Call the champion", "Open it: http://localhost:8080/tasks/" + alone.getId());

    // A task every 5 s: never quiet, so they go out when the first has waited the window.
    TestMailServer.purge();
    for (int i = 0; i < 13; i++) {
      give("dora", "Follow-up " + i, 5);
      later(Duration.ofSeconds(5));
      int made = digests.sweep(QUIET, WINDOW);
      assertThat(made).as("sweep %d, %d s after the first", i, (i + 1) * 5).isEqualTo(i == 11 ? 1 : 0);
    }
    runTelling();
    assertThat(TestMailServer.subjectsTo("dora@example.com")).containsExactly("12 new tasks for you");
  }

  @Test
  void anUrgentTaskIsToldAtOnceOnItsOwn() throws Exception {
    Task urgent = give("ugo", "Stop the churn", 1);
    tasks.setPriority(urgent.getId(), 95);
    give("ugo", "Update the plan", 7);

    assertThat(digests.sweep(QUIET, WINDOW)).as("the urgent task's notification, the other waits").isEqualTo(1);
    runTelling();
    assertThat(TestMailServer.subjectsTo("ugo@example.com"))
        .containsExactly("Urgent: Task: Stop the churn [" + account() + "]");
    later(QUIET.plusSeconds(1));
    digests.sweep(QUIET, WINDOW);
    runTelling();
    assertThat(TestMailServer.subjectsTo("ugo@example.com")).hasSize(2).last().isEqualTo("Task: Update the plan [" + account() + "]");
  }

  @Test
  void anUrgentNotificationWhoseExecutionWentAwayBeforeItRanStillTellsOnce() throws Exception {
    // The sweep makes the job on the task's execution in its own transaction; a node that completes
    // or moves the task at the same moment removes that execution without seeing the new job (seen
    // in a two-node run: "Cannot find execution ... referenced from job").
    Task urgent = give("ugo", "Stop the churn", 1);
    tasks.setPriority(urgent.getId(), 95);
    assertThat(digests.sweep(QUIET, WINDOW)).isEqualTo(1);
    Job job = telling().get(0);
    jdbc.sql("update act_ru_job set execution_id_ = 'gone-" + job.getId() + "' where id_ = ?").param(job.getId()).update();

    try {
      management.executeJob(job.getId());
    } catch (RuntimeException expected) {
      assertThat(expected).hasMessageContaining("Cannot find execution");
    }
    Job again = management.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(again.getExecutionId()).as("runs without the execution").isNull();
    assertThat(again.getRetries()).as("nothing about the job was wrong").isEqualTo(job.getRetries());
    assertThat(((JobEntity) again).getExceptionMessage()).isNull();
    assertThat(again.getDuedate()).isBeforeOrEqualTo(Date.from(now));
    management.executeJob(job.getId());
    assertThat(TestMailServer.subjectsTo("ugo@example.com"))
        .containsExactly("Urgent: Task: Stop the churn [" + account() + "]");
    assertThat(telling()).isEmpty();
    assertThat(runtime.createIncidentQuery().count()).isZero();
  }

  @Test
  void aTeamsTasksAreOneDigestToItsMembers() throws Exception {
    if (identity.createGroupQuery().groupId("digest-team").count() == 0) {
      var group = identity.newGroup("digest-team");
      group.setName("Digest team");
      identity.saveGroup(group);
    }
    person("tess", "Tess", "Team", "digest-team");
    person("theo", "Theo", "Team", "digest-team");
    giveTeam("digest-team", "Review the integration", 4);
    giveTeam("digest-team", "Review the SSO setup", 6);
    later(QUIET.plusSeconds(1));
    assertThat(digests.sweep(QUIET, WINDOW)).isEqualTo(1);
    runTelling();
    // One mail to both (GreenMail keeps a copy in each mailbox, each copy addressed to both).
    List<MimeMessage> mails = TestMailServer.to("tess@example.com");
    assertThat(mails).isNotEmpty().allSatisfy(mail -> {
      assertThat(mail.getSubject()).isEqualTo("2 new tasks for your team digest-team");
      assertThat(mail.getAllRecipients()).extracting(Object::toString)
          .containsExactlyInAnyOrder("tess@example.com", "theo@example.com");
    });
    assertThat(TestMailServer.received().stream().map(mail -> {
      try {
        return mail.getMessageID();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).distinct()).hasSize(1);
  }

  @Test
  void anSmtpOutageHoldsTheDigestAndMailsItOnceWhenItIsBack() throws Exception {
    give("dora", "Call the champion", 5);
    give("dora", "Send the ROI deck", 3);
    later(QUIET.plusSeconds(1));
    assertThat(digests.sweep(QUIET, WINDOW)).isEqualTo(1);
    Job digest = telling().get(0);
    TestMailServer.stop();
    try {
      management.executeJob(digest.getId());
    } catch (RuntimeException smtpDown) {
      // The job's retry, as the job executor would record it.
    } finally {
      TestMailServer.start();
    }
    Job failed = management.createJobQuery().jobId(digest.getId()).singleResult();
    assertThat(failed.getRetries()).as("a retry of the mail's cycle").isPositive();
    assertThat(failed.getExceptionMessage()).isNotBlank();
    assertThat(notices()).as("the notices wait with their digest").isEqualTo(2);

    // SMTP is back: the retry (here at once) mails the digest, once.
    management.executeJob(digest.getId());
    assertThat(TestMailServer.subjectsTo("dora@example.com")).containsExactly("2 new tasks for you");
    assertThat(notices()).isZero();
  }

  private Task give(String assignee, String title, int dueInDays) {
    return start(title, assignee, null, dueInDays);
  }

  private Task giveTeam(String team, String title, int dueInDays) {
    return start(title, null, team, dueInDays);
  }

  private Task start(String title, String assignee, String team, int dueInDays) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("taskTitle", title);
    variables.put("taskAssignee", assignee);
    variables.put("taskTeam", team);
    variables.put("taskDue", Date.from(now.plus(Duration.ofDays(dueInDays))));
    variables.put("taskDescription", "From the digest test");
    variables.put("givenBy", "maria");
    String instance = runtime.startProcessInstanceByKey("one-off-task", account(), variables).getId();
    return tasks.createTaskQuery().processInstanceId(instance).singleResult();
  }

  private static String account() {
    return "990029";
  }

  private void later(Duration by) {
    now = now.plus(by);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  private List<Job> telling() {
    return management.createJobQuery().list().stream()
        .filter(job -> List.of("csp-task-digest", "csp-task-notification").contains(((JobEntity) job).getJobHandlerType()))
        .toList();
  }

  private void runTelling() {
    telling().forEach(job -> management.executeJob(job.getId()));
  }

  private long notices() {
    return jdbc.sql("select count(*) from task_notice where task_id in (select id_ from act_ru_task where proc_inst_id_"
        + " in (select id_ from act_ru_execution where business_key_ = '990029'))").query(Long.class).single();
  }
}
