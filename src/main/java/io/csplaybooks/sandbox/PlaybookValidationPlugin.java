package io.csplaybooks.sandbox;

import io.csplaybooks.playbook.DeclaredEvents;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.security.Groups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Validates every new deployment before the engine accepts it ({@link PlaybookValidator}), whichever way it comes: the
 * Modeler's Deploy button (POST /engine-rest/deployment/create), the application's own deployment
 * at start-up, or code. A broken playbook is refused as a whole with a parse error that names each
 * element and problem; the REST API answers 400 with them and the Modeler shows them.
 */
@Component
public class PlaybookValidationPlugin extends AbstractProcessEnginePlugin {

  /** The most one file of a deployment, and all its files together, may hold: the studio's limits, on every way in. */
  public static final int MAX_FILE_BYTES = 1024 * 1024;
  public static final int MAX_TOTAL_BYTES = 8 * 1024 * 1024;

  private final ApplicationContext beans;
  private volatile PlaybookBeans offered;

  public PlaybookValidationPlugin(ApplicationContext beans) {
    this.beans = beans;
  }

  /** What the application offers to playbooks; its bean definitions are complete once the engine deploys. */
  private PlaybookBeans offered() {
    if (offered == null) {
      offered = PlaybookBeans.of(beans);
    }
    return offered;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(new ValidatingDeployer());
  }

  private final class ValidatingDeployer implements Deployer {

    @Override
    public void deploy(DeploymentEntity deployment) {
      // The engine also "deploys" old deployments into its cache after a restart: those were
      // accepted once and stay as they are.
      if (!deployment.isNew()) {
        return;
      }
      Map<String, byte[]> resources = new LinkedHashMap<>();
      for (ResourceEntity resource : deployment.getResources().values()) {
        resources.put(resource.getName(), resource.getBytes());
      }
      List<PlaybookProblem> oversized = oversized(resources);
      if (!oversized.isEmpty()) {
        throw rejection(oversized);
      }
      CommandContext command = Context.getCommandContext();
      PlaybookValidator validator = new PlaybookValidator(offered(),
          // containsBean: at start-up the beans are defined but not all created yet.
          beans::containsBean,
          group -> groupExists(command, group),
          sentMessages(beans));
      List<PlaybookProblem> problems = validator.validate(resources);
      if (!problems.isEmpty()) {
        throw rejection(problems);
      }
    }
  }

  /**
   * The messages a playbook may wait for: the application's own events and those people declared
   * ({@link DeclaredEvents}: the CS managers' triggers), read at each deployment so a trigger declared a
   * minute ago counts.
   */
  public static List<String> sentMessages(ApplicationContext beans) {
    List<String> messages = new ArrayList<>(PlaybookEvent.messages());
    beans.getBeansOfType(DeclaredEvents.class).values().forEach(declared -> declared.declared().forEach(event -> {
      if (!messages.contains(event.message())) {
        messages.add(event.message());
      }
    }));
    return messages;
  }

  /**
   * Whatever path a deployment came by (the studio, the engine's REST API, the Modeler), its files
   * are within the studio's limits before anything parses them.
   */
  static List<PlaybookProblem> oversized(Map<String, byte[]> resources) {
    List<PlaybookProblem> problems = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
      total += resource.getValue().length;
      if (resource.getValue().length > MAX_FILE_BYTES) {
        problems.add(new PlaybookProblem(resource.getKey(), null,
            "the file is larger than " + MAX_FILE_BYTES / 1024 + " KB"));
      }
    }
    if (total > MAX_TOTAL_BYTES) {
      problems.add(new PlaybookProblem(resources.keySet().iterator().next(), null,
          "the files together are larger than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MB"));
    }
    return problems;
  }

  /** The teams exist from the first start on (IdentitySetup creates them after the first deployment). */
  private static boolean groupExists(CommandContext command, String group) {
    if (Groups.TEAMS.contains(group)) {
      return true;
    }
    // Whether a group exists does not depend on whether the deploying user may read it.
    return command.runWithoutAuthorization(() ->
        command.getReadOnlyIdentityProvider().createGroupQuery().groupId(group).count() > 0);
  }

  static ParseException rejection(List<PlaybookProblem> problems) {
    String message = "The playbook was not deployed: " + problems.stream()
        .map(PlaybookProblem::toString).collect(Collectors.joining("; "));
    Map<String, List<Problem>> byResource = new LinkedHashMap<>();
    problems.forEach(p -> byResource.computeIfAbsent(p.resource(), r -> new ArrayList<>()).add(new DeploymentProblem(p)));
    return new PlaybookRejectedException(message, byResource);
  }

  /** A parse error, so that the REST API answers 400 with every problem by resource and element. */
  static final class PlaybookRejectedException extends ParseException {

    PlaybookRejectedException(String message, Map<String, List<Problem>> byResource) {
      super(message, byResource.keySet().iterator().next(), List.of(), List.of());
      resorceReports = byResource.entrySet().stream()
          .map(e -> (ResourceReport) new Report(e.getKey(), e.getValue()))
          .toList();
    }
  }

  private record Report(String resource, List<Problem> errors) implements ResourceReport {
    @Override
    public String getResourceName() {
      return resource;
    }

    @Override
    public List<Problem> getErrors() {
      return errors;
    }

    @Override
    public List<Problem> getWarnings() {
      return List.of();
    }
  }

  private record DeploymentProblem(PlaybookProblem problem) implements Problem {
    @Override
    public String getMessage() {
      return problem.message();
    }

    @Override
    public int getLine() {
      return 0;
    }

    @Override
    public int getColumn() {
      return 0;
    }

    @Override
    public String getMainElementId() {
      return problem.elementId();
    }

    @Override
    public List<String> getElementIds() {
      return problem.elementId() == null ? List.of() : List.of(problem.elementId());
    }
  }
}
