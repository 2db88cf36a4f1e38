package io.csplaybooks.handoff;

import io.csplaybooks.common.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * What the handoff module tells the playbooks that follow it: which contract a handoff was for and
 * the brief as sales and the CSM left it (goals, success criteria, technical requirements, promises).
 */
@Component
public class HandoffBriefs {

  /** A handoff's contract and its brief. */
  public record HandedOver(String contractId, HandoffBrief brief) {}

  private final HandoffRepository handoffs;

  HandoffBriefs(HandoffRepository handoffs) {
    this.handoffs = handoffs;
  }

  /** The handoff's contract and brief; NotFoundException when there is no such handoff. */
  public HandedOver of(long handoffId) {
    Handoff handoff = handoffs.findById(handoffId)
        .orElseThrow(() -> new NotFoundException("handoff " + handoffId + " does not exist"));
    return new HandedOver(handoff.contractId(), handoffs.brief(handoff));
  }
}
