package io.csplaybooks.studio;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.playbook.PlaybookForms;
import io.csplaybooks.sandbox.PlaybookBeans;
import io.csplaybooks.sandbox.PlaybookExpressions;
import io.csplaybooks.sandbox.PlaybookProblem;
import io.csplaybooks.sandbox.PlaybookValidationPlugin;
import io.csplaybooks.sandbox.PlaybookValidator;
import io.csplaybooks.security.Groups;
import io.csplaybooks.studio.lint.PlaybookLint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Check, then deploy: a set of playbook files a CS manager drops in the studio is checked with the
 * rules of a deployment ({@link PlaybookValidator}: safety first, then forms, teams, messages, due
 * dates), the Modeler's lint rules ({@link PlaybookLint}) and, when those pass, the engine's own
 * parser, by deploying the set in a transaction that is rolled back. The forms a playbook shows are
 * found among the dropped files or, failing that, among the deployed forms, and go with it, so
 * nobody has to remember to include them. Deploying checks again: what fails is never deployed.
 */
@Service
class PlaybookCheck {

  /** What the studio accepts at once: a playbook, its decision tables and its forms, with room to spare. */
  public static final int MAX_FILES = 40;
  private static final int MAX_FILE_BYTES = PlaybookValidationPlugin.MAX_FILE_BYTES;
  private static final int MAX_TOTAL_BYTES = PlaybookValidationPlugin.MAX_TOTAL_BYTES;
  /** A file's name as it will be stored in the deployment: no folders, no control characters. */
  private static final Pattern FILE_NAME = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} ._()-]{0,119}$");
  /** The most of a deployment's name the engine keeps (ACT_RE_DEPLOYMENT.NAME_). */
  static final int DEPLOYMENT_NAME = 255;
  /** The source the studio's deployments carry, shown with each version. */
  public static final String SOURCE = "playbook studio";

  /** Where a form a playbook shows was found. */
  public enum Found { DROPPED, DEPLOYED, MISSING }

  /**
   * A form a dropped playbook shows, the elements that show it, and where it was found (for a deployed
   * one, its deployment); {@code inDeployment} are the elements that look it up in their own deployment.
   */
  public record FormUse(String formId, List<String> shownBy, Found found, String resource, Integer deployedVersion,
      String deploymentId, List<String> inDeployment) {}

  /**
   * A dropped playbook (a .bpmn file) that can be drawn, and the name a person reads for each of its
   * steps, by element id ({@link StepNames#readable}; absent for a step without a name).
   */
  public record Playbook(String resource, String key, String name, Map<String, String> stepNames) {

    /** What the page shows for an element of this playbook: its name, else its id. */
    public String stepName(String elementId) {
      return stepNames.getOrDefault(elementId, elementId);
    }
  }

  /**
   * What a check found: the problems refuse the deployment; the notes ({@link ElementTemplates.Note},
   * tasks made without one of the palette's templates) only explain.
   */
  public record Result(List<String> files, List<Playbook> playbooks, List<FormUse> forms, List<PlaybookProblem> problems,
      List<ElementTemplates.Note> notes) {

    public boolean clean() {
      return problems.isEmpty() && !files.isEmpty();
    }
  }

  /** A deployment the studio made, or the earlier one that held exactly these files. */
  public record Deployed(String deploymentId, boolean duplicate, List<Definition> definitions) {}

  public record Definition(String key, String name, int version) {}

  private final ApplicationContext beans;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final DeployedForms deployedForms;
  private final ElementTemplates templates;
  private final TransactionTemplate rolledBack;
  private volatile PlaybookBeans offered;

  public PlaybookCheck(ApplicationContext beans, RepositoryService repository, IdentityService identity,
      DeployedForms deployedForms, ElementTemplates templates, PlatformTransactionManager transactions) {
    this.beans = beans;
    this.repository = repository;
    this.identity = identity;
    this.deployedForms = deployedForms;
    this.templates = templates;
    this.rolledBack = new TransactionTemplate(transactions);
  }

  /** The files' names and sizes are within what the studio takes; else 400 naming the file. */
  public static void checkFiles(Map<String, byte[]> files) {
    List<FieldError> errors = new ArrayList<>();
    if (files.isEmpty()) {
      errors.add(new FieldError("files", "drop at least one .bpmn, .dmn or .form file"));
    }
    if (files.size() > MAX_FILES) {
      errors.add(new FieldError("files", "at most " + MAX_FILES + " files at once"));
    }
    long total = 0;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      total += file.getValue().length;
      if (!FILE_NAME.matcher(file.getKey()).matches()) {
        errors.add(new FieldError("files", "the name '" + printable(file.getKey()) + "' is not a file name the studio"
            + " deploys: letters, digits, spaces, dots, dashes, underscores and brackets, up to 120"));
      }
      if (file.getValue().length > MAX_FILE_BYTES) {
        errors.add(new FieldError("files", file.getKey() + " is larger than " + MAX_FILE_BYTES / 1024 + " KB"));
      }
    }
    if (total > MAX_TOTAL_BYTES) {
      errors.add(new FieldError("files", "the files together are larger than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MB"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /** Checks the files as a deployment would, with the forms they show; changes nothing. */
  public Result check(Map<String, byte[]> files) {
    return checked(files).result();
  }

  /** What a check found, and the deployment it checked: the files with the deployed forms they show. */
  private record Checked(Result result, Map<String, byte[]> deployment) {}

  private Checked checked(Map<String, byte[]> files) {
    checkFiles(files);
    Map<String, byte[]> sorted = new TreeMap<>(files);
    Map<String, BpmnModelInstance> models = new LinkedHashMap<>();
    List<Playbook> playbooks = new ArrayList<>();
    sorted.forEach((name, content) -> {
      if (isBpmn(name)) {
        try {
          BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
          models.put(name, model);
          Process process = model.getModelElementsByType(Process.class).stream().findFirst().orElse(null);
          Map<String, String> steps = new LinkedHashMap<>();
          model.getModelElementsByType(FlowElement.class).forEach(element -> {
            String readable = StepNames.readable(element.getName());
            if (readable != null && element.getId() != null) {
              steps.put(element.getId(), readable);
            }
          });
          playbooks.add(new Playbook(name, process == null ? null : process.getId(), process == null ? null : process.getName(),
              steps));
        } catch (RuntimeException unreadable) {
          // The validator says why; the page draws nothing for it.
          playbooks.add(new Playbook(name, null, null, Map.of()));
        }
      }
    });

    List<FormUse> forms = forms(sorted, models);
    Map<String, byte[]> deployment = withDeployedForms(sorted, forms);
    List<PlaybookProblem> problems = new ArrayList<>(validator().validate(deployment));
    // A form that is nowhere: the validator names the elements that look it up in their deployment;
    // the others (binding "latest" or a version) are named here.
    for (FormUse form : forms) {
      if (form.found() == Found.MISSING) {
        form.shownBy().stream().filter(element -> !form.inDeployment().contains(element))
            .forEach(element -> problems.add(new PlaybookProblem(resourceOf(models, element), element,
                "shows the form '" + form.formId() + "', which is neither among the dropped files nor deployed: drop "
                    + form.formId() + ".form with the playbook")));
      }
    }
    models.forEach((name, model) -> problems.addAll(startMessagesTaken(name, model)));
    models.forEach((name, model) -> problems.addAll(PlaybookLint.lint(name, model)));
    if (problems.isEmpty()) {
      problems.addAll(dryRun(deployment));
    }
    List<ElementTemplates.Note> notes = new ArrayList<>();
    models.forEach((name, model) -> notes.addAll(templates.notes(name, model)));
    return new Checked(new Result(List.copyOf(sorted.keySet()), playbooks, forms, problems, notes), deployment);
  }

  /**
   * Deploys the files with the forms they show, as the person (so the engine records who deployed
   * and checks that they may); the same files twice make one deployment.
   */
  public Deployed deploy(Map<String, byte[]> files, String userId, List<String> groupIds) {
    Checked checked = checked(files);
    Result result = checked.result();
    if (!result.clean()) {
      throw new Rejected(result);
    }
    identity.setAuthentication(userId, groupIds);
    try {
      // The same set again deploys nothing; a set with one file changed deploys every file again, so
      // that a playbook's forms bound to its deployment (formRefBinding="deployment") go with it.
      // (With true, "deploy changed only", a new version of the playbook would leave its unchanged
      // forms behind, and the engine would refuse it.)
      DeploymentWithDefinitions deployed = builder(checked.deployment()).enableDuplicateFiltering(false)
          .deployWithResult();
      List<Definition> definitions = deployed.getDeployedProcessDefinitions() == null ? List.of()
          : deployed.getDeployedProcessDefinitions().stream()
              .map(d -> new Definition(d.getKey(), d.getName(), d.getVersion())).toList();
      boolean duplicate = definitions.isEmpty() && !result.playbooks().isEmpty();
      if (duplicate) {
        definitions = repository.createProcessDefinitionQuery().deploymentId(deployed.getId()).list().stream()
            .map(d -> new Definition(d.getKey(), d.getName(), d.getVersion())).toList();
      }
      return new Deployed(deployed.getId(), duplicate, definitions);
    } catch (ProcessEngineException e) {
      throw new Rejected(new Result(result.files(), result.playbooks(), result.forms(), problems(e), result.notes()));
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The set could not be deployed; the problems say why. */
  public static final class Rejected extends RuntimeException {
    private final transient Result result;

    Rejected(Result result) {
      super("the playbook files have problems: " + result.problems());
      this.result = result;
    }

    public Result result() {
      return result;
    }
  }

  private DeploymentBuilder builder(Map<String, byte[]> deployment) {
    String named = SOURCE + ": " + String.join(", ", new TreeSet<>(deployment.keySet()));
    DeploymentBuilder builder = repository.createDeployment()
        // The engine keeps 255 characters of a deployment's name; a playbook with several deployed forms
        // (their resource names are paths) has more, and the whole deployment would fail on it.
        .name(named.length() > DEPLOYMENT_NAME ? named.substring(0, DEPLOYMENT_NAME - 1) + "…" : named)
        .source(SOURCE);
    deployment.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
    return builder;
  }

  /** The engine's own reading of the set (its parser, message subscriptions, our validator), undone at once. */
  private List<PlaybookProblem> dryRun(Map<String, byte[]> deployment) {
    List<PlaybookProblem> problems = new ArrayList<>();
    rolledBack.executeWithoutResult(status -> {
      status.setRollbackOnly();
      try {
        builder(deployment).deploy();
      } catch (ProcessEngineException e) {
        problems.addAll(problems(e));
      }
    });
    return problems;
  }

  private static List<PlaybookProblem> problems(ProcessEngineException e) {
    List<PlaybookProblem> problems = new ArrayList<>();
    if (e instanceof ParseException parse && parse.getResorceReports() != null) {
      parse.getResorceReports().forEach(report -> report.getErrors().forEach(problem -> problems.add(
          new PlaybookProblem(report.getResourceName(), problem.getMainElementId(), problem.getMessage()))));
    }
    if (problems.isEmpty()) {
      problems.add(new PlaybookProblem(null, null, "The engine refused the deployment: " + e.getMessage()));
    }
    return problems;
  }

  /**
   * The engine lets one playbook start on a message: a copy of a shipped playbook that still starts
   * on its message is refused at deployment. Said here on the start event, in words.
   */
  private List<PlaybookProblem> startMessagesTaken(String resource, BpmnModelInstance model) {
    List<PlaybookProblem> problems = new ArrayList<>();
    // The playbooks that start on each message, asked once per message.
    Map<String, List<String>> startingOn = new LinkedHashMap<>();
    List<String> sent = PlaybookValidationPlugin.sentMessages(beans);
    for (Process process : model.getModelElementsByType(Process.class)) {
      for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
        start.getEventDefinitions().stream()
            .filter(definition -> definition instanceof MessageEventDefinition message && message.getMessage() != null
                && message.getMessage().getName() != null)
            .map(definition -> ((MessageEventDefinition) definition).getMessage().getName())
            // Only the application's and the triggers' messages start playbooks (the validator refuses the others).
            .filter(sent::contains)
            .forEach(message -> startingOn.computeIfAbsent(message, m -> repository.createProcessDefinitionQuery()
                    .messageEventSubscriptionName(m).list().stream().map(ProcessDefinition::getKey).distinct().toList())
                .stream().filter(key -> !key.equals(process.getId()))
                .forEach(other -> problems.add(new PlaybookProblem(resource, start.getId(),
                    PlaybookValidator.describe(start) + " starts on the message '" + message + "', which the playbook '"
                        + other + "' already starts on: the engine starts one playbook on a message. Make it a start"
                        + " by hand (a start event without a message) or start it from another playbook"))));
      }
    }
    return problems;
  }

  /** Each form the dropped playbooks show (camunda:formRef), and where it was found. */
  private List<FormUse> forms(Map<String, byte[]> files, Map<String, BpmnModelInstance> models) {
    Map<String, List<String>> shownBy = new LinkedHashMap<>();
    Map<String, List<String>> inDeployment = new LinkedHashMap<>();
    models.values().forEach(model -> {
      model.getModelElementsByType(UserTask.class).forEach(task -> shows(shownBy, inDeployment, task.getCamundaFormRef(),
          task.getCamundaFormRefBinding(), task.getId()));
      model.getModelElementsByType(StartEvent.class).forEach(start -> shows(shownBy, inDeployment,
          start.getCamundaFormRef(), start.getCamundaFormRefBinding(), start.getId()));
    });
    Map<String, String> dropped = new LinkedHashMap<>();
    files.forEach((name, content) -> {
      if (name.toLowerCase(Locale.ROOT).endsWith(".form")) {
        String id = PlaybookForms.read(name, content).id();
        if (id != null) {
          dropped.putIfAbsent(id, name);
        }
      }
    });
    Map<String, DeployedForms.Deployed> deployed = new LinkedHashMap<>();
    deployedForms.newest(shownBy.keySet().stream().filter(id -> !dropped.containsKey(id)).toList())
        .forEach(form -> deployed.put(form.formId(), form));
    List<FormUse> forms = new ArrayList<>();
    shownBy.forEach((formId, elements) -> {
      List<String> own = inDeployment.getOrDefault(formId, List.of());
      if (dropped.containsKey(formId)) {
        forms.add(new FormUse(formId, elements, Found.DROPPED, dropped.get(formId), null, null, own));
      } else if (deployed.containsKey(formId)) {
        DeployedForms.Deployed form = deployed.get(formId);
        forms.add(new FormUse(formId, elements, Found.DEPLOYED, form.resourceName(), form.version(), form.deploymentId(),
            own));
      } else {
        forms.add(new FormUse(formId, elements, Found.MISSING, null, null, null, own));
      }
    });
    return forms;
  }

  private static void shows(Map<String, List<String>> shownBy, Map<String, List<String>> inDeployment, String formRef,
      String binding, String elementId) {
    if (formRef != null && !formRef.isBlank() && !PlaybookExpressions.isExpression(formRef)) {
      shownBy.computeIfAbsent(formRef, f -> new ArrayList<>()).add(elementId);
      if ("deployment".equals(binding)) {
        inDeployment.computeIfAbsent(formRef, f -> new ArrayList<>()).add(elementId);
      }
    }
  }

  /** The dropped files and the newest deployed version of each form they show but do not hold. */
  private Map<String, byte[]> withDeployedForms(Map<String, byte[]> files, List<FormUse> forms) {
    Map<String, byte[]> deployment = new TreeMap<>(files);
    for (FormUse form : forms) {
      if (form.found() != Found.DEPLOYED) {
        continue;
      }
      String name = form.resource();
      // A dropped file of the same name (another form) keeps its name; the deployed form gets its id's.
      if (deployment.containsKey(name)) {
        name = "forms/" + form.formId() + ".form";
      }
      try (InputStream content = repository.getResourceAsStream(form.deploymentId(), form.resource())) {
        deployment.putIfAbsent(name, content.readAllBytes());
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the deployed form " + form.resource(), e);
      }
    }
    return deployment;
  }

  private static String resourceOf(Map<String, BpmnModelInstance> models, String elementId) {
    return models.entrySet().stream().filter(e -> e.getValue().getModelElementById(elementId) != null)
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  private PlaybookValidator validator() {
    if (offered == null) {
      offered = PlaybookBeans.of(beans);
    }
    return new PlaybookValidator(offered, beans::containsBean,
        group -> Groups.TEAMS.contains(group) || identity.createGroupQuery().groupId(group).count() > 0,
        PlaybookValidationPlugin.sentMessages(beans));
  }

  private static boolean isBpmn(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml");
  }

  private static String printable(String name) {
    String cleaned = name.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() > 60 ? cleaned.substring(0, 60) + "…" : cleaned;
  }
}
