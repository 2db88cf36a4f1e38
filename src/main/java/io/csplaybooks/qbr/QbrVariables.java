package io.csplaybooks.qbr;

import io.csplaybooks.account.Segment;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The QBR cycle's process variables: ids, the round and date, and what its gateways read. */
public final class QbrVariables {

  public static final String CADENCE_DECISION = "qbrCadenceDecision";
  public static final String CADENCE_MONTHS = "qbrCadenceMonths";
  public static final String FORMAT = "qbrFormat";
  public static final String ALREADY_RUNNING = "qbrCycleAlreadyRunning";
  public static final String ROUND = "qbrRound";
  /**
   * The round a quarterly summary mails: kept by the "Send quarterly summary" subprocess, because the
   * cycle beside it plans the next round (qbrRound) before the mail goes out.
   */
  public static final String SUMMARY_ROUND = "summaryRound";
  public static final String QBR_DATE = "qbrDate";
  public static final String HAS_EXPANSION_SIGNALS = "hasExpansionSignals";
  public static final String BUG_IDS = "bugIds";
  public static final String PRODUCT_FEEDBACK_IDS = "productFeedbackIds";
  // What the QBR's tasks show, filled when each task is created.
  public static final String ROUND_LABEL = "qbrRoundLabel";
  public static final String PACK_LINK = "qbrPackLink";
  public static final String KPI_TARGETS = "kpiTargets";
  public static final String ACCOUNT_SUMMARY = "accountSummary";
  // "Record QBR outcome": what the CSM records (the KPI rows are QbrOutcomeForm's, the feedback rows FeedbackVariables').
  public static final String QBR_HELD_ON = "qbrHeldOn";
  public static final String PLAN_GOALS = "planGoals";
  public static final String EXPANSION_SIGNALS = "expansionSignals";
  public static final String OUTCOME_NOTES = "outcomeNotes";
  public static final String OPPORTUNITY_NOTES = "opportunityNotes";
  public static final String SCHEDULED_FOR = "qbrScheduledFor";
  public static final String PREPARATION_NOTES = "preparationNotes";
  public static final String FOLLOW_UP_NOTES = "followUpNotes";
  /** The qbr-cadence decision's input. */
  public static final String SEGMENT = "segment";

  /** The elements of bpmn/qbr-cycle.bpmn the steps tell apart. */
  public static final class Elements {
    /** "Record QBR outcome": its form has the KPI values and feedback rows. */
    public static final String RECORD_QBR_OUTCOME = "recordQbrOutcome";
    /** "Preparation window opens": where a cycle waits for its next round ("QBR now" moves this timer). */
    public static final String PREPARATION_WINDOW_OPENS = "preparationWindowOpens";

    private Elements() {}
  }

  /** A QBR meeting with the customer (strategic, enterprise, mid-market). */
  public static final String MEETING = "meeting";
  /** Tech-touch: an automated summary mail to the champion instead of a meeting (scaled). */
  public static final String EMAIL_SUMMARY = "email-summary";

  /** The values each variable may hold, where the BPMN, a decision table or a form compares them. */
  public static final Map<String, List<String>> VALUE_SETS = Map.of(
      FORMAT, List.of(MEETING, EMAIL_SUMMARY),
      SEGMENT, Arrays.stream(Segment.values()).map(Segment::code).toList());

  private QbrVariables() {}

  public static int round(VariableScope scope) {
    return PlaybookVariables.intValue(scope, ROUND);
  }
}
