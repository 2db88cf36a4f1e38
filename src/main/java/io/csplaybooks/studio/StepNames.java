package io.csplaybooks.studio;

import java.util.Locale;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.context.MessageSource;

/**
 * A step as a person reads it on the studio's pages: its name, never the engine's ids. A name that
 * holds an expression ("Set up ${setupItem}", resolved per account when the task is created) reads
 * "Set up …" where no account is at hand; the engine's multi-instance body of a step
 * ({@code forecastCheckpoints#multiInstanceBody}) is the step repeated, "Forecast checkpoint (each)";
 * an element without a name shows its id, the only word its author gave it.
 */
final class StepNames {

  /** The engine's suffix for the body that repeats a multi-instance step. */
  static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{[^}]*}");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private StepNames() {}

  /** The name with each expression in it as "…", its whitespace collapsed; null for a blank name. */
  static String readable(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    return SPACE.matcher(EXPRESSION.matcher(name).replaceAll("…")).replaceAll(" ").trim();
  }

  /** Whether the name holds an expression, which the engine resolves for each account's task. */
  static boolean hasExpression(String name) {
    return name != null && EXPRESSION.matcher(name).find();
  }

  /** The step's name in the model (or its id), and "(each)" for a multi-instance body, in the page's language. */
  static String of(BpmnModelInstance model, String id, MessageSource messages, Locale locale) {
    boolean each = id.endsWith(MULTI_INSTANCE_BODY);
    String elementId = each ? id.substring(0, id.length() - MULTI_INSTANCE_BODY.length()) : id;
    String name = model != null && model.getModelElementById(elementId) instanceof FlowElement element
        ? readable(element.getName()) : null;
    String shown = name == null ? elementId : name;
    return each ? messages.getMessage("studio.step.each", new Object[] {shown}, locale) : shown;
  }
}
