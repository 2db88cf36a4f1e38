package io.csplaybooks.studio;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import io.csplaybooks.workspace.WorkspacePages;
import io.csplaybooks.workspace.WorkspaceUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The studio's editor: a CS manager designs a playbook in the browser (bpmn-js with the application's
 * steps as element templates, static/editor/), starting from a blank playbook with a manual start, a
 * deployed playbook's newest version, a shipped template or one of their drafts; saves it as a draft
 * ({@link StudioDraftsApi}); and hands a draft to "Check and deploy" ({@link StudioCheckPage}), which
 * checks and deploys it as it does dropped files.
 */
@Controller
@WorkspacePages
class StudioEditorPage {

  /** Where the page's script finds the element templates (Camunda Modeler's JSON, served by the studio). */
  static final String ELEMENT_TEMPLATES = "/studio/element-templates.json";
  /** A blank playbook's history time to live, as the shipped playbooks keep theirs. */
  static final String HISTORY_TIME_TO_LIVE = "P365D";

  private final PlaybookDrafts drafts;
  private final PlaybookTemplates templates;
  private final PlaybookVersions versions;
  private final PlaybookModels models;
  private final MessageSource messages;
  private final PlaybookStarts starts;

  StudioEditorPage(PlaybookDrafts drafts, PlaybookTemplates templates, PlaybookVersions versions, PlaybookModels models,
      MessageSource messages, PlaybookStarts starts) {
    this.starts = starts;
    this.drafts = drafts;
    this.templates = templates;
    this.versions = versions;
    this.models = models;
    this.messages = messages;
  }

  /** A draft (or one of its versions) as the page lists it. */
  record DraftRow(long id, String key, String name, int version, int versions, String saved) {}

  /**
   * The editor with what it opens: a draft version of this person's ({@code draft}), a deployed
   * playbook ({@code playbook}), a copy of a shipped template ({@code template}, {@code key},
   * {@code name}) or a blank playbook ({@code key}, {@code name}), each of the last two starting as
   * chosen ({@code start}: by hand, or on a trigger's event); nothing but the list and the ways to
   * start without any of them.
   */
  @GetMapping("/studio/editor")
  @Page(Audience.MANAGERS)
  String editor(@RequestParam(required = false) Long draft, @RequestParam(required = false) String playbook,
      @RequestParam(required = false) String template, @RequestParam(required = false) String key,
      @RequestParam(required = false) String name, @RequestParam(required = false) String start, WorkspaceUser me,
      Locale locale, Model model) {
    String source = null;
    String title = null;
    String openedKey = null;
    if (draft != null) {
      PlaybookDrafts.Draft opened = drafts.find(me.id(), draft);
      source = "/studio/drafts/" + opened.id();
      title = opened.name() == null ? opened.key() : opened.name();
      openedKey = opened.key();
      model.addAttribute("draft", opened);
      model.addAttribute("versions", drafts.versions(me.id(), opened.key()).stream().map(version -> new DraftRow(
          version.id(), version.key(), version.name(), version.version(), 0, StudioDraftsApi.time(version.savedAt(), locale)))
          .toList());
    } else if (playbook != null) {
      PlaybookVersions.Playbook deployed = versions.get(playbook);
      source = UriComponentsBuilder.fromPath("/studio/playbooks/{key}/diagram").buildAndExpand(deployed.key())
          .encode().toUriString();
      title = deployed.name() == null ? deployed.key() : deployed.name();
      openedKey = deployed.key();
      model.addAttribute("deployedVersion", deployed.latestVersion());
    } else if (template != null) {
      templates.copy(template, key, name, starts.chosen(start));
      source = UriComponentsBuilder.fromPath("/studio/templates/{from}/copy").queryParam("key", key.trim())
          .queryParam("name", name.trim()).queryParamIfPresent("start", Optional.ofNullable(start))
          .buildAndExpand(template).encode().toUriString();
      title = name.strip();
      openedKey = key.trim();
    } else if (key != null || name != null) {
      blank(key, name, start, locale);
      source = UriComponentsBuilder.fromPath("/studio/editor/blank").queryParam("key", key.trim())
          .queryParam("name", name.strip()).queryParamIfPresent("start", Optional.ofNullable(start))
          .build().encode().toUriString();
      title = name.strip();
      openedKey = key.trim();
    }
    model.addAttribute("source", source);
    model.addAttribute("playbookTitle", title);
    model.addAttribute("openedKey", openedKey);
    model.addAttribute("drafts", drafts.mine(me.id()).stream().map(listed -> new DraftRow(listed.latest().id(),
        listed.latest().key(), listed.latest().name(), listed.latest().version(), listed.versions(),
        StudioDraftsApi.time(listed.latest().savedAt(), locale))).toList());
    model.addAttribute("playbooks", versions.all());
    model.addAttribute("shipped", templates.shipped());
    if (source == null) {
      model.addAttribute("events", starts.available());
    }
    model.addAttribute("elementTemplates", ELEMENT_TEMPLATES);
    return "workspace/studio-editor";
  }

  /** A blank playbook's BPMN, for the editor to open: plain text, never rendered. */
  @GetMapping("/studio/editor/blank")
  @Page(Audience.MANAGERS)
  ResponseEntity<String> blankFile(@RequestParam(required = false) String key, @RequestParam(required = false) String name,
      @RequestParam(required = false) String start, Locale locale, HttpServletResponse response) {
    return StudioPage.plainText(blank(key, name, start, locale), response);
  }

  /** Hands the draft version to "Check and deploy", as if its file had been dropped there. */
  @PostMapping("/studio/drafts/{id}/check")
  @Page(Audience.MANAGERS)
  String check(@PathVariable long id, WorkspaceUser me, HttpServletRequest request) {
    PlaybookDrafts.Draft draft = drafts.find(me.id(), id);
    Map<String, byte[]> files = Map.of(draft.key() + ".bpmn", drafts.xml(me.id(), id).getBytes(StandardCharsets.UTF_8));
    PlaybookCheck.checkFiles(files);
    StudioDrafts.Draft kept = StudioDrafts.keep(request.getSession(), files);
    return "redirect:/studio/check/" + kept.id();
  }

  /** Drops the person's draft of a playbook, every version of it. */
  @PostMapping("/studio/editor/drafts/drop")
  @Page(Audience.MANAGERS)
  String drop(@RequestParam(required = false) String key, WorkspaceUser me) {
    if (key == null || key.isBlank()) {
      throw new InvalidInputException("key", "is required");
    }
    if (drafts.drop(me.id(), key.trim()) == 0) {
      throw new NotFoundException("you have no draft of " + key.trim());
    }
    return "redirect:/studio/editor";
  }

  /**
   * A new playbook: the key and name, and one start event: a person starts it by hand, or a trigger's
   * event starts it (a message start with an async boundary after it, as a template's copy has). The
   * key may not be a deployed playbook's: deployed, the new one would become that playbook's next
   * version.
   */
  String blank(String key, String name, String start, Locale locale) {
    List<FieldError> errors = new ArrayList<>();
    String k = key == null ? "" : key.trim();
    String n = name == null ? "" : name.strip();
    if (k.isEmpty()) {
      errors.add(new FieldError("key", "is required"));
    } else if (k.length() > PlaybookTemplates.MAX_KEY || !PlaybookTemplates.KEY.matcher(k).matches()) {
      errors.add(new FieldError("key", "must be lowercase words of letters and digits joined by single hyphens,"
          + " starting with a letter, at most " + PlaybookTemplates.MAX_KEY + " characters, like sales-handoff"));
    } else if (deployed(k)) {
      errors.add(new FieldError("key", "is the key of a deployed playbook: open that playbook to change it,"
          + " or choose a key of the new playbook's own"));
    }
    if (n.isEmpty()) {
      errors.add(new FieldError("name", "is required"));
    } else if (n.length() > PlaybookTemplates.MAX_NAME || !PlaybookTemplates.isOneLine(n)) {
      errors.add(new FieldError("name", "must be one line of at most " + PlaybookTemplates.MAX_NAME + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    PlaybookTemplates.Start chosen = starts.chosen(start);
    String message = "";
    String startEvent = "<bpmn:startEvent id=\"startedByHand\" name=\"%s\" />".formatted(
        attribute(messages.getMessage("studio.editor.blank.start", null, "Started by hand", locale)));
    String startId = "startedByHand";
    if (!chosen.byHandOnly()) {
      startId = "startedByTrigger";
      message = "<bpmn:message id=\"Message_%1$s\" name=\"%1$s\" />".formatted(attribute(chosen.message()));
      startEvent = """
          <bpmn:startEvent id="startedByTrigger" name="%s" camunda:asyncAfter="true">
                <bpmn:messageEventDefinition id="startedByTriggerMessage" messageRef="Message_%s" />
              </bpmn:startEvent>""".formatted(attribute(chosen.name()), attribute(chosen.message()));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" \
        id="%1$s-definitions" targetNamespace="http://csplaybooks.io/bpmn" \
        modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">
          %6$s
          <bpmn:process id="%1$s" name="%2$s" isExecutable="true" camunda:versionTag="1" camunda:historyTimeToLive="%3$s">
            %4$s
          </bpmn:process>
          <bpmndi:BPMNDiagram id="%1$s-diagram">
            <bpmndi:BPMNPlane id="%1$s-plane" bpmnElement="%1$s">
              <bpmndi:BPMNShape id="%5$s_di" bpmnElement="%5$s">
                <dc:Bounds x="152" y="102" width="36" height="36" />
              </bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """.formatted(k, attribute(n), HISTORY_TIME_TO_LIVE, startEvent, startId, message);
  }

  private boolean deployed(String key) {
    try {
      models.definition(key, null);
      return true;
    } catch (NotFoundException none) {
      return templates.shipped().stream().anyMatch(s -> s.key().equals(key));
    }
  }

  /** Text as an XML attribute's value in double quotes. */
  static String attribute(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
