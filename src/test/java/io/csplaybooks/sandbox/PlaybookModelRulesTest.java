package io.csplaybooks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.security.Groups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * The rules every playbook in bpmn/ and every form in forms/ keeps, checked as a CS manager's
 * Modeler would not: names resolve to real beans, forms and decisions, people get due dates.
 */
class PlaybookModelRulesTest {

  static final Path BPMN = Path.of("bpmn");
  static final Path FORMS = Path.of("forms");
  static final Pattern BEAN = Pattern.compile("^\\$\\{(\\w+)}$");
  static final Pattern GENERATED_ID = Pattern.compile("^(Activity|Gateway|Event|Flow|StartEvent|EndEvent|Task)_[0-9a-z]+$");

  /**
   * The deploy-time validation the engine applies to every deployment (PlaybookValidationPlugin),
   * here on bpmn/ and forms/ as the application deploys them: beans, forms, teams, messages, due dates.
   */
  @Test
  void thePlaybooksPassDeployTimeValidation() throws IOException {
    Map<String, byte[]> deployment = new TreeMap<>();
    for (Path dir : List.of(BPMN, FORMS)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          deployment.put(dir.getFileName() + "/" + file.getFileName(), Files.readAllBytes(file));
        }
      }
    }
    assertThat(deployment.keySet()).contains("bpmn/sales-handoff.bpmn", "bpmn/onboarding.bpmn");
    PlaybookValidator validator = new PlaybookValidator(PlaybookBeans.scan("io.csplaybooks"), beanNames()::contains, Groups.TEAMS::contains,
        withDeclared(PlaybookEvent.messages()));

    assertThat(validator.validate(deployment)).isEmpty();
  }

  @Test
  void everyStepUsesADelegateExpression() throws IOException {
    List<String> problems = new ArrayList<>();
    forEachModel((file, model) -> {
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        String expression = task.getCamundaDelegateExpression();
        if (!BEAN.matcher(expression == null ? "" : expression).matches()) {
          problems.add(file + " " + task.getId() + ": service task must use camunda:delegateExpression=\"${bean}\"");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  /**
   * Steps that call outside (mail): a job of their own (async before), so an outage is a retry of that
   * job alone. Nothing after a mail needs a boundary: it keeps its key in mail_sent, so a retry of
   * the job never mails twice.
   */
  static final Pattern OUTSIDE_CALL = Pattern.compile("(?i).*(mail|notify|introduce|send|slack).*");

  @Test
  void everyOutsideCallIsAJobOfItsOwn() throws IOException {
    List<String> problems = new ArrayList<>();
    forEachModel((file, model) -> {
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        String step = task.getCamundaDelegateExpression();
        if (step != null && OUTSIDE_CALL.matcher(step).matches()
            && !task.isCamundaAsyncBefore()) {
          problems.add(file + " " + task.getId() + ": an outside call needs camunda:asyncBefore");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  /**
   * Issue 28: nothing waits for a mail. After a mail step come only more mail steps and an end event
   * of the mail's own (no join, no next step), so an SMTP outage holds no playbook back.
   */
  @Test
  void noJoinOrStepWaitsForAMail() throws IOException {
    PlaybookBeans beans = PlaybookBeans.scan("io.csplaybooks");
    List<String> mails = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    forEachModel((file, model) -> {
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        java.util.regex.Matcher bean = BEAN.matcher(String.valueOf(task.getCamundaDelegateExpression()));
        if (!bean.matches() || !beans.sendsMail(bean.group(1))) {
          continue;
        }
        mails.add(task.getId());
        org.camunda.bpm.model.bpmn.instance.FlowNode node = task;
        while (node.getOutgoing().size() == 1 && node.getOutgoing().iterator().next().getTarget() instanceof ServiceTask next
            && beans.sendsMail(BEAN.matcher(String.valueOf(next.getCamundaDelegateExpression())).replaceAll("$1"))) {
          node = next;
        }
        if (node.getOutgoing().size() != 1
            || !(node.getOutgoing().iterator().next().getTarget() instanceof org.camunda.bpm.model.bpmn.instance.EndEvent end)
            || !end.getEventDefinitions().isEmpty()) {
          problems.add(file + " " + task.getId() + ": a mail's branch must end on its own, with a plain end event");
        }
      }
    });
    assertThat(mails).contains("notifyCsmOfNewAccount", "introduceCsmToCustomer", "sendQbrSummary");
    assertThat(problems).isEmpty();
  }

  /** A person's click commits the task and what its form records; what it starts or signals runs after it. */
  @Test
  void everyUserTaskIsFollowedByAnAsyncBoundary() throws IOException {
    List<String> problems = new ArrayList<>();
    forEachModel((file, model) -> {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        if (!task.isCamundaAsyncAfter()) {
          problems.add(file + " " + task.getId() + ": needs camunda:asyncAfter");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyUserTaskHasATeamOrPersonAndAFormFromForms() throws IOException {
    Set<String> forms = formIds();
    List<String> problems = new ArrayList<>();
    forEachModel((file, model) -> {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String where = file + " " + task.getId() + ": ";
        if (task.getCamundaAssignee() == null && task.getCamundaCandidateGroups() == null) {
          problems.add(where + "names neither an assignee nor a candidate group");
        }
        if (task.getCamundaFormRef() == null || !forms.contains(task.getCamundaFormRef())) {
          problems.add(where + "form " + task.getCamundaFormRef() + " is not in forms/");
        }
        if (!"deployment".equals(task.getCamundaFormRefBinding())) {
          problems.add(where + "form binding must be 'deployment'");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void processesAndDecisionsKeepHistoryForALimitedTime() throws IOException {
    Set<String> decisions = new HashSet<>();
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(BPMN)) {
      for (Path dmn : files.filter(f -> f.toString().endsWith(".dmn")).toList()) {
        for (Decision decision : Dmn.readModelFromFile(dmn.toFile()).getModelElementsByType(Decision.class)) {
          decisions.add(decision.getId());
          if (decision.getCamundaHistoryTimeToLiveString() == null) {
            problems.add(dmn + " " + decision.getId() + ": no historyTimeToLive");
          }
        }
      }
    }
    forEachModel((file, model) -> {
      for (Process process : model.getModelElementsByType(Process.class)) {
        if (!process.isExecutable() || process.getCamundaHistoryTimeToLiveString() == null) {
          problems.add(file + " " + process.getId() + ": must be executable with a historyTimeToLive");
        }
      }
      for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
        if (!decisions.contains(task.getCamundaDecisionRef())) {
          problems.add(file + " " + task.getId() + ": no decision " + task.getCamundaDecisionRef() + " in bpmn/");
        }
      }
    });
    assertThat(decisions).contains("assign-csm");
    assertThat(problems).isEmpty();
  }

  @Test
  void everyElementIsDrawnAndNamedForTheBusiness() throws IOException {
    List<String> problems = new ArrayList<>();
    forEachModel((file, model) -> {
      Set<String> drawn = new HashSet<>();
      model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
      model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        if (!drawn.contains(element.getId())) {
          problems.add(file + " " + element.getId() + ": not in the diagram");
        }
        if (GENERATED_ID.matcher(element.getId()).matches()) {
          problems.add(file + " " + element.getId() + ": give it a meaningful id");
        }
        if (!(element instanceof org.camunda.bpm.model.bpmn.instance.SequenceFlow)
            && !(element instanceof org.camunda.bpm.model.bpmn.instance.Gateway)
            && (element.getName() == null || element.getName().isBlank())) {
          problems.add(file + " " + element.getId() + ": needs a label");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  interface ModelCheck {
    void check(Path file, BpmnModelInstance model);
  }

  static void forEachModel(ModelCheck check) throws IOException {
    try (Stream<Path> files = Files.list(BPMN)) {
      List<Path> bpmn = files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
      assertThat(bpmn).isNotEmpty();
      for (Path file : bpmn) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Bpmn.validateModel(model);
        check.check(file, model);
      }
    }
  }

  static Set<String> formIds() throws IOException {
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(FORMS)) {
      for (Path form : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode root = json.readTree(form.toFile());
        assertThat(root.path("id").asText()).as(form + " id").isEqualTo(form.getFileName().toString().replace(".form", ""));
        ids.add(root.path("id").asText());
      }
    }
    return ids;
  }

  static Set<String> beanNames() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    AnnotationBeanNameGenerator names = new AnnotationBeanNameGenerator();
    SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
    Set<String> beans = new HashSet<>();
    scanner.findCandidateComponents("io.csplaybooks").forEach(definition ->
        beans.add(names.generateBeanName((AnnotatedBeanDefinition) definition, registry)));
    return beans;
  }

  /** The application's events and the shipped triggers' (V23: quiet churn), which bpmn/ may wait for. */
  public static List<String> withDeclared(List<String> messages) {
    List<String> all = new ArrayList<>(messages);
    all.addAll(io.csplaybooks.trigger.QuietChurnVariables.HEARS_DECLARED);
    return all;
  }
}
