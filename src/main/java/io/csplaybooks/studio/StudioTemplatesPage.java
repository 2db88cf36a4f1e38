package io.csplaybooks.studio;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.playbook.DeclaredEvents;
import io.csplaybooks.playbook.DeclaredEvents.DeclaredEvent;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import io.csplaybooks.workspace.WorkspacePages;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Start from a template: a CS manager copies a shipped playbook under a key and name of their own
 * (a second onboarding for a new product line), chooses how it starts (by hand, or on a trigger's
 * event), and downloads it to deploy as it is or to edit in Camunda Modeler; then drops it on "Check
 * and deploy".
 */
@Controller
@WorkspacePages
class StudioTemplatesPage {

  /** The start choice for a start by hand. */
  static final String MANUAL = "manual";

  private final PlaybookTemplates templates;
  private final List<DeclaredEvents> declared;
  private final RepositoryService repository;

  StudioTemplatesPage(PlaybookTemplates templates, List<DeclaredEvents> declared, RepositoryService repository) {
    this.templates = templates;
    this.declared = declared;
    this.repository = repository;
  }

  @GetMapping("/studio/templates")
  @Page(Audience.MANAGERS)
  String templates(@RequestParam(required = false) String from, @RequestParam(required = false) String key,
      @RequestParam(required = false) String name, @RequestParam(required = false) String start, Model model) {
    model.addAttribute("shipped", templates.shipped());
    List<DeclaredEvent> events = startEvents();
    model.addAttribute("events", events);
    model.addAttribute("start", start == null ? MANUAL : start);
    if (from != null) {
      PlaybookTemplates.Copy copy = templates.copy(from, key, name, start(start, events));
      model.addAttribute("from", from);
      model.addAttribute("key", key.trim());
      model.addAttribute("name", name.trim());
      model.addAttribute("copy", copy);
    }
    return "workspace/studio-templates";
  }

  /** The copy as a .bpmn file to deploy or to open in Camunda Modeler. */
  @GetMapping("/studio/templates/{from}/copy")
  @Page(Audience.MANAGERS)
  ResponseEntity<byte[]> download(@PathVariable String from, @RequestParam(required = false) String key,
      @RequestParam(required = false) String name, @RequestParam(required = false) String start) {
    PlaybookTemplates.Copy copy = templates.copy(from, key, name, start(start, startEvents()));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(copy.fileName()).build().toString())
        .body(copy.bpmn());
  }

  /**
   * The triggers' events a copy may start on: those no deployed playbook starts on yet (the engine starts
   * one playbook on a message), by the trigger's name.
   */
  List<DeclaredEvent> startEvents() {
    return declared.stream().flatMap(d -> d.declared().stream())
        .filter(event -> repository.createProcessDefinitionQuery().messageEventSubscriptionName(event.message())
            .count() == 0)
        .sorted(Comparator.comparing(DeclaredEvent::name, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  /** The chosen start; by hand when the request names none, so that the copy deploys as it is. */
  static PlaybookTemplates.Start start(String start, List<DeclaredEvent> events) {
    if (start == null || MANUAL.equals(start)) {
      return PlaybookTemplates.Start.byHand();
    }
    return events.stream().filter(event -> event.message().equals(start)).findFirst()
        .map(event -> PlaybookTemplates.Start.onEvent(event.message(), event.name()))
        .orElseThrow(() -> new InvalidInputException("start", "must be " + MANUAL + " or the event of a trigger no"
            + " playbook starts on yet: " + String.join(", ", events.stream().map(DeclaredEvent::message).toList())));
  }
}
