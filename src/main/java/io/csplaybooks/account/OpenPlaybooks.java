package io.csplaybooks.account;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/** The playbooks running for an account: every process instance that carries its accountId. */
@Service
public class OpenPlaybooks {

  public record OpenTask(String taskId, String name, String assignee, Date due) {}

  public record Playbook(String processInstanceId, String playbook, String name, int version, String businessKey,
      List<OpenTask> openTasks) {}

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final TaskService tasks;

  public OpenPlaybooks(RuntimeService runtime, RepositoryService repository, TaskService tasks) {
    this.runtime = runtime;
    this.repository = repository;
    this.tasks = tasks;
  }

  public List<Playbook> of(long accountId) {
    List<ProcessInstance> instances = runtime.createProcessInstanceQuery()
        .variableValueEquals("accountId", accountId)
        .list();
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
