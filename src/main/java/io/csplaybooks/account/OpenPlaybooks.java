package io.csplaybooks.account;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.AccountPlaybooks;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * The playbooks running for an account. Every account playbook has the account id as business key;
 * a handoff has its contract id, and the handoff table knows its process instance. (A query by the
 * accountId variable would read every accountId variable in the engine: no index on values.)
 */
@Service
public class OpenPlaybooks {

  public record OpenTask(String taskId, String name, String assignee, Date due) {}

  public record Playbook(String processInstanceId, String playbook, String name, int version, String businessKey,
      List<OpenTask> openTasks) {}

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final TaskService tasks;

  private final List<AccountPlaybooks> otherwiseKeyed;

  public OpenPlaybooks(RuntimeService runtime, RepositoryService repository, TaskService tasks,
      List<AccountPlaybooks> otherwiseKeyed) {
    this.runtime = runtime;
    this.repository = repository;
    this.tasks = tasks;
    this.otherwiseKeyed = otherwiseKeyed;
  }

  public List<Playbook> of(long accountId) {
    List<ProcessInstance> instances = new ArrayList<>(runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(accountId))
        .list());
    // The playbooks keyed otherwise (the handoff, by its contract) say which of theirs are the account's.
    Set<String> handoffs = new HashSet<>();
    otherwiseKeyed.forEach(playbooks -> handoffs.addAll(playbooks.runningInstances(AccountId.of(accountId))));
    // A playbook keyed by the account that also says it is the account's (the expansion handoff) is
    // listed once.
    instances.forEach(instance -> handoffs.remove(instance.getId()));
    if (!handoffs.isEmpty()) {
      instances.addAll(runtime.createProcessInstanceQuery().processInstanceIds(handoffs).list());
    }
    return instances.stream().map(instance -> {
      ProcessDefinition definition = repository.getProcessDefinition(instance.getProcessDefinitionId());
      List<OpenTask> open = tasks.createTaskQuery().processInstanceId(instance.getId()).orderByTaskCreateTime().asc()
          .list().stream()
          .map(t -> new OpenTask(t.getId(), t.getName(), t.getAssignee(), t.getDueDate()))
          .toList();
      return new Playbook(instance.getId(), definition.getKey(), definition.getName(), definition.getVersion(),
          instance.getBusinessKey(), open);
    }).toList();
  }
}
