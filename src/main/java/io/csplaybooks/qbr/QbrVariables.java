package io.csplaybooks.qbr;

import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The QBR cycle's process variables: ids, the round and date, and what its gateways read. */
public final class QbrVariables {

  public static final String CADENCE_DECISION = "qbrCadenceDecision";
  public static final String CADENCE_MONTHS = "qbrCadenceMonths";
  public static final String FORMAT = "qbrFormat";
  public static final String ALREADY_RUNNING = "qbrCycleAlreadyRunning";
  public static final String ROUND = "qbrRound";
  public static final String QBR_DATE = "qbrDate";
  public static final String HAS_EXPANSION_SIGNALS = "hasExpansionSignals";
  public static final String BUG_IDS = "bugIds";
  public static final String PRODUCT_FEEDBACK_IDS = "productFeedbackIds";

  /** A QBR meeting with the customer (strategic, enterprise, mid-market). */
  public static final String MEETING = "meeting";
  /** Tech-touch: an automated summary mail to the champion instead of a meeting (scaled). */
  public static final String EMAIL_SUMMARY = "email-summary";

  private QbrVariables() {}

  public static int round(VariableScope scope) {
    return PlaybookVariables.intValue(scope, ROUND);
  }
}
