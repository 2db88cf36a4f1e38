package io.csplaybooks.playbook;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The one sender of business events ({@link PlaybookEvent}) between playbooks, as BPMN messages. A
 * playbook announces what happened ("OnboardingCompleted"); whichever playbooks listen start or
 * continue, and one that is not deployed yet simply does not hear it, so a playbook's BPMN does not
 * change when a new listener arrives. Every playbook that a message starts has an async boundary
 * right after its start, so the sender's transaction does not run the listener's steps.
 */
@Component
public class PlaybookEvents {

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final RunningPlaybooks running;
  private final List<AccountPlaybooks> otherwiseKeyed;

  public PlaybookEvents(RuntimeService runtime, RepositoryService repository, RunningPlaybooks running,
      List<AccountPlaybooks> otherwiseKeyed) {
    this.runtime = runtime;
    this.repository = repository;
    this.running = running;
    this.otherwiseKeyed = otherwiseKeyed;
  }

  /**
   * Delivers the event about one account to every playbook of that account that waits for it, and
   * starts every playbook that begins with it; none at all is fine.
   */
  public int publish(PlaybookEvent event, AccountId account, Map<String, Object> variables) {
    List<MessageCorrelationResult> results = runtime.createMessageCorrelation(event.message())
        .processInstanceBusinessKey(account.businessKey())
        .setVariables(withAccount(account, variables))
        .correlateAllWithResult();
    Set<String> told = new HashSet<>();
    results.forEach(result -> told.add(result.getExecution() != null ? result.getExecution().getProcessInstanceId()
        : result.getProcessInstance().getId()));
    int delivered = results.size();
    for (String instance : otherwiseKeyedListeners(event, account)) {
      if (told.add(instance)) {
        delivered += tellAll(event, instance, account, variables);
      }
    }
    return delivered;
  }

  /** The same, for the account's playbooks other than the sender's own instance (which is ending). */
  public int publishToOthers(PlaybookEvent event, AccountId account, String senderInstanceId,
      Map<String, Object> variables) {
    int delivered = 0;
    Set<String> others = new LinkedHashSet<>(runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(account.businessKey()).active().list().stream().map(ProcessInstance::getId).toList());
    others.addAll(otherwiseKeyedListeners(event, account));
    for (String instance : others) {
      if (!instance.equals(senderInstanceId)) {
        delivered += tellAll(event, instance, account, variables);
      }
    }
    return delivered;
  }

  private List<String> otherwiseKeyedListeners(PlaybookEvent event, AccountId account) {
    return otherwiseKeyed.stream().filter(playbooks -> event.heardBy().contains(playbooks.playbook()))
        .flatMap(playbooks -> playbooks.runningInstances(account).stream()).toList();
  }

  private int tellAll(PlaybookEvent event, String instance, AccountId account, Map<String, Object> variables) {
    return runtime.createMessageCorrelation(event.message())
        .processInstanceId(instance)
        .setVariables(withAccount(account, variables))
        .correlateAllWithResult()
        .size();
  }

  /**
   * Whether any playbook listens for the declared event now: one deployed to start on it, or one
   * running that waits for it. Nobody listening, nothing need be sent (a trigger's figures still count).
   */
  public boolean anyListens(String message) {
    return runtime.createEventSubscriptionQuery().eventType("message").eventName(message).count() > 0;
  }

  /**
   * A declared event ({@link DeclaredEvents}: a CS manager's trigger fired for the account): delivered to
   * every playbook of the account that waits for it, and starting the playbook that begins with it
   * unless one of that playbook already runs for the account (a trigger that fires again for an account
   * whose play from last time still runs does not give it a second). A message start keeps its async
   * boundary (the validator holds every playbook to it), so the sender's transaction runs no steps.
   *
   * @return the playbooks told or started
   */
  public int publishDeclared(String message, AccountId account, Map<String, Object> variables) {
    if (PlaybookEvent.messages().contains(message)) {
      throw new IllegalArgumentException(message + " is the application's own event: publish it as a PlaybookEvent");
    }
    Map<String, Object> all = withAccount(account, variables);
    int delivered = 0;
    Set<String> waiting = new LinkedHashSet<>();
    runtime.createExecutionQuery().messageEventSubscriptionName(message).processInstanceBusinessKey(account.businessKey())
        .list().forEach(execution -> waiting.add(execution.getProcessInstanceId()));
    for (String instance : waiting) {
      delivered += runtime.createMessageCorrelation(message).processInstanceId(instance).setVariables(all)
          .correlateAllWithResult().size();
    }
    for (ProcessDefinition starting : repository.createProcessDefinitionQuery().messageEventSubscriptionName(message)
        .list()) {
      boolean runs = runtime.createProcessInstanceQuery().processDefinitionKey(starting.getKey())
          .processInstanceBusinessKey(account.businessKey()).count() > 0;
      if (!runs) {
        runtime.createMessageCorrelation(message).processInstanceBusinessKey(account.businessKey())
            .processDefinitionId(starting.getId()).setVariables(all).correlateStartMessage();
        delivered++;
      }
    }
    return delivered;
  }

  /** The event to one running playbook (another alarm joins the open save play). */
  public void tell(PlaybookEvent event, String processInstanceId, Map<String, Object> variables) {
    runtime.createMessageCorrelation(event.message())
        .processInstanceId(processInstanceId)
        .setVariables(variables)
        .correlate();
  }

  /** Starts the one playbook that begins with the event, under the business key given (a contract's handoff). */
  public ProcessInstance start(PlaybookEvent event, String businessKey, Map<String, Object> variables) {
    return runtime.createMessageCorrelation(event.message())
        .processInstanceBusinessKey(businessKey)
        .setVariables(variables)
        .correlateStartMessage();
  }

  /**
   * Starts the account's playbook that begins with the event unless one runs already. The database
   * decides ({@link RunningPlaybooks}), so two starts at once on two nodes give one playbook.
   */
  public boolean startOnce(String playbook, PlaybookEvent event, AccountId account, Map<String, Object> variables) {
    if (!running.claim(playbook, account.businessKey())) {
      return false;
    }
    ProcessInstance instance = start(event, account.businessKey(), withAccount(account, variables));
    running.attach(playbook, account.businessKey(), instance.getId());
    return true;
  }

  private static Map<String, Object> withAccount(AccountId account, Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(variables);
    all.put(AccountId.VARIABLE, account.value());
    return all;
  }
}
