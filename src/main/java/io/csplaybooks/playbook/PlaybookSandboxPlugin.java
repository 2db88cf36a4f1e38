package io.csplaybooks.playbook;

import io.csplaybooks.common.EnginePlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.ArtifactFactory;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The engine, run so that a deployed playbook reaches only the application's steps, whatever the
 * file says: expressions resolve only the offered beans ({@link SandboxedExpressionManager}), no
 * script engine exists, no Java class is instantiated from a playbook ({@code camunda:class}, the
 * mail and shell task types), objects in variables deserialize only into plain JSON types, and a
 * person's commands keep to {@link PersonCommandGuard}. Deleting a deployment or playbook that
 * still has running accounts is for administrators. The deploy-time validator says all this to the
 * CS manager first; this is the second line.
 */
@Component
public class PlaybookSandboxPlugin extends EnginePlugin {

  private final ApplicationContext beans;

  public PlaybookSandboxPlugin(ApplicationContext beans) {
    this.beans = beans;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    PlaybookBeans offered = PlaybookBeans.of(beans);
    configuration.setExpressionManager(new SandboxedExpressionManager(offered, name -> beans.getBean(offered.beanName(name))));
    configuration.setScriptEngineResolver(new NoScriptEngines());
    configuration.setArtifactFactory(new NoClasses());
    configuration.setDeserializationTypeValidationEnabled(true);
    // Read when a deletion is checked: the starter names the deployment after this plugin has run.
    Supplier<String> applicationDeployment = () -> configuration instanceof SpringTransactionsProcessEngineConfiguration spring
        ? spring.getDeploymentName() : null;
    configuration.setCommandCheckers(new ArrayList<>(List.of(new TenantCommandChecker(),
        new RunningPlaybooksChecker(applicationDeployment))));

    PersonCommandGuard guard = new PersonCommandGuard();
    addPostCommandInterceptor(configuration, guard::interceptor);
    configuration.getCustomHistoryEventHandlers().add(guard.variableWrites());
    configuration.setCustomPreBPMNParseListeners(append(configuration.getCustomPreBPMNParseListeners(), guard.formFields()));
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // The guard learns what a person's command wrote from the engine's variable history.
    if (!configuration.getHistoryLevel().isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, null)) {
      throw new ProcessEngineException("History level '" + configuration.getHistoryLevel().getName()
          + "' records no variable changes; playbooks need 'audit' or 'full' (camunda.bpm.history-level)");
    }
  }

  /** Scripts (script tasks, listeners, conditions, decision tables in JavaScript or Groovy) find no engine. */
  static final class NoScriptEngines implements ScriptEngineResolver {
    private final ScriptEngineManager none = new ScriptEngineManager(null) {
      @Override
      public ScriptEngine getEngineByName(String shortName) {
        return null;
      }
    };

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
      // No script engine is ever registered.
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
      return none;
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
      return null;
    }
  }

  /** camunda:class, camunda:type="mail" or "shell", variable mapping classes: the engine creates no class. */
  static final class NoClasses implements ArtifactFactory {
    @Override
    public <T> T getArtifact(Class<T> type) {
      throw new ProcessEngineException("Playbooks call the application's steps by name; the class '"
          + type.getName() + "' is not one of them");
    }
  }

  /**
   * The engine's authorization checks, and one more: a deployment or playbook definition that still
   * has running accounts is deleted only by an administrator (a cascading delete would end every
   * customer's play without a trace).
   */
  static final class RunningPlaybooksChecker extends AuthorizationCommandChecker {

    /** The name of the deployment the application makes of bpmn/ and forms/ at start-up. */
    private final Supplier<String> applicationDeployment;

    RunningPlaybooksChecker(Supplier<String> applicationDeployment) {
      this.applicationDeployment = applicationDeployment;
    }

    @Override
    public void checkDeleteDeployment(String deploymentId) {
      super.checkDeleteDeployment(deploymentId);
      refuse("Deployment " + deploymentId, query -> query.deploymentId(deploymentId),
          definitions -> definitions.deploymentId(deploymentId));
    }

    @Override
    public void checkDeleteProcessDefinitionById(String processDefinitionId) {
      super.checkDeleteProcessDefinitionById(processDefinitionId);
      refuse("Playbook definition " + processDefinitionId, query -> query.processDefinitionId(processDefinitionId),
          definitions -> definitions.processDefinitionId(processDefinitionId));
    }

    @Override
    public void checkDeleteProcessDefinitionByKey(String processDefinitionKey) {
      super.checkDeleteProcessDefinitionByKey(processDefinitionKey);
      refuse("Playbook " + processDefinitionKey, query -> query.processDefinitionKey(processDefinitionKey),
          definitions -> definitions.processDefinitionKey(processDefinitionKey));
    }

    /**
     * Refused for a person who is not an administrator while accounts still run in it, and for the
     * playbooks the application deploys itself (deleting them would stop every new handoff).
     */
    private void refuse(String what, Consumer<ProcessInstanceQueryImpl> instances,
        Consumer<ProcessDefinitionQueryImpl> definitions) {
      CommandContext command = Context.getCommandContext();
      Authentication user = command.getAuthentication();
      if (user == null || user.getUserId() == null || command.getAuthorizationManager().isCamundaAdmin(user)) {
        return;
      }
      ProcessInstanceQueryImpl running = new ProcessInstanceQueryImpl();
      instances.accept(running);
      long count = command.runWithoutAuthorization(
          () -> command.getExecutionManager().findProcessInstanceCountByQueryCriteria(running));
      if (count > 0) {
        throw new AuthorizationException(what + " still has " + count + " running playbook"
            + (count == 1 ? "" : "s") + ": only an administrator may delete it; move the accounts to another"
            + " version first (POST /api/playbooks/{key}/migrations)");
      }
      ProcessDefinitionQueryImpl deployed = new ProcessDefinitionQueryImpl();
      definitions.accept(deployed);
      boolean application = command.runWithoutAuthorization(() -> command.getProcessDefinitionManager()
          .findProcessDefinitionsByQueryCriteria(deployed, null).stream()
          .map(definition -> command.getDeploymentManager().findDeploymentById(definition.getDeploymentId()))
          .anyMatch(deployment -> deployment != null && deployment.getName() != null
              && deployment.getName().equals(applicationDeployment.get())));
      if (application) {
        throw new AuthorizationException(what + " holds playbooks the application deploys itself: only an"
            + " administrator may delete it; deploy a new version instead");
      }
    }
  }
}
