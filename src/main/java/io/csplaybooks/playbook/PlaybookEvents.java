package io.csplaybooks.playbook;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Business events between playbooks, as BPMN messages. A playbook announces what happened
 * ("OnboardingCompleted"); whichever playbooks listen start or continue, and one that is not
 * deployed yet simply does not hear it. So a playbook's BPMN does not change when a new listener
 * arrives.
 */
@Component
public class PlaybookEvents {

  private final RuntimeService runtime;

  public PlaybookEvents(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /**
   * Delivers the event about one account (its business key) to every playbook of that account that
   * waits for it, and starts every playbook that begins with it; none at all is fine.
   */
  public int publish(String message, String businessKey, Map<String, Object> variables) {
    return runtime.createMessageCorrelation(message)
        .processInstanceBusinessKey(businessKey)
        .setVariables(variables)
        .correlateAllWithResult()
        .size();
  }

  /** Starts the playbook that begins with this message, unless one is already running for the key. */
  public boolean startOnce(String processKey, String message, String businessKey, Map<String, Object> variables) {
    boolean running = runtime.createProcessInstanceQuery()
        .processDefinitionKey(processKey)
        .processInstanceBusinessKey(businessKey)
        .active()
        .count() > 0;
    if (running) {
      return false;
    }
    runtime.createMessageCorrelation(message)
        .processInstanceBusinessKey(businessKey)
        .setVariables(variables)
        .correlateStartMessage();
    return true;
  }
}
