package io.csplaybooks.trigger;

import io.csplaybooks.account.Segment;
import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import io.csplaybooks.workspace.WorkspacePages;
import io.csplaybooks.workspace.WorkspaceUser;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The studio's triggers page, for CS managers: every trigger in words with how often it fired (the last
 * 30 days, the last time), and a form to declare one or change it, or switch it off and on. The form
 * says what it watches in words; a wrong value is refused naming the field, and nothing changes.
 */
@Controller
@WorkspacePages
class TriggersPage {

  /** The conditions the form offers: the first, and up to two more that must hold too. */
  static final int FORM_CONDITIONS = Triggers.MAX_CONDITIONS;

  private final Triggers triggers;

  TriggersPage(Triggers triggers) {
    this.triggers = triggers;
  }

  /** A trigger on the list, with when it last fired in the server's time zone. */
  record Row(Trigger trigger, String lastFired) {}

  @GetMapping("/studio/triggers")
  @Page(Audience.MANAGERS)
  String list(Model model) {
    DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    model.addAttribute("triggers", triggers.list().stream().map(t -> new Row(t,
        t.lastFiredAt() == null ? null : minutes.format(t.lastFiredAt()))).toList());
    model.addAttribute("figuresDays", Triggers.FIGURES_DAYS);
    return "workspace/studio-triggers";
  }

  @GetMapping("/studio/triggers/new")
  @Page(Audience.MANAGERS)
  String declareForm(Model model) {
    return form(model, null);
  }

  @GetMapping("/studio/triggers/{id}")
  @Page(Audience.MANAGERS)
  String changeForm(@PathVariable long id, Model model) {
    return form(model, triggers.find(id));
  }

  @PostMapping("/studio/triggers")
  @Page(Audience.MANAGERS)
  String declare(@RequestParam MultiValueMap<String, String> form, WorkspaceUser me) {
    Trigger declared = triggers.declare(input(form), me.id());
    return "redirect:/studio/triggers?declared=" + declared.id();
  }

  @PostMapping("/studio/triggers/{id}")
  @Page(Audience.MANAGERS)
  String change(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, WorkspaceUser me) {
    triggers.change(id, input(form), me.id());
    return "redirect:/studio/triggers?changed=" + id;
  }

  @PostMapping("/studio/triggers/{id}/enabled")
  @Page(Audience.MANAGERS)
  String enable(@PathVariable long id, @RequestParam(required = false) String enabled, WorkspaceUser me) {
    if (!"true".equals(enabled) && !"false".equals(enabled)) {
      throw new InvalidInputException("enabled", "must be true or false");
    }
    triggers.enable(id, Boolean.parseBoolean(enabled), me.id());
    return "redirect:/studio/triggers?changed=" + id;
  }

  private String form(Model model, Trigger trigger) {
    List<TriggerCondition> rows = new ArrayList<>(trigger == null ? List.of() : trigger.conditions());
    while (rows.size() < FORM_CONDITIONS) {
      rows.add(new TriggerCondition("", null, null, null, null, null));
    }
    model.addAttribute("trigger", trigger);
    model.addAttribute("rows", rows);
    model.addAttribute("kinds", Arrays.stream(TriggerKind.values()).map(TriggerKind::code).toList());
    model.addAttribute("reads", Arrays.stream(TriggerKind.values()).collect(java.util.stream.Collectors.toMap(
        TriggerKind::code, k -> String.join(" ", new java.util.TreeSet<>(k.parameters())))));
    model.addAttribute("bands", List.of("yellow", "red"));
    model.addAttribute("roles", Triggers.ROLES);
    model.addAttribute("segments", Arrays.stream(Segment.values()).map(Segment::code).toList());
    return "workspace/studio-trigger";
  }

  /**
   * The form's fields as the API's input: condition rows without a kind are left out; a number that is
   * not one is refused here, naming the row's field as the API would.
   */
  static TriggerInput input(MultiValueMap<String, String> form) {
    List<FieldError> errors = new ArrayList<>();
    List<TriggerCondition> conditions = new ArrayList<>();
    for (int i = 0; i < FORM_CONDITIONS; i++) {
      String kind = text(form.getFirst("kind" + i));
      if (kind == null) {
        continue;
      }
      String at = "conditions[" + conditions.size() + "]";
      TriggerKind known = TriggerKind.fromCode(kind).orElse(null);
      // The form shows every field; only those the kind reads count.
      boolean reads = known != null;
      conditions.add(new TriggerCondition(kind,
          reads && known.parameters().contains("band") ? text(form.getFirst("band" + i)) : null,
          reads && known.parameters().contains("points") ? number(form.getFirst("points" + i), at + ".points", errors) : null,
          reads && known.parameters().contains("days") ? number(form.getFirst("days" + i), at + ".days", errors) : null,
          reads && known.parameters().contains("percent") ? number(form.getFirst("percent" + i), at + ".percent", errors)
              : null,
          reads && known.parameters().contains("role") ? text(form.getFirst("role" + i)) : null));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    List<String> segments = form.getOrDefault("segment", List.of()).stream().filter(s -> s != null && !s.isBlank())
        .toList();
    String enabled = form.getFirst("enabled");
    return new TriggerInput(form.getFirst("name"), text(form.getFirst("message")), conditions, segments,
        enabled == null ? Boolean.FALSE : Boolean.valueOf("true".equals(enabled)));
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Integer number(String value, String field, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, "must be a whole number"));
      return null;
    }
  }
}
