package io.csplaybooks.handoff;

import static io.csplaybooks.handoff.HandoffVariables.BRIEF_COMPLETE;
import static io.csplaybooks.handoff.HandoffVariables.BRIEF_MISSING;
import static io.csplaybooks.handoff.HandoffVariables.BRIEF_SCORE;

import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Score handoff brief": completeness 0-100 and what is missing, stored with the handoff. */
@PlaybookStep(value = "scoreHandoffBrief",
    name = "Score handoff brief",
    description = "Handoff: the brief's completeness (0-100) and what is missing; sets briefComplete for the gateway "
        + "after it.")
class ScoreHandoffBrief implements JavaDelegate {

  private final HandoffRepository handoffs;
  private final BriefScorer scorer;

  public ScoreHandoffBrief(HandoffRepository handoffs, HandoffSettings settings) {
    this.handoffs = handoffs;
    this.scorer = settings.scorer();
  }

  @Override
  public void execute(DelegateExecution execution) {
    long handoffId = PlaybookVariables.handoffId(execution);
    Handoff handoff = handoffs.findById(handoffId)
        .orElseThrow(() -> new IllegalStateException("handoff " + handoffId + " does not exist"));
    BriefScore score = scorer.score(handoffs.brief(handoff));
    handoffs.recordScore(handoffId, score);
    execution.setVariable(BRIEF_SCORE, score.score());
    execution.setVariable(BRIEF_COMPLETE, score.complete());
    execution.setVariable(BRIEF_MISSING, score.missingLabels());
  }
}
