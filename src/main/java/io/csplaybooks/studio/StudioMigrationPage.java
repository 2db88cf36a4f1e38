package io.csplaybooks.studio;

import io.csplaybooks.workspace.DrawsDiagrams;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import io.csplaybooks.workspace.WorkspacePages;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Moving the accounts of one version of a playbook to another, in the studio: the plan on the two
 * diagrams (the steps that map, and where accounts wait in steps the new version no longer has, who
 * then stay where they are), then, confirmed, the move and its counts ({@link PlaybookMigrations},
 * as the API's {@code POST /api/playbooks/{key}/migrations}).
 */
@Controller
@WorkspacePages
class StudioMigrationPage {

  private final PlaybookMigrations migrations;
  private final PlaybookVersions versions;
  private final PlaybookAnalytics analytics;
  private final PlaybookModels models;
  private final MessageSource messages;

  StudioMigrationPage(PlaybookMigrations migrations, PlaybookVersions versions, PlaybookAnalytics analytics,
      PlaybookModels models, MessageSource messages) {
    this.models = models;
    this.migrations = migrations;
    this.versions = versions;
    this.analytics = analytics;
    this.messages = messages;
  }

  @GetMapping("/studio/playbooks/{key}/migration")
  @Page(Audience.MANAGERS)
  @DrawsDiagrams
  String plan(@PathVariable String key, @RequestParam(required = false) Integer fromVersion,
      @RequestParam(required = false) Integer toVersion, Locale locale, Model model) {
    return page(key, new PlaybookMigrations.Request(fromVersion, toVersion, false), locale, model);
  }

  @PostMapping("/studio/playbooks/{key}/migration")
  @Page(Audience.MANAGERS)
  @DrawsDiagrams
  String move(@PathVariable String key, @RequestParam(required = false) Integer fromVersion,
      @RequestParam(required = false) Integer toVersion, Locale locale, Model model) {
    return page(key, new PlaybookMigrations.Request(fromVersion, toVersion, true), locale, model);
  }

  /** The plan (not confirmed) or the move (confirmed) and its counts, on the two diagrams. */
  private String page(String key, PlaybookMigrations.Request request, Locale locale, Model model) {
    PlaybookMigrations.Report report = migrations.migrate(key, request);
    PlaybookVersions.Playbook playbook = versions.get(key);
    String sourceId = versions.definitionId(playbook, report.fromVersion());
    BpmnModelInstance older = models.model(sourceId);
    BpmnModelInstance newer = models.model(versions.definitionId(playbook, report.toVersion()));
    // Where the accounts of the old version wait now, step by step.
    DiagramMarks source = new DiagramMarks();
    DiagramMarks target = new DiagramMarks();
    Set<String> stay = new HashSet<>();
    report.unmappedSteps().forEach(step -> {
      stay.add(step.activityId());
      source.marker(step.activityId(), "unmapped")
          .title(step.activityId(), text("studio.migration.unmapped.title", locale, step.waitingInstances()));
      if (step.waitingInstances() > 0) {
        source.badge(step.activityId(), "unmapped", String.valueOf(step.waitingInstances()),
            text("studio.migration.unmapped.title", locale, step.waitingInstances()));
      }
    });
    report.unmovableSteps().forEach(step -> {
      stay.add(step.activityId());
      String title = text("studio.migration.unmovable.title", locale, step.waitingInstances(), report.toVersion());
      source.marker(step.activityId(), "unmapped").title(step.activityId(), title)
          .badge(step.activityId(), "unmapped", String.valueOf(step.waitingInstances()), title);
    });
    // The engine's multi-instance bodies (forecastCheckpoints#multiInstanceBody) are not on the diagram.
    report.instructions().forEach(instruction -> {
      instruction.from().stream().filter(StudioMigrationPage::drawn).forEach(id -> source.marker(id, "mapped")
          .title(id, text("studio.migration.mapped.title", locale, names(newer, instruction.to(), locale))));
      instruction.to().stream().filter(StudioMigrationPage::drawn).forEach(id -> target.marker(id, "mapped-target"));
    });
    report.addedSteps().forEach(id -> target.marker(id, "added")
        .title(id, text("studio.migration.added.title", locale, report.fromVersion()))
        .badge(id, "added", text("studio.migration.added.badge", locale),
            text("studio.migration.added.title", locale, report.fromVersion())));
    if (!report.confirmed()) {
      analytics.waitingNow(key, sourceId).forEach((step, waiting) -> {
        if (!stay.contains(step)) {
          source.badge(step, "waiting", String.valueOf(waiting), text("studio.badge.waiting.title", locale, waiting));
        }
      });
    }
    model.addAttribute("mapping", report.instructions().stream()
        .map(i -> new Mapped(names(older, i.from(), locale), names(newer, i.to(), locale))).toList());
    model.addAttribute("gone", report.unmappedSteps().stream()
        .map(s -> new Step(s.activityId(), StepNames.of(older, s.activityId(), messages, locale), s.waitingInstances()))
        .toList());
    model.addAttribute("unmovable", report.unmovableSteps().stream()
        .map(s -> new Step(s.activityId(), StepNames.of(older, s.activityId(), messages, locale), s.waitingInstances()))
        .toList());
    model.addAttribute("added", report.addedSteps().stream()
        .map(id -> new Step(id, StepNames.of(newer, id, messages, locale), 0)).toList());
    model.addAttribute("playbook", playbook);
    model.addAttribute("report", report);
    model.addAttribute("sourceMarks", source.json());
    model.addAttribute("targetMarks", target.json());
    return "workspace/studio-migration";
  }

  /** A step of the old version and where it goes in the new one, by name. */
  record Mapped(String from, String to) {}

  /** A step by name, with the accounts waiting in it. */
  record Step(String id, String name, long waiting) {}

  private static boolean drawn(String id) {
    return !id.endsWith(StepNames.MULTI_INSTANCE_BODY);
  }

  private String names(BpmnModelInstance model, List<String> ids, Locale locale) {
    return ids.stream().map(id -> StepNames.of(model, id, messages, locale)).collect(Collectors.joining(", "));
  }

  private String text(String key, Locale locale, Object... arguments) {
    return messages.getMessage(key, arguments, locale);
  }
}
