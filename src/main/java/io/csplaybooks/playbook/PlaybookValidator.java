package io.csplaybooks.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The rules a playbook must keep before the engine accepts it, in words a CS manager understands:
 * every step names a step the application has, every form a user task shows is deployed with it,
 * work goes to groups that exist, a playbook only waits for messages the application sends, and
 * every user task has a due date. Plain Java: the engine plugin feeds it a deployment, the model
 * rules test feeds it bpmn/ and forms/.
 */
public class PlaybookValidator {

  /** The bean an expression starts with: {@code ${scoreHandoffBrief}}, {@code ${handoffPlaybook.briefDue()}}. */
  private static final Pattern ROOT_IDENTIFIER = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Predicate<String> beanExists;
  private final Predicate<String> groupExists;
  private final Collection<String> sentMessages;

  public PlaybookValidator(Predicate<String> beanExists, Predicate<String> groupExists, Collection<String> sentMessages) {
    this.beanExists = beanExists;
    this.groupExists = groupExists;
    this.sentMessages = List.copyOf(sentMessages);
  }

  /** Checks every .bpmn of a deployment (resource name to content) against the deployment's own .form files. */
  public List<PlaybookProblem> validate(Map<String, byte[]> resources) {
    Map<String, byte[]> sorted = new TreeMap<>(resources);
    Set<String> formIds = new HashSet<>();
    List<PlaybookProblem> problems = new ArrayList<>();
    sorted.forEach((name, content) -> {
      if (name.endsWith(".form")) {
        String id = formId(content);
        if (id == null) {
          problems.add(new PlaybookProblem(name, null, "Form " + name + " is not a Camunda Form: it needs an \"id\""));
        } else {
          formIds.add(id);
        }
      }
    });
    sorted.forEach((name, content) -> {
      if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
        BpmnModelInstance model;
        try {
          model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
        } catch (RuntimeException notBpmn) {
          // The engine's own parser rejects it with line and column.
          return;
        }
        problems.addAll(validate(name, model, formIds));
      }
    });
    return problems;
  }

  public List<PlaybookProblem> validate(String resource, BpmnModelInstance model, Set<String> formIds) {
    List<PlaybookProblem> problems = new ArrayList<>();
    Check check = (element, message) -> problems.add(new PlaybookProblem(resource, element.getId(),
        describe(element) + " " + message));

    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      checkStep(check, task, task.getCamundaDelegateExpression(), "calls");
    }
    for (SendTask task : model.getModelElementsByType(SendTask.class)) {
      checkStep(check, task, task.getCamundaDelegateExpression(), "calls");
    }
    for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
      checkStep(check, owner(definition), definition.getCamundaDelegateExpression(), "calls");
    }
    for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
      checkStep(check, owner(listener), listener.getCamundaDelegateExpression(),
          "runs " + listener.getCamundaEvent() + " listener");
    }
    for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
      checkStep(check, owner(listener), listener.getCamundaDelegateExpression(),
          "runs " + listener.getCamundaEvent() + " listener");
    }

    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      checkForm(check, task, task.getCamundaFormRef(), task.getCamundaFormRefBinding(), formIds);
      for (String group : groups(task.getCamundaCandidateGroups())) {
        if (!groupExists.test(group)) {
          check.add(task, "goes to the group '" + group + "', which does not exist: use a team such as cs,"
              + " cs-managers, sales, engineering or product, or create the group in Camunda Admin first");
        }
      }
      if (task.getCamundaDueDate() == null || task.getCamundaDueDate().isBlank()) {
        check.add(task, "has no due date: set one so the work is not forgotten");
      }
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      checkForm(check, start, start.getCamundaFormRef(), start.getCamundaFormRefBinding(), formIds);
    }

    for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
      if (definition.getParentElement() instanceof CatchEvent event) {
        checkMessage(check, event, definition.getMessage());
      }
    }
    for (ReceiveTask task : model.getModelElementsByType(ReceiveTask.class)) {
      checkMessage(check, task, task.getMessage());
    }
    return problems;
  }

  private interface Check {
    void add(BaseElement element, String message);
  }

  private void checkStep(Check check, BaseElement element, String delegateExpression, String what) {
    if (delegateExpression == null || delegateExpression.isBlank()) {
      return;
    }
    Matcher root = ROOT_IDENTIFIER.matcher(delegateExpression);
    String bean = root.find() ? root.group(1) : null;
    if (bean == null || !beanExists.test(bean)) {
      check.add(element, what + " " + delegateExpression + ", but the application has no step named '"
          + (bean == null ? delegateExpression : bean) + "': check the spelling, or ask a developer to add it");
    }
  }

  private static void checkForm(Check check, BaseElement element, String formRef, String binding, Set<String> formIds) {
    // With binding "deployment" the engine looks the form up in the same deployment; other bindings
    // name a form deployed earlier.
    if (formRef == null || !"deployment".equals(binding) || isExpression(formRef)) {
      return;
    }
    if (!formIds.contains(formRef)) {
      check.add(element, "shows the form '" + formRef + "', which is not in this deployment: deploy "
          + formRef + ".form together with the playbook");
    }
  }

  private void checkMessage(Check check, BaseElement element, Message message) {
    if (message == null || message.getName() == null || isExpression(message.getName())) {
      return;
    }
    if (!sentMessages.contains(message.getName())) {
      check.add(element, "waits for the message '" + message.getName() + "', which nothing in the application"
          + " sends, so it would wait forever: use one of " + String.join(", ", sentMessages));
    }
  }

  private static List<String> groups(String candidateGroups) {
    if (candidateGroups == null) {
      return List.of();
    }
    return Arrays.stream(candidateGroups.split(","))
        .map(String::trim)
        .filter(group -> !group.isEmpty() && !isExpression(group))
        .toList();
  }

  private static boolean isExpression(String value) {
    return value.contains("${") || value.contains("#{");
  }

  /** The flow element (or process) a listener or event definition belongs to. */
  private static BaseElement owner(ModelElementInstance element) {
    ModelElementInstance current = element.getParentElement();
    while (current != null && !(current instanceof FlowElement)
        && !(current instanceof org.camunda.bpm.model.bpmn.instance.Process)) {
      current = current.getParentElement();
    }
    return current == null ? (BaseElement) element : (BaseElement) current;
  }

  /** "User task 'Hold kickoff' (holdKickoff)". */
  static String describe(BaseElement element) {
    String type = element.getElementType().getTypeName();
    StringBuilder words = new StringBuilder();
    for (char c : type.toCharArray()) {
      if (Character.isUpperCase(c)) {
        words.append(' ').append(Character.toLowerCase(c));
      } else {
        words.append(c);
      }
    }
    words.setCharAt(0, Character.toUpperCase(words.charAt(0)));
    String name = element instanceof FlowElement flow ? flow.getName()
        : element instanceof org.camunda.bpm.model.bpmn.instance.Process process ? process.getName() : null;
    return words + (name == null || name.isBlank() ? "" : " '" + name.trim() + "'") + " (" + element.getId() + ")";
  }

  private static String formId(byte[] content) {
    try {
      JsonNode id = JSON.readTree(content).path("id");
      return id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
