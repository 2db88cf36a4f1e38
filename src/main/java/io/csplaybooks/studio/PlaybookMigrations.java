package io.csplaybooks.studio;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.springframework.stereotype.Service;

/**
 * Moves accounts already in a play to another version of it. The plan maps every step that exists
 * in both versions (same id) where an account can wait; accounts waiting in a step the new version
 * no longer has stay where they are and are reported, so that a CS manager sees them before
 * confirming.
 *
 * <p>A step is gone when the new version has no element with its id. The engine's plan leaves out
 * more than those: steps nobody waits in (a service task without an async boundary, a decision)
 * have nothing to move, so they have no instruction, yet they are still there. They are neither
 * reported as gone nor do they hold anyone back; a step in both versions that the engine cannot move
 * an account from (its type changed, say) is reported apart, with the accounts waiting in it.
 */
@Service
class PlaybookMigrations {

  public record Request(Integer fromVersion, Integer toVersion, Boolean confirm) {}

  public record Instruction(List<String> from, List<String> to) {}

  /** A step of the old version and how many accounts wait in it. */
  public record UnmappedStep(String activityId, String name, long waitingInstances) {}

  /**
   * @param unmappedSteps the steps of the old version the new one no longer has (no element with their
   *     id), whether or not anyone waits in them
   * @param unmovableSteps steps both versions have, where accounts wait that the engine cannot move
   * @param addedSteps the ids of the steps only the new version has, in its document order
   */
  public record Report(String key, int fromVersion, int toVersion, boolean confirmed, List<Instruction> instructions,
      List<UnmappedStep> unmappedSteps, List<UnmappedStep> unmovableSteps, List<String> addedSteps, long instances,
      long migratable, long blocked, long migrated) {}

  private final RepositoryService repository;
  private final RuntimeService runtime;

  public PlaybookMigrations(RepositoryService repository, RuntimeService runtime) {
    this.repository = repository;
    this.runtime = runtime;
  }

  public Report migrate(String key, Request request) {
    if (repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
      throw new NotFoundException("no playbook " + key);
    }
    List<FieldError> errors = new ArrayList<>();
    ProcessDefinition source = version(key, "fromVersion", request == null ? null : request.fromVersion(), errors);
    ProcessDefinition target = version(key, "toVersion", request == null ? null : request.toVersion(), errors);
    if (source != null && target != null && source.getId().equals(target.getId())) {
      errors.add(new FieldError("toVersion", "must differ from fromVersion"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    boolean confirm = Boolean.TRUE.equals(request.confirm());

    MigrationPlan plan;
    try {
      plan = runtime.createMigrationPlan(source.getId(), target.getId())
          .mapEqualActivities()
          .updateEventTriggers()
          .build();
    } catch (MigrationPlanValidationException e) {
      List<FieldError> failures = new ArrayList<>();
      e.getValidationReport().getInstructionReports().forEach(report -> report.getFailures().forEach(failure ->
          failures.add(new FieldError("toVersion", "step " + report.getMigrationInstruction().getSourceActivityId()
              + " cannot move to version " + target.getVersion() + ": " + failure))));
      throw new InvalidInputException(failures);
    }

    Set<String> mapped = new HashSet<>();
    List<Instruction> instructions = new ArrayList<>();
    for (MigrationInstruction instruction : plan.getInstructions()) {
      mapped.add(instruction.getSourceActivityId());
      instructions.add(new Instruction(List.of(instruction.getSourceActivityId()), List.of(instruction.getTargetActivityId())));
    }

    List<UnmappedStep> unmapped = new ArrayList<>();
    List<UnmappedStep> unmovable = new ArrayList<>();
    Set<String> blockedIds = new LinkedHashSet<>();
    BpmnModelInstance newer = repository.getBpmnModelInstance(target.getId());
    Collection<FlowNode> nodes = repository.getBpmnModelInstance(source.getId()).getModelElementsByType(FlowNode.class);
    Set<String> older = new HashSet<>();
    for (FlowNode node : nodes) {
      older.add(node.getId());
      boolean waitable = node instanceof Activity || node instanceof IntermediateCatchEvent;
      if (!waitable || mapped.contains(node.getId())) {
        continue;
      }
      List<String> waiting = runtime.createProcessInstanceQuery().processDefinitionId(source.getId())
          .activityIdIn(node.getId()).list().stream().map(ProcessInstance::getId).toList();
      blockedIds.addAll(waiting);
      boolean gone = !(newer.getModelElementById(node.getId()) instanceof FlowNode);
      if (gone) {
        unmapped.add(new UnmappedStep(node.getId(), node.getName(), waiting.size()));
      } else if (!waiting.isEmpty()) {
        unmovable.add(new UnmappedStep(node.getId(), node.getName(), waiting.size()));
      }
    }
    List<String> added = newer.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
        .filter(id -> !older.contains(id)).toList();

    List<String> all = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list().stream()
        .map(ProcessInstance::getId).toList();
    List<String> migratable = all.stream().filter(id -> !blockedIds.contains(id)).toList();
    long migrated = 0;
    if (confirm && !migratable.isEmpty()) {
      try {
        runtime.newMigration(plan).processInstanceIds(migratable).execute();
        migrated = migratable.size();
      } catch (MigratingProcessInstanceValidationException e) {
        // Nothing was migrated: the migration is one transaction.
        List<FieldError> failures = new ArrayList<>();
        e.getValidationReport().getFailures().forEach(f -> failures.add(new FieldError("confirm", f)));
        e.getValidationReport().getActivityInstanceReports().forEach(r -> r.getFailures().forEach(f ->
            failures.add(new FieldError("confirm", "step " + r.getSourceScopeId() + ": " + f))));
        throw new InvalidInputException(failures);
      }
    }
    return new Report(key, source.getVersion(), target.getVersion(), confirm, instructions, unmapped, unmovable, added,
        all.size(), migratable.size(), blockedIds.size(), migrated);
  }

  private ProcessDefinition version(String key, String field, Integer version, List<FieldError> errors) {
    if (version == null) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .processDefinitionVersion(version).singleResult();
    if (definition == null) {
      errors.add(new FieldError(field, "playbook " + key + " has no version " + version));
    }
    return definition;
  }
}
