package io.csplaybooks.workspace;

import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Service;

/**
 * Who holds each open task: its assignee, else the teams that may claim it (its candidate groups),
 * as the account page shows them, so nobody mistakes a colleague's or a queue's task for their own.
 */
@Service
class TaskOwners {

  /** A task and its owner: a person ({@code assignee}, with their name) and/or the teams that may claim it. */
  record Owned(WorkspaceTasks.OpenTask task, String assignee, String assigneeName, List<String> teams) {}

  private final TaskService tasks;
  private final People people;

  TaskOwners(TaskService tasks, People people) {
    this.tasks = tasks;
    this.people = people;
  }

  /** The tasks with their owners; one query a task (an account has a handful open). */
  List<Owned> of(List<WorkspaceTasks.OpenTask> open) {
    Map<String, String> names = new HashMap<>();
    return open.stream().map(task -> {
      List<String> teams = tasks.getIdentityLinksForTask(task.id()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).sorted().toList();
      String name = task.assignee() == null ? null : names.computeIfAbsent(task.assignee(),
          id -> people.find(id).map(Person::displayName).orElse(id));
      return new Owned(task, task.assignee(), name, teams);
    }).toList();
  }
}
