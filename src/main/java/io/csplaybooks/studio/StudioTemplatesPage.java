package io.csplaybooks.studio;

import io.csplaybooks.playbook.DeclaredEvents.DeclaredEvent;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import io.csplaybooks.workspace.WorkspacePages;
import java.util.List;
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

  private final PlaybookTemplates templates;
  private final PlaybookStarts starts;

  StudioTemplatesPage(PlaybookTemplates templates, PlaybookStarts starts) {
    this.templates = templates;
    this.starts = starts;
  }

  @GetMapping("/studio/templates")
  @Page(Audience.MANAGERS)
  String templates(@RequestParam(required = false) String from, @RequestParam(required = false) String key,
      @RequestParam(required = false) String name, @RequestParam(required = false) String start, Model model) {
    model.addAttribute("shipped", templates.shipped());
    List<DeclaredEvent> events = starts.available();
    model.addAttribute("events", events);
    model.addAttribute("start", start == null ? PlaybookStarts.MANUAL : start);
    if (from != null) {
      PlaybookTemplates.Copy copy = templates.copy(from, key, name, PlaybookStarts.chosen(start, () -> events));
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
    PlaybookTemplates.Copy copy = templates.copy(from, key, name, starts.chosen(start));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(copy.fileName()).build().toString())
        .body(copy.bpmn());
  }
}
