package io.csplaybooks.priority;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.csplaybooks.common.ParsedFeel;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/**
 * The decision table {@code task-priority} evaluated on an account's facts. Its own FEEL-only DMN
 * engine (deployed decision tables are FEEL, checked at deployment), without the process engine's
 * history: the nightly refresh evaluates it for every open task and needs no audit row for each.
 * Plain Java: no process engine, tested with a table of cases.
 */
final class PriorityRule {

  /** The decision table's key, in {@code bpmn/task-priority.dmn}. */
  static final String DECISION = "task-priority";
  /** A task the table has no answer for: the engine's own default priority. */
  static final int NORMAL = 50;

  /** What the table reads: the account's band and ARR (null for a task about no account) and days until due. */
  record Facts(String healthBand, BigDecimal arr, String currency, Integer daysToDue) {

    static Facts of(String healthBand, BigDecimal arr, String currency, Instant due, Instant now) {
      return new Facts(healthBand, arr, currency, PriorityRule.daysToDue(due, now));
    }
  }

  private final DmnEngine dmn;
  /**
   * Answers the table gave, by table and facts: the table is a function of the facts, and the same
   * facts come back often (every task of an account, the account's health changing, every night),
   * while one evaluation costs a FEEL evaluation per input and rule (each builds FEEL's built-in
   * functions anew: most of the job executor's time in a bulk handoff run, JFR). A redeployed table
   * is another decision, so its answers are its own.
   */
  private final Cache<Answer, Integer> answers = Caffeine.newBuilder().maximumSize(50_000).build();

  private record Answer(DmnDecision decision, Facts facts) {}

  PriorityRule() {
    DefaultDmnEngineConfiguration configuration = new DefaultDmnEngineConfiguration();
    String feel = "feel";
    configuration.setDefaultInputExpressionExpressionLanguage(feel);
    configuration.setDefaultInputEntryExpressionLanguage(feel);
    configuration.setDefaultOutputEntryExpressionLanguage(feel);
    configuration.setDefaultLiteralExpressionLanguage(feel);
    // Each cell parsed once, not at every evaluation (the table runs for every new task).
    configuration.setFeelEngineFactory(ParsedFeel.FACTORY);
    this.dmn = configuration.buildEngine();
  }

  DmnDecision parse(InputStream model) {
    return dmn.parseDecision(DECISION, model);
  }

  /** The priority, 0-100, the decision gives these facts. */
  int priority(DmnDecision decision, Facts facts) {
    return answers.get(new Answer(decision, facts), answer -> evaluate(decision, facts));
  }

  private int evaluate(DmnDecision decision, Facts facts) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("healthBand", facts.healthBand());
    variables.put("arr", facts.arr() == null ? null : facts.arr().doubleValue());
    variables.put("currency", facts.currency());
    variables.put("daysToDue", facts.daysToDue());
    DmnDecisionResult result = dmn.evaluateDecision(decision, variables);
    if (result.isEmpty() || !(result.getSingleResult().getFirstEntry() instanceof Number priority)) {
      return NORMAL;
    }
    return Math.max(0, Math.min(100, priority.intValue()));
  }

  /**
   * Whole days left until the task is due (0: within the next 24 hours), negative once it is
   * overdue (-1: less than a day late); null without a due date.
   */
  static Integer daysToDue(Instant due, Instant now) {
    if (due == null) {
      return null;
    }
    return (int) Math.floorDiv(Duration.between(now, due).toMinutes(), 24 * 60);
  }
}
