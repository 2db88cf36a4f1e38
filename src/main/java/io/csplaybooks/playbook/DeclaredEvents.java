package io.csplaybooks.playbook;

import java.util.List;

/**
 * Business events that people declare while the application runs (a CS manager's triggers: "health
 * turned yellow", "45 days to renewal"), beside the fixed ones of {@link PlaybookEvent}. Whoever
 * keeps such declarations offers them through this door, so that the deploy-time validation knows a
 * playbook may wait for them and the studio's palette can offer them as start events.
 */
public interface DeclaredEvents {

  /**
   * A declared event: its BPMN message name, its name for people and what sends it.
   *
   * @param message the BPMN message name a playbook starts on or waits for
   * @param name what a CS manager reads ("Executive sponsor changed")
   * @param sentBy when the application sends it, in words
   */
  record DeclaredEvent(String message, String name, String sentBy) {}

  /** The events declared now (disabled ones included: a deployed playbook may still wait for them). */
  List<DeclaredEvent> declared();
}
