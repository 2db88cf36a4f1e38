package io.csplaybooks.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 29: a job whose node stopped while holding it (its lock expired) goes ahead of every other
 * due job, with a new revision, and runs as any job does.
 */
class AbandonedJobsTest extends IntegrationTest {

  @Autowired AbandonedJobs abandoned;
  @Autowired JdbcClient jdbc;
  @Autowired RepositoryService repository;

  @Test
  void aStoppedNodesJobGoesToTheHeadOfTheLine() {
    repository.createDeployment().addModelInstance("abandoned-jobs.bpmn", Bpmn.createExecutableProcess("abandoned-jobs")
        .camundaHistoryTimeToLive(1).startEvent().serviceTask("work").camundaAsyncBefore().camundaExpression("${true}")
        .endEvent().done()).deploy();
    Instant now = Instant.now();
    String older = job(runtime.startProcessInstanceByKey("abandoned-jobs").getId());
    String taken = job(runtime.startProcessInstanceByKey("abandoned-jobs").getId());
    // The backlog: the first job waited a minute; the second was made and locked a moment ago by a
    // node that died, its lock expired now.
    jdbc.sql("update act_ru_job set duedate_ = :due where id_ = :id")
        .param("due", Timestamp.from(now.minus(Duration.ofMinutes(1)))).param("id", older).update();
    jdbc.sql("update act_ru_job set duedate_ = :due, lock_owner_ = 'dead-node', lock_exp_time_ = :expired where id_ = :id")
        .param("due", Timestamp.from(now.minusSeconds(31))).param("expired", Timestamp.from(now.minusSeconds(1)))
        .param("id", taken).update();
    int revision = revision(taken);

    assertThat(abandoned.moveToTheHead(now)).isGreaterThanOrEqualTo(1);
    assertThat(due(taken)).isBefore(due(older));
    assertThat(revision(taken)).isEqualTo(revision + 1);
    assertThat(abandoned.moveToTheHead(now)).as("once at the head, it stays there").isZero();

    management.executeJob(taken);
    assertThat(management.createJobQuery().jobId(taken).count()).isZero();
    management.executeJob(older);
  }

  private String job(String processInstanceId) {
    Job job = management.createJobQuery().processInstanceId(processInstanceId).singleResult();
    return job.getId();
  }

  private Instant due(String job) {
    return jdbc.sql("select duedate_ from act_ru_job where id_ = :id").param("id", job).query(Timestamp.class).single()
        .toInstant();
  }

  private int revision(String job) {
    return jdbc.sql("select rev_ from act_ru_job where id_ = :id").param("id", job).query(Integer.class).single();
  }
}
