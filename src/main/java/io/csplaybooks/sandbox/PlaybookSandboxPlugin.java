package io.csplaybooks.sandbox;

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
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
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
 * still has running accounts, and changing when or whether a job runs, is for administrators
 * ({@link PlaybookCommandChecker}). The deploy-time validator says all this to the CS manager first;
 * this is the second line.
 */
@Component
class PlaybookSandboxPlugin extends EnginePlugin {

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
        new PlaybookCommandChecker(applicationDeployment))));

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
   * The engine's authorization checks, and what only an administrator may do besides, whatever path
   * the command comes by ({@code /engine-rest}, Cockpit's {@code /camunda/api/engine}, a service
   * call with a person's authentication):
   * <ul>
   *   <li>delete a deployment or playbook definition that still has running accounts (a cascading
   *       delete would end every customer's play without a trace);</li>
   *   <li>change a job: execute it, change its due date or priority, delete it (a timer executed or
   *       moved early starts the escalation it waits for; one moved ten years on never comes), and
   *       anything on a job of no playbook (the history cleanup, batches), which the engine does not
   *       check at all;</li>
   *   <li>set the retries of a job that has not failed: new retries of 0 stop it, a due date with
   *       them runs it early. A CS manager retries a failed job of a playbook, as Cockpit's incident
   *       retry does, with the engine's permission to retry its jobs.</li>
   * </ul>
   * The same job commands are refused by their class in {@link PersonCommandGuard} too, before they
   * start; these checks hold for any command that asks the engine about a job.
   */
  static final class PlaybookCommandChecker extends AuthorizationCommandChecker {

    /** The name of the deployment the application makes of bpmn/ and forms/ at start-up. */
    private final Supplier<String> applicationDeployment;

    PlaybookCommandChecker(Supplier<String> applicationDeployment) {
      this.applicationDeployment = applicationDeployment;
    }

    @Override
    public void checkUpdateJob(JobEntity job) {
      String person = person();
      if (person != null) {
        throw new AuthorizationException("User '" + person + "' may not change " + describe(job)
            + ": executing a job, changing its due date or priority and deleting it are for administrators; "
            + PersonCommandGuard.INSTEAD);
      }
      super.checkUpdateJob(job);
    }

    @Override
    public void checkUpdateRetriesJob(JobEntity job) {
      String person = person();
      if (person != null && job.getProcessDefinitionKey() == null) {
        throw noPlaybook(person, "set the retries of " + describe(job));
      }
      super.checkUpdateRetriesJob(job);
      if (person != null && job.getRetries() > 0) {
        throw new AuthorizationException("User '" + person + "' may not set the retries of " + describe(job)
            + ": it has not failed (" + job.getRetries() + " retries left), and new retries or a due date would"
            + " stop it or run it early; a CS manager retries a job once it has failed (its incident in Cockpit),"
            + " an administrator may change any job");
      }
    }

    @Override
    public void checkUpdateRetriesProcessInstanceByProcessDefinitionId(String processDefinitionId) {
      String person = person();
      if (person != null && processDefinitionId == null) {
        throw noPlaybook(person, "set the retries of the jobs of a job definition");
      }
      super.checkUpdateRetriesProcessInstanceByProcessDefinitionId(processDefinitionId);
    }

    @Override
    public void checkReadJob(JobEntity job) {
      String person = person();
      if (person != null && job.getProcessDefinitionKey() == null) {
        throw noPlaybook(person, "read " + describe(job));
      }
      super.checkReadJob(job);
    }

    /**
     * The person whose command asks, unless the engine checks nothing here (a step of its own
     * command run without authorization): null for the application, the job executor and
     * administrators.
     */
    private static String person() {
      CommandContext command = Context.getCommandContext();
      return command == null || !command.isAuthorizationCheckEnabled() ? null : PersonCommandGuard.person(command);
    }

    private static AuthorizationException noPlaybook(String person, String what) {
      return new AuthorizationException("User '" + person + "' may not " + what + ": it belongs to no playbook"
          + " (the history cleanup, a batch), and such jobs are for administrators only");
    }

    private static String describe(JobEntity job) {
      return "job " + job.getId() + (job.getProcessDefinitionKey() == null ? "" : " of playbook '"
          + job.getProcessDefinitionKey() + "'");
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
