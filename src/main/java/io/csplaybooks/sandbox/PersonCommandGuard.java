package io.csplaybooks.sandbox;

import io.csplaybooks.playbook.PlaybookForms;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateJobCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateJobDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendJobCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendJobDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

/**
 * What a person (a user of Tasklist, Cockpit or {@code /engine-rest}) may do to a running playbook
 * besides what the engine's authorizations allow. A person's click sets the fields of the form they
 * submit, and nothing else: the ids a playbook works on, its gateway variables and everything its
 * steps write cannot be forged through the REST API. A person does not send business events
 * (messages and signals), move a playbook to another step or start it in the middle; the
 * application's steps and API do. When and whether a job runs (executing it, its due date and
 * priority, suspending or deleting jobs, retries in a batch) is for administrators too; a CS
 * manager retries a failed job of a playbook ({@link PlaybookSandboxPlugin.PlaybookCommandChecker})
 * and suspends its instance. Administrators are exempt, for repairs.
 *
 * <p>How it knows: the command a person sends runs with their authentication and outside any
 * execution of the model. Variables written at that level come from the request; variables written
 * while the engine executes the model (steps, listeners, mappings) come from the playbook. The
 * first are collected from the engine's history events and must all be fields of the form of the
 * task the command completes or updates, or of the start form of the playbook it starts.
 */
final class PersonCommandGuard {

  /** Commands that send events into playbooks or move them: the application does these itself. */
  private static final List<Class<?>> APPLICATION_ONLY = List.of(AbstractCorrelateMessageCmd.class,
      CorrelateAllMessageBatchCmd.class, MessageEventReceivedCmd.class, SignalEventReceivedCmd.class, SignalCmd.class,
      EvaluateStartConditionCmd.class, StartProcessInstanceAtActivitiesCmd.class, ModifyProcessInstanceCmd.class,
      ModifyProcessInstanceAsyncCmd.class, ProcessInstanceModificationCmd.class,
      ProcessInstanceModificationBatchCmd.class, AbstractRestartProcessInstanceCmd.class,
      RestartProcessInstancesBatchCmd.class, SetProcessDefinitionVersionCmd.class,
      SetVariablesToProcessInstancesBatchCmd.class);

  /**
   * Commands that decide when or whether jobs run, in the person's words: for administrators. The
   * engine checks most of them against the playbook's permissions only, and jobs of no playbook
   * (the history cleanup, batches) not at all. Suspending a playbook's instance suspends its jobs
   * inside the engine's own command, which does not pass here, so a CS manager still may. Retries
   * in a batch run later in the job executor with nobody's permissions, on the jobs collected now.
   * A refused execution must not count as a failure of the job (see {@code FailedJobListener} below).
   */
  private static final Map<Class<?>, String> ADMINISTRATOR_ONLY = Map.ofEntries(
      Map.entry(ExecuteJobsCmd.class, "execute a job"),
      Map.entry(SetJobDuedateCmd.class, "change a job's due date"),
      Map.entry(RecalculateJobDuedateCmd.class, "recalculate a job's due date"),
      Map.entry(SetJobPriorityCmd.class, "change a job's priority"),
      Map.entry(SetJobDefinitionPriorityCmd.class, "change the priority of a job definition's jobs"),
      Map.entry(DeleteJobCmd.class, "delete a job"),
      Map.entry(DeleteJobsCmd.class, "delete jobs"),
      Map.entry(UnlockJobCmd.class, "unlock a job"),
      Map.entry(SuspendJobCmd.class, "suspend jobs"),
      Map.entry(ActivateJobCmd.class, "activate jobs"),
      Map.entry(SuspendJobDefinitionCmd.class, "suspend a job definition"),
      Map.entry(ActivateJobDefinitionCmd.class, "activate a job definition"),
      Map.entry(AbstractSetJobsRetriesBatchCmd.class, "set the retries of jobs in a batch"));

  /** What a CS manager does instead of changing a job, in every refusal of a job command. */
  static final String INSTEAD = "a CS manager retries a failed job of a playbook (its incident in Cockpit) and"
      + " suspends or activates the playbook's instance instead";

  /**
   * What a form submits: text, numbers, dates, yes or no, nothing, and JSON (Tasklist's dynamic
   * lists), by the engine's serializer names. Java objects, XML, bytes and files a person may not
   * set, even in a form's field: a playbook step reads a form's values, and a field's value
   * deserialized into a class the person names is not a value it reads.
   */
  private static final Set<String> FORM_VALUE_TYPES = Set.of("null", "string", "boolean", "short", "integer", "long",
      "double", "date", "json");

  /** The person's command on this thread, while it runs. */
  private static final ThreadLocal<PersonCommand> CURRENT = new ThreadLocal<>();

  /** Form fields by the task or start event that shows the form (a deployed form never changes). */
  private final Map<String, Set<String>> fields = new ConcurrentHashMap<>();

  private static final class PersonCommand {
    final String userId;
    final Set<String> written = new TreeSet<>();
    final Set<String> allowed = new TreeSet<>();
    /** Written with a value the person may not give it, whatever the form says. */
    final Set<String> forged = new TreeSet<>();
    /** Written with a value of a type no form submits: "name (type)". */
    final Set<String> notFormValues = new TreeSet<>();

    /** The command starts a playbook (whose instance it keys, if it gives a business key). */
    final boolean starts;
    /** Whether the start of the instance the command starts has been seen. */
    boolean startSeen;

    PersonCommand(String userId, boolean starts) {
      this.userId = userId;
      this.starts = starts;
    }
  }

  /** Runs inside the command context, so a refusal rolls back whatever the command did. */
  CommandInterceptor interceptor() {
    return new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        if (CURRENT.get() != null || Context.getCoreExecutionContext() != null) {
          // A command the application or the engine runs inside a person's command or a playbook.
          return next.execute(command);
        }
        String person = person(Context.getCommandContext());
        if (person == null) {
          return next.execute(command);
        }
        if (command instanceof FailedJobListener) {
          // ManagementService.executeJob records any exception of the execution as the job's
          // failure, a refusal too: it would count the job's retries down and, by the retry cycle,
          // move its due date to the next try (a timer due in two weeks would fire in five minutes;
          // three refusals would stop the history cleanup). A person executes no job, so there is
          // no failure of theirs to record.
          return null;
        }
        for (Class<?> type : APPLICATION_ONLY) {
          if (type.isInstance(command)) {
            throw new AuthorizationException("User '" + person + "' may not " + what(command)
                + ": the application sends business events and moves playbooks itself; only an administrator"
                + " may do it by hand");
          }
        }
        for (Map.Entry<Class<?>, String> type : ADMINISTRATOR_ONLY.entrySet()) {
          if (type.getKey().isInstance(command)) {
            throw new AuthorizationException("User '" + person + "' may not " + type.getValue()
                + ": when and whether a job runs is for administrators (it would move a playbook on, stop it,"
                + " or stop the history cleanup); " + INSTEAD);
          }
        }
        PersonCommand current = new PersonCommand(person,
            command instanceof StartProcessInstanceCmd || command instanceof SubmitStartFormCmd);
        CURRENT.set(current);
        try {
          T result = next.execute(command);
          if (!current.notFormValues.isEmpty()) {
            throw new AuthorizationException("User '" + person + "' may not set " + String.join(", ", current.notFormValues)
                + ": a form's fields hold text, numbers, dates, yes or no, and JSON lists, not objects, XML, bytes"
                + " or files");
          }
          current.written.removeAll(current.allowed);
          current.written.addAll(current.forged);
          if (!current.written.isEmpty()) {
            throw new AuthorizationException("User '" + person + "' may not set " + String.join(", ", current.written)
                + ": a person sets only the fields of the form of the task they complete, or of the start form"
                + " of the playbook they start; the playbook's ids and decisions come from the application");
          }
          return result;
        } finally {
          CURRENT.remove();
        }
      }
    };
  }

  /** Collects the variables a person's command writes by itself (not while the model runs). */
  HistoryEventHandler variableWrites() {
    return new HistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        PersonCommand current = CURRENT.get();
        if (current != null && event instanceof HistoricVariableUpdateEventEntity variable
            && Context.getCoreExecutionContext() == null) {
          current.written.add(variable.getVariableName());
          String type = variable.getSerializerName();
          if (type != null && !FORM_VALUE_TYPES.contains(type)
              && !HistoryEventTypes.VARIABLE_INSTANCE_DELETE.getEventName().equals(variable.getEventType())) {
            current.notFormValues.add(variable.getVariableName() + " (" + type + ")");
          }
        }
      }

      @Override
      public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
      }
    };
  }

  /** Allows the fields of the form of each task completed or updated, and of each start form, in a person's command. */
  AbstractBpmnParseListener formFields() {
    TaskListener taskForm = task -> {
      // A task without a Camunda Form lets the person set nothing. Asking the engine for its form
      // anyway would fail inside this command and mark the person's whole transaction for rollback.
      if (task.getBpmnModelElementInstance().getCamundaFormRef() == null) {
        return;
      }
      allow(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
          fixed(task.getBpmnModelElementInstance().getCamundaFormRefBinding()),
          () -> task.getProcessEngineServices().getFormService().getDeployedTaskForm(task.getId()));
    };
    ExecutionListener startForm = execution -> {
      PersonCommand current = CURRENT.get();
      if (current == null || !(execution.getBpmnModelElementInstance() instanceof StartEvent start)) {
        return;
      }
      if (start.getCamundaFormRef() != null) {
        allow(execution.getProcessDefinitionId() + "#" + start.getId(), fixed(start.getCamundaFormRefBinding()),
            () -> execution.getProcessEngineServices().getFormService().getDeployedStartForm(
                execution.getProcessDefinitionId()));
      }
      // Business events reach a playbook by its business key, the account's id, and set its account:
      // a playbook a person starts is keyed by nobody (the application keys those it starts).
      // Only the instance the person's command starts, whose start comes first: the playbooks its steps
      // then start for an account (by a business event) are keyed by the application.
      if (current.starts && !current.startSeen && start.getParentElement() instanceof Process) {
        current.startSeen = true;
        if (execution.getProcessBusinessKey() != null) {
          current.forged.add("the business key");
        }
      }
      // The engine writes the initiator itself; the person may not name someone else.
      String initiator = start.getCamundaInitiator();
      if (initiator != null) {
        if (current.userId.equals(execution.getVariable(initiator))) {
          current.allowed.add(initiator);
        } else {
          current.forged.add(initiator);
        }
      }
    };
    return new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        var task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, taskForm);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, taskForm);
      }

      @Override
      public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, startForm);
      }
    };
  }

  private void allow(String showsForm, boolean fixed, Supplier<InputStream> form) {
    PersonCommand current = CURRENT.get();
    if (current == null) {
      return;
    }
    current.allowed.addAll(fixed ? fields.computeIfAbsent(showsForm, key -> read(form)) : read(form));
  }

  /** A form bound to the playbook's deployment or a version stays the same; "latest" may change. */
  private static boolean fixed(String binding) {
    return "deployment".equals(binding) || "version".equals(binding);
  }

  private static Set<String> read(Supplier<InputStream> form) {
    try (InputStream content = form.get()) {
      return content == null ? Set.of() : PlaybookForms.settable(content.readAllBytes());
    } catch (IOException | RuntimeException noForm) {
      // No Camunda Form (or none deployed): the person may set nothing.
      return Set.of();
    }
  }

  /** The person behind the command, or null for the application, the job executor and administrators. */
  static String person(CommandContext command) {
    if (command == null) {
      return null;
    }
    Authentication authentication = command.getAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return null;
    }
    return command.getAuthorizationManager().isCamundaAdmin(authentication) ? null : authentication.getUserId();
  }

  private static String what(Command<?> command) {
    return PlaybookValidator.words(command.getClass().getSimpleName().replace("Cmd", "")).toLowerCase(Locale.ROOT);
  }
}
