package io.csplaybooks.benchmark;

import static io.csplaybooks.benchmark.PlaybookHistoryData.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.benchmark.PlaybookHistoryData.Counts;
import io.csplaybooks.benchmark.PlaybookHistoryData.History;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.studio.PlaybookAnalytics.Analytics;
import io.csplaybooks.studio.PlaybookAnalytics.Step;
import io.csplaybooks.studio.PlaybookAnalytics;
import io.csplaybooks.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The studio benchmark's history generator, small (200 finished and 20 running handoffs), in the
 * normal test run: the studio's analytics count per step what the walks passed and where the
 * running ones wait, which follows from the generator's rules and agrees across the tables; every
 * id, name and flow is the model's; the engine's own history queries read the rows; and delete
 * leaves every table as it was.
 */
class PlaybookHistoryDataTest extends IntegrationTest {

  static final int FINISHED = 200;
  static final int RUNNING = 20;
  static final List<String> TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST",
      "playbook_path", "account", "contract", "handoff");
  /** The user tasks a running handoff waits in; an overdue kickoff's follow-up may be open beside one. */
  static final List<String> WAITS = List.of("completeHandoffBrief", "completeOverdueHandoffBrief", "reviewCsmAssignment",
      "holdKickoff");

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired PlaybookAnalytics analytics;
  @Autowired RepositoryService repository;

  String like;

  @Test
  void fillsAYearOfHandoffsThatTheStudioAndTheEngineReadAndDeletesThem() {
    Map<String, Long> tablesBefore = tableCounts();
    Map<String, List<String>> schemaBefore = schemas();
    assertThat(schemaBefore.get("act_hi_actinst")).hasSizeGreaterThan(5);
    Analytics before = analytics.of(KEY, null, null);
    long engineBefore = history.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).count();
    long engineFinishedBefore = history.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).finished().count();
    Instant now = EngineClock.now();
    PlaybookHistoryData data = new PlaybookHistoryData(dataSource);

    long started = System.nanoTime();
    History made = data.fill(FINISHED, RUNNING, now);
    double seconds = (System.nanoTime() - started) / 1e9;
    like = made.prefix() + "%";
    try {
      // The bulk inserts took the tables' indexes off; they are back as they were.
      assertThat(schemas()).isEqualTo(schemaBefore);
      Counts counts = data.count(made);
      System.out.printf("playbook history data: %d finished and %d running handoffs filled in %.1f s: %s%n", FINISHED,
          RUNNING, seconds, counts);
      assertThat(counts.finished()).isEqualTo(FINISHED);
      assertThat(counts.running()).isEqualTo(RUNNING);
      assertThat(counts.accounts()).isEqualTo(FINISHED + RUNNING);
      assertThat(counts.contracts()).isEqualTo(FINISHED + RUNNING);
      assertThat(counts.handoffs()).isEqualTo(FINISHED + RUNNING);
      assertThat(counts.activityInstances()).isGreaterThan(20L * (FINISHED + RUNNING) / 2);
      assertThat(made.definitionIds()).isNotEmpty();

      Analytics after = analytics.of(KEY, null, null);
      assertThat(after.instances().started() - before.instances().started()).isEqualTo(FINISHED + RUNNING);
      assertThat(after.instances().running() - before.instances().running()).isEqualTo(RUNNING);
      assertThat(after.instances().finished() - before.instances().finished()).isEqualTo(FINISHED);
      Map<String, Step> steps = byId(after);
      Map<String, Step> stepsBefore = byId(before);

      long churned = single("select count(*) from ACT_HI_PROCINST where PROC_INST_ID_ like :like"
          + " and END_ACT_ID_ = 'accountChurned'");
      long byHand = single("select count(*) from ACT_HI_PROCINST where PROC_INST_ID_ like :like"
          + " and START_ACT_ID_ = 'startByHand' and START_USER_ID_ like 'ae-%'");
      long rescored = single("select count(*) from playbook_path where process_instance_id like :like"
          + " and flow_id = 'f_rescore'");
      assertThat(churned).as("churned while the kickoff waited").isPositive();
      assertThat(byHand).as("entered by hand").isPositive();
      assertThat(rescored).as("briefs sent back to sales").isPositive();

      // Every handoff passed the contract term's announcement and scored its brief, once and again
      // after each return from sales; the hand-entered ones registered their contract.
      assertThat(passed(steps, stepsBefore, "contractTermStarted")).isEqualTo(FINISHED + RUNNING);
      assertThat(passed(steps, stepsBefore, "scoreHandoffBrief")).isEqualTo(FINISHED + RUNNING + rescored);
      assertThat(passed(steps, stepsBefore, "registerClosedContract")).isEqualTo(byHand);
      // The finished ones held their kickoff and moved on, unless the account churned meanwhile.
      assertThat(passed(steps, stepsBefore, "holdKickoff")).isEqualTo(FINISHED - churned);
      assertThat(canceled(steps, stepsBefore, "holdKickoff")).isEqualTo(churned);
      assertThat(passed(steps, stepsBefore, "moveAccountToOnboarding")).isEqualTo(FINISHED - churned);
      assertThat(passed(steps, stepsBefore, "kickoffHeld")).isEqualTo(FINISHED - churned);
      // The kickoff's own terminate end closes it; the mails end on their own beside it (nothing joins them).
      assertThat(single("select count(*) from ACT_HI_ACTINST where PROC_INST_ID_ like :like"
          + " and ACT_ID_ = 'endKickoffDone'")).isEqualTo(FINISHED - churned);
      assertThat(single("select count(*) from ACT_HI_ACTINST where PROC_INST_ID_ like :like"
          + " and ACT_ID_ = 'endCsmIntroduced'")).isEqualTo(single("select count(*) from ACT_HI_ACTINST"
          + " where PROC_INST_ID_ like :like and ACT_ID_ = 'introduceCsmToCustomer' and END_TIME_ is not null"))
          .isPositive();
      assertThat(passed(steps, stepsBefore, "accountChurned")).isEqualTo(churned);
      // Each running one waits in one of its tasks; an overdue kickoff's follow-up may wait beside it.
      assertThat(WAITS.stream().mapToLong(id -> open(steps, stepsBefore, id)).sum()).isEqualTo(RUNNING);
      assertThat(single("select count(*) from (select a.PROC_INST_ID_ from ACT_HI_ACTINST a"
          + " where a.PROC_INST_ID_ like :like and a.END_TIME_ is null and a.ACT_TYPE_ = 'userTask'"
          + " and a.ACT_ID_ <> 'followUpOverdueKickoff' group by a.PROC_INST_ID_ having count(*) = 1) x"))
          .isEqualTo(RUNNING);
      assertThat(open(steps, stepsBefore, "followUpOverdueKickoff")).isLessThanOrEqualTo(
          open(steps, stepsBefore, "holdKickoff"));
      // A user task's passed, open and cancelled instances are its tasks: the brief's timer cancels
      // the AE's task for each escalated one; the kickoff's timer makes a follow-up each time it fires.
      for (String task : List.of("completeHandoffBrief", "completeOverdueHandoffBrief", "reviewCsmAssignment",
          "holdKickoff", "followUpOverdueKickoff")) {
        assertThat(passed(steps, stepsBefore, task) + open(steps, stepsBefore, task) + canceled(steps, stepsBefore, task))
            .as(task).isEqualTo(tasks(task)).isPositive();
      }
      assertThat(canceled(steps, stepsBefore, "completeHandoffBrief")).isEqualTo(tasks("completeOverdueHandoffBrief"))
          .isEqualTo(passed(steps, stepsBefore, "briefOverdue"));
      assertThat(canceled(steps, stepsBefore, "completeOverdueHandoffBrief")).isZero();
      assertThat(tasks("followUpOverdueKickoff")).isEqualTo(passed(steps, stepsBefore, "kickoffOverdue"));
      // The brief's timer fires at its due date: no AE misses it; the other deadlines are missed at times.
      assertThat(missed(steps, stepsBefore, "completeHandoffBrief")).isZero();
      assertThat(missed(steps, stepsBefore, "holdKickoff")).isPositive();
      assertThat(missed(steps, stepsBefore, "reviewCsmAssignment") + missed(steps, stepsBefore, "completeOverdueHandoffBrief"))
          .isPositive();
      // A CS manager reviews the CSM of strategic accounts and enterprise ones from 250,000 ARR (the assign-csm table).
      assertThat(tasks("reviewCsmAssignment")).isEqualTo(single("""
          select count(*) from handoff h join account a on a.id = h.account_id
          where h.contract_id like :like and (a.segment = 'strategic' or (a.segment = 'enterprise' and a.arr >= 250000))
            and exists (select 1 from playbook_path p where p.process_instance_id = h.process_instance_id
                        and p.gateway_id = 'reviewGw')"""));
      // Plausible times: a brief scored in milliseconds, a kickoff held in days, a heavy tail.
      assertThat(steps.get("scoreHandoffBrief").medianMillis()).isLessThan(1_000);
      assertThat(Duration.ofMillis(steps.get("holdKickoff").medianMillis())).isBetween(Duration.ofDays(1),
          Duration.ofDays(40));
      assertThat(steps.get("completeHandoffBrief").p90Millis()).isGreaterThan(
          2 * steps.get("completeHandoffBrief").medianMillis());

      // Each gateway's flows: one row per pass, two out of the split.
      for (String gateway : List.of("mergeStartGw", "mergeBriefGw", "briefCompleteGw", "mergeBriefUpdatesGw", "reviewGw",
          "mergeReviewGw")) {
        assertThat(paths(gateway)).as(gateway).isEqualTo(single("select count(*) from ACT_HI_ACTINST"
            + " where PROC_INST_ID_ like :like and ACT_ID_ = '" + gateway + "' and END_TIME_ is not null")).isPositive();
      }
      assertThat(paths("splitAfterAssignmentGw")).isEqualTo(2 * single("select count(*) from ACT_HI_ACTINST"
          + " where PROC_INST_ID_ like :like and ACT_ID_ = 'splitAfterAssignmentGw'"));
      assertThat(single("select count(*) from playbook_path where process_instance_id like :like"
          + " and flow_id = 'f_brief_incomplete'")).isEqualTo(tasks("completeHandoffBrief"));

      theModelsIdsNamesAndFlows();
      timesAndAccounts(now);
      theEngineReadsIt(made, engineBefore, engineFinishedBefore);
    } finally {
      data.delete(made);
    }
    assertThat(data.count(made)).isEqualTo(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(tableCounts()).isEqualTo(tablesBefore);
  }

  @Test
  void refusesAHistoryOfNoHandoffs() {
    assertThatThrownBy(() -> new PlaybookHistoryData(dataSource).fill(0, 0, Instant.now()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finished and running");
  }

  /** Every activity is the model's, with its name; every flow leaves the gateway it is recorded for. */
  private void theModelsIdsNamesAndFlows() {
    List<Map<String, Object>> activities = jdbc.sql("""
            select distinct PROC_DEF_ID_ as definition, ACT_ID_ as id, ACT_NAME_ as name from ACT_HI_ACTINST
            where PROC_INST_ID_ like :like""").param("like", like).query().listOfRows();
    assertThat(activities).extracting(row -> row.get("id")).contains("startContractClosed", "startByHand",
        "registerClosedContract", "completeOverdueHandoffBrief", "reviewCsmAssignment", "holdKickoff", "kickoffOverdue",
        "followUpOverdueKickoff", "endFollowedUp", "endHandoffComplete", "startAccountChurned", "endAccountChurned",
        "kickoff", "startKickoff", "endKickoffDone", "endCsmIntroduced");
    for (Map<String, Object> activity : activities) {
      BpmnModelInstance model = repository.getBpmnModelInstance((String) activity.get("definition"));
      FlowElement element = model.getModelElementById((String) activity.get("id"));
      assertThat(element).as((String) activity.get("id")).isNotNull();
      assertThat(activity.get("name")).as((String) activity.get("id")).isEqualTo(element.getName());
    }
    List<Map<String, Object>> flows = jdbc.sql("""
            select distinct process_definition_id as definition, gateway_id, flow_id from playbook_path
            where process_instance_id like :like""").param("like", like).query().listOfRows();
    assertThat(flows).extracting(row -> row.get("flow_id")).contains("f_brief_complete", "f_brief_incomplete",
        "f_rescore", "f_review_needed", "f_no_review", "f_split_notify", "f_split_kickoff");
    for (Map<String, Object> flow : flows) {
      SequenceFlow sequenceFlow = repository.getBpmnModelInstance((String) flow.get("definition"))
          .getModelElementById((String) flow.get("flow_id"));
      assertThat(sequenceFlow.getSource().getId()).as((String) flow.get("flow_id")).isEqualTo(flow.get("gateway_id"));
    }
  }

  /**
   * Finished handoffs started over the year and ended by now, running ones started over the last 60
   * days; each has an account, a contract and the handoff linking them, the running ones' accounts
   * still in handoff.
   */
  private void timesAndAccounts(Instant now) {
    java.sql.Timestamp at = java.sql.Timestamp.from(now);
    assertThat(single("select count(*) from ACT_HI_PROCINST where PROC_INST_ID_ like :like and END_TIME_ is not null"
        + " and START_TIME_ >= cast(:now as timestamp) - interval '365 days' and END_TIME_ <= cast(:now as timestamp)",
        at)).isEqualTo(FINISHED);
    assertThat(single("select count(*) from ACT_HI_PROCINST where PROC_INST_ID_ like :like and END_TIME_ is null"
        + " and START_TIME_ between cast(:now as timestamp) - interval '60 days' and cast(:now as timestamp)", at))
        .isEqualTo(RUNNING);
    assertThat(single("select count(*) from ACT_HI_ACTINST where PROC_INST_ID_ like :like"
        + " and (START_TIME_ > cast(:now as timestamp) or END_TIME_ > cast(:now as timestamp) or END_TIME_ < START_TIME_)",
        at)).isZero();
    assertThat(single("select count(*) from ACT_HI_TASKINST t where t.PROC_INST_ID_ like :like and (t.DUE_DATE_ is null"
        + " or not exists (select 1 from ACT_HI_ACTINST a where a.ID_ = t.ACT_INST_ID_ and a.TASK_ID_ = t.ID_"
        + " and (a.END_TIME_ is null) = (t.END_TIME_ is null)))")).isZero();
    // The studio links a waiting handoff to its account: by the accountId variable or the handoff row.
    assertThat(single("""
        select count(*) from ACT_HI_PROCINST p
        join handoff h on h.process_instance_id = p.PROC_INST_ID_ and h.contract_id = p.BUSINESS_KEY_
        join account a on a.id = h.account_id and a.lifecycle_stage = 'handoff'
        join ACT_HI_VARINST v on v.PROC_INST_ID_ = p.PROC_INST_ID_ and v.NAME_ = 'accountId' and v.LONG_ = a.id
        where p.PROC_INST_ID_ like :like and p.END_TIME_ is null""")).isEqualTo(RUNNING);
    assertThat(single("""
        select count(*) from ACT_HI_PROCINST p join handoff h on h.process_instance_id = p.PROC_INST_ID_
        join account a on a.id = h.account_id
        where p.PROC_INST_ID_ like :like and p.END_TIME_ is not null
          and ((p.END_ACT_ID_ = 'accountChurned') <> (a.lifecycle_stage = 'churned')
               or (p.END_ACT_ID_ = 'endHandoffComplete' and (h.kickoff_held_on is null or a.csm_id is null)))"""))
        .isZero();
  }

  /** The engine's own history queries read the generated rows and their typed values. */
  private void theEngineReadsIt(History made, long engineBefore, long engineFinishedBefore) {
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).count() - engineBefore)
        .isEqualTo(FINISHED + RUNNING);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).finished().count()
        - engineFinishedBefore).isEqualTo(FINISHED);

    String running = jdbc.sql("select min(PROC_INST_ID_) from ACT_HI_PROCINST where PROC_INST_ID_ like :like"
        + " and END_TIME_ is null").param("like", like).query(String.class).single();
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(running)
        .singleResult();
    assertThat(instance.getState()).isEqualTo(HistoricProcessInstance.STATE_ACTIVE);
    assertThat(instance.getBusinessKey()).startsWith(made.prefix() + "c");
    List<HistoricActivityInstance> walked = history.createHistoricActivityInstanceQuery().processInstanceId(running)
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list();
    assertThat(walked.get(0).getActivityId()).isIn("startContractClosed", "startByHand");
    assertThat(walked).filteredOn(a -> a.getEndTime() == null && a.getActivityType().equals("userTask"))
        .extracting(HistoricActivityInstance::getActivityId).containsAnyElementsOf(WAITS);
    List<HistoricTaskInstance> open = history.createHistoricTaskInstanceQuery().processInstanceId(running).unfinished()
        .list();
    assertThat(open).isNotEmpty().allSatisfy(task -> assertThat(task.getDueDate()).isNotNull());
    Map<String, Object> variables = history.createHistoricVariableInstanceQuery().processInstanceId(running).list()
        .stream().collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue));
    long account = jdbc.sql("select account_id from handoff where process_instance_id = :pi").param("pi", running)
        .query(Long.class).single();
    assertThat(variables).containsEntry("accountId", account).containsEntry("contractId", instance.getBusinessKey());
    assertThat(variables.get("kickoffDueDate")).isInstanceOf(Date.class);
    assertThat(variables.get("briefScore")).isInstanceOf(Integer.class);
    assertThat(variables.get("briefComplete")).isInstanceOf(Boolean.class);

    String finished = jdbc.sql("select min(PROC_INST_ID_) from ACT_HI_PROCINST where PROC_INST_ID_ like :like"
        + " and END_ACT_ID_ = 'endHandoffComplete'").param("like", like).query(String.class).single();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(finished).singleResult().getState())
        .isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(finished).unfinished().count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(finished).activityId("endHandoffComplete")
        .finished().count()).isOne();
    assertThat(history.createHistoricActivityInstanceQuery().processDefinitionId(made.definitionIds().get(0))
        .activityId("holdKickoff").unfinished().count()).isPositive();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(finished).finished().list())
        .extracting(HistoricTaskInstance::getDeleteReason).isSubsetOf("completed", "deleted").contains("completed");
  }

  private static Map<String, Step> byId(Analytics analytics) {
    return analytics.steps().stream().collect(Collectors.toMap(Step::activityId, s -> s));
  }

  private static long passed(Map<String, Step> after, Map<String, Step> before, String id) {
    return figure(after, id, Step::passed) - figure(before, id, Step::passed);
  }

  private static long open(Map<String, Step> after, Map<String, Step> before, String id) {
    return figure(after, id, Step::open) - figure(before, id, Step::open);
  }

  private static long canceled(Map<String, Step> after, Map<String, Step> before, String id) {
    return figure(after, id, Step::canceled) - figure(before, id, Step::canceled);
  }

  private static long missed(Map<String, Step> after, Map<String, Step> before, String id) {
    return figure(after, id, Step::deadlinesMissed) - figure(before, id, Step::deadlinesMissed);
  }

  private static long figure(Map<String, Step> steps, String id, java.util.function.ToLongFunction<Step> figure) {
    Step step = steps.get(id);
    return step == null ? 0 : figure.applyAsLong(step);
  }

  private long tasks(String taskDefinitionKey) {
    return single("select count(*) from ACT_HI_TASKINST where PROC_INST_ID_ like :like and TASK_DEF_KEY_ = '"
        + taskDefinitionKey + "'");
  }

  private long paths(String gateway) {
    return single("select count(*) from playbook_path where process_instance_id like :like and gateway_id = '" + gateway
        + "'");
  }

  private long single(String sql) {
    return jdbc.sql(sql).param("like", like).query(Long.class).single();
  }

  private long single(String sql, java.sql.Timestamp now) {
    return jdbc.sql(sql).param("like", like).param("now", now).query(Long.class).single();
  }

  /** The history tables' indexes and constraints, as PostgreSQL defines them. */
  private Map<String, List<String>> schemas() {
    Map<String, List<String>> schemas = new LinkedHashMap<>();
    for (String table : List.of("act_hi_procinst", "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst",
        "playbook_path")) {
      schemas.put(table, jdbc.sql("""
              select indexdef from pg_indexes where schemaname = current_schema() and tablename = :table
              union all
              select pg_get_constraintdef(oid) from pg_constraint where conrelid = cast(:table as regclass)
              order by 1""").param("table", table).query(String.class).list());
    }
    return schemas;
  }

  private Map<String, Long> tableCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    TABLES.forEach(table -> counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single()));
    return counts;
  }
}
