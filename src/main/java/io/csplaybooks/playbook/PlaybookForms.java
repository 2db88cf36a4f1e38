package io.csplaybooks.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Camunda Form (.form) as a playbook may deploy it: plain fields only, and the variables a
 * person sets by submitting it. Tasklist submits every field that is not disabled, so those are
 * the names a task's completion may write; a field that only shows a value is disabled.
 */
public final class PlaybookForms {

  /** The form components Tasklist renders without running anything the form's author wrote. */
  static final Set<String> COMPONENTS = Set.of("default", "textfield", "textarea", "number", "datetime", "checkbox",
      "checklist", "radio", "select", "taglist", "text", "spacer", "separator", "group", "dynamiclist", "table",
      "button", "expression");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param problems what is wrong with the form, in words; empty when it may be deployed */
  public record Form(String id, Set<String> settable, List<String> problems) {}

  private PlaybookForms() {}

  public static Form read(String resource, byte[] content) {
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (IOException e) {
      return new Form(null, Set.of(), List.of("Form " + resource + " is not a Camunda Form: it is not JSON"));
    }
    JsonNode id = root == null ? null : root.path("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      return new Form(null, Set.of(), List.of("Form " + resource + " is not a Camunda Form: it needs an \"id\""));
    }
    Set<String> settable = new TreeSet<>();
    walk(root, resource, null, settable, problems);
    for (String name : settable) {
      if (PlaybookVariables.PROTECTED.contains(name) && !PlaybookVariables.START_INPUTS.contains(name)) {
        problems.add("Form " + resource + " has a field '" + name + "': the playbook's " + name
            + " comes from the application, a person completing the task may not change it");
      }
    }
    return new Form(id.asText(), Set.copyOf(settable), problems);
  }

  /** The variables a person sets by submitting the form (its fields that are not disabled). */
  public static Set<String> settable(byte[] content) {
    return read("form", content).settable();
  }

  /** The variables of the form's dynamic lists (the root of each {@code dynamiclist}'s path). */
  public static Set<String> lists(byte[] content) {
    Set<String> lists = new TreeSet<>();
    try {
      JsonNode root = JSON.readTree(content);
      if (root != null) {
        collectLists(root, lists);
      }
    } catch (IOException e) {
      // Not a form: no lists.
    }
    return Set.copyOf(lists);
  }

  private static void collectLists(JsonNode component, Set<String> lists) {
    String path = component.path("path").asText("");
    if ("dynamiclist".equals(component.path("type").asText("")) && !path.isBlank()) {
      lists.add(root(path));
      return;
    }
    for (JsonNode child : component.path("components")) {
      collectLists(child, lists);
    }
  }

  /** @param under the variable a group or list with a path submits its children in, if any */
  private static void walk(JsonNode component, String resource, String under, Set<String> settable,
      List<String> problems) {
    String type = component.path("type").asText("");
    if (!COMPONENTS.contains(type)) {
      problems.add("Form " + resource + " has a component of type '" + type + "'" + label(component)
          + ", which playbook forms may not use: use " + String.join(", ", new TreeSet<>(COMPONENTS)));
    }
    String path = component.path("path").asText("");
    String variable = under != null ? under : path.isBlank() ? null : root(path);
    String key = component.path("key").asText("");
    if (!key.isBlank() && !component.path("disabled").asBoolean(false)) {
      settable.add(variable != null ? variable : root(key));
    }
    for (JsonNode child : component.path("components")) {
      walk(child, resource, variable, settable, problems);
    }
  }

  private static String root(String path) {
    int dot = path.indexOf('.');
    return (dot < 0 ? path : path.substring(0, dot)).trim();
  }

  private static String label(JsonNode component) {
    String label = component.path("label").asText(component.path("key").asText(""));
    return label.isBlank() ? "" : " ('" + label + "')";
  }
}
