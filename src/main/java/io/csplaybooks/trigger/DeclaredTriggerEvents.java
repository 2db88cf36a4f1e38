package io.csplaybooks.trigger;

import io.csplaybooks.playbook.DeclaredEvents;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The triggers' events, for the deploy-time validation and the studio's palette: a playbook may wait for
 * any of them, switched off or not. Reads the table only, so the engine can ask while it starts.
 */
@Component
class DeclaredTriggerEvents implements DeclaredEvents {

  private final TriggerRepository triggers;

  DeclaredTriggerEvents(TriggerRepository triggers) {
    this.triggers = triggers;
  }

  @Override
  public List<DeclaredEvent> declared() {
    List<DeclaredEvent> events = new ArrayList<>();
    triggers.messages().forEach((message, name) -> events.add(new DeclaredEvent(message, name,
        "the trigger '" + name + "', when what it watches starts to hold for an account")));
    return events;
  }
}
