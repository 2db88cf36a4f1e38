package io.csplaybooks.studio;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.playbook.DeclaredEvents;
import io.csplaybooks.playbook.DeclaredEvents.DeclaredEvent;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

/**
 * How a new playbook (a template's copy, a blank one in the editor) may start, chosen from a list so
 * that it deploys as it is: by hand, or on the event of a trigger no deployed playbook starts on yet
 * (the engine starts one playbook on a message).
 */
@Component
class PlaybookStarts {

  /** The start choice for a start by hand. */
  static final String MANUAL = "manual";

  private final List<DeclaredEvents> declared;
  private final RepositoryService repository;

  PlaybookStarts(List<DeclaredEvents> declared, RepositoryService repository) {
    this.declared = declared;
    this.repository = repository;
  }

  /** The triggers' events a new playbook may start on, by the trigger's name. */
  List<DeclaredEvent> available() {
    return declared.stream().flatMap(d -> d.declared().stream())
        .filter(event -> repository.createProcessDefinitionQuery().messageEventSubscriptionName(event.message())
            .count() == 0)
        .sorted(Comparator.comparing(DeclaredEvent::name, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  /** The chosen start; by hand when the request names none. */
  PlaybookTemplates.Start chosen(String start) {
    return chosen(start, this::available);
  }

  /** The same among the events given, asked for only when the start is not by hand. */
  static PlaybookTemplates.Start chosen(String start, Supplier<List<DeclaredEvent>> available) {
    if (start == null || MANUAL.equals(start)) {
      return PlaybookTemplates.Start.byHand();
    }
    List<DeclaredEvent> events = available.get();
    return events.stream().filter(event -> event.message().equals(start)).findFirst()
        .map(event -> PlaybookTemplates.Start.onEvent(event.message(), event.name()))
        .orElseThrow(() -> new InvalidInputException("start", "must be " + MANUAL + " or the event of a trigger no"
            + " playbook starts on yet: " + String.join(", ", events.stream().map(DeclaredEvent::message).toList())));
  }
}
