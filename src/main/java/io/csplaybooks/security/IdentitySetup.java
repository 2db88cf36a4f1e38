package io.csplaybooks.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The teams, what each may do, and their Tasklist filters. Runs at every start and only adds what
 * is missing, so permissions an administrator changed in Camunda Admin stay as they are; it takes
 * away only what earlier versions granted and the engine now refuses anyway, so that Camunda Admin
 * shows what a team can do.
 */
@Component
@Order(0)
public class IdentitySetup implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  private static final Map<String, String> TEAM_NAMES = Map.of(
      Groups.CS_MANAGERS, "CS managers",
      Groups.CS, "Customer success",
      Groups.SALES, "Sales",
      Groups.ENGINEERING, "Engineering",
      Groups.PRODUCT, "Product");

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;

  public IdentitySetup(IdentityService identity, AuthorizationService authorizations, FilterService filters,
      TaskService tasks) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    Groups.TEAMS.forEach(team -> ensureGroup(team, TEAM_NAMES.get(team), "WORKFLOW"));
    for (String team : Groups.TEAMS) {
      grant(team, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Tasklist shows names of people, teams and playbooks.
      grant(team, Resources.USER, "*", Permissions.READ);
      grant(team, Resources.GROUP, "*", Permissions.READ);
      grant(team, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    }
    // Sales starts the handoff by hand from Tasklist when no CRM webhook does.
    grant(Groups.SALES, Resources.PROCESS_DEFINITION, "sales-handoff", ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(Groups.SALES, Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);
    // CS managers run the playbooks: they deploy new versions, watch them in Cockpit, fix incidents,
    // reassign work and move accounts between versions. Deleting a deployment that still has running
    // playbooks, ending a customer's playbook, changing when or whether a job runs and managing users,
    // groups and permissions are for administrators (PlaybookSandboxPlugin, PersonCommandGuard).
    for (ManagerGrant manager : CS_MANAGERS) {
      limit(Groups.CS_MANAGERS, manager.resource(), manager.permissions());
    }
    // Earlier versions let cs-managers set job retries in a batch; the batch runs later with nobody's
    // permissions, so the engine now refuses it to everyone but administrators.
    revoke(Groups.CS_MANAGERS, Resources.BATCH, "*", BatchPermissions.CREATE_BATCH_SET_JOB_RETRIES);
    grant(Groups.CS_MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    ensureFilters();
  }

  /** What cs-managers may do in the engine, by resource (on every resource id). */
  record ManagerGrant(Resource resource, Permission... permissions) {}

  static final List<ManagerGrant> CS_MANAGERS = List.of(
      new ManagerGrant(Resources.DEPLOYMENT, Permissions.CREATE, Permissions.READ, Permissions.DELETE),
      new ManagerGrant(Resources.PROCESS_DEFINITION, ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
          ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_TASK_VARIABLE,
          ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
          ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB,
          ProcessDefinitionPermissions.SUSPEND_INSTANCE, ProcessDefinitionPermissions.MIGRATE_INSTANCE,
          ProcessDefinitionPermissions.UPDATE_TASK, ProcessDefinitionPermissions.TASK_ASSIGN,
          ProcessDefinitionPermissions.TASK_WORK),
      new ManagerGrant(Resources.PROCESS_INSTANCE, ProcessInstancePermissions.READ, ProcessInstancePermissions.UPDATE,
          ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.SUSPEND),
      new ManagerGrant(Resources.TASK, TaskPermissions.READ, TaskPermissions.READ_VARIABLE, TaskPermissions.UPDATE,
          TaskPermissions.TASK_ASSIGN, TaskPermissions.TASK_WORK),
      new ManagerGrant(Resources.HISTORIC_TASK, HistoricTaskPermissions.READ, HistoricTaskPermissions.READ_VARIABLE),
      new ManagerGrant(Resources.HISTORIC_PROCESS_INSTANCE, HistoricProcessInstancePermissions.READ),
      new ManagerGrant(Resources.DECISION_DEFINITION, Permissions.READ, Permissions.READ_HISTORY),
      new ManagerGrant(Resources.DECISION_REQUIREMENTS_DEFINITION, Permissions.READ),
      new ManagerGrant(Resources.BATCH, BatchPermissions.READ, BatchPermissions.READ_HISTORY,
          BatchPermissions.CREATE_BATCH_MIGRATE_PROCESS_INSTANCES));

  /**
   * The group gets these permissions on every id of the resource. A grant of ALL, as earlier
   * versions gave cs-managers, is narrowed to them; a grant an administrator tailored stays.
   */
  void limit(String groupId, Resource resource, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId("*").singleResult();
    if (existing != null && existing.isEveryPermissionGranted()) {
      authorizations.deleteAuthorization(existing.getId());
      LOG.info("Narrowed {}'s permissions on {} from ALL", groupId, resource.resourceName());
    }
    grant(groupId, resource, "*", permissions);
  }

  /** Takes the permission out of the group's grant on the resource id, if it has one. */
  void revoke(String groupId, Resource resource, String resourceId, Permission permission) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
    if (existing != null && existing.isPermissionGranted(permission)) {
      existing.removePermission(permission);
      authorizations.saveAuthorization(existing);
      LOG.info("Took {} on {} away from {}: the engine refuses it to all but administrators", permission.getName(),
          resource.resourceName(), groupId);
    }
  }

  public void ensureGroup(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
      LOG.info("Created group {}", id);
    }
  }

  /** Adds the permissions to the group's grant on the resource, creating the grant if needed. */
  public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
    Authorization grant = existing;
    if (grant == null) {
      grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      grant.setGroupId(groupId);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission permission : permissions) {
      if (!grant.isPermissionGranted(permission)) {
        grant.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(grant);
    }
  }

  private void ensureFilters() {
    // Task-local labels (TaskAccountLabelsPlugin), so everyone who sees the task sees whose it is.
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("accountName", "Account");
    variables.put("contractId", "Contract");
    ensureFilter("My tasks", -10, "Tasks assigned to me",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), variables, List.of());
    ensureFilter("CS team", 0, "Open tasks of the customer success team",
        tasks.createTaskQuery().taskCandidateGroup(Groups.CS).includeAssignedTasks(), variables,
        List.of(Groups.CS, Groups.CS_MANAGERS));
    ensureFilter("CS managers", 5, "Reviews and escalations for CS managers",
        tasks.createTaskQuery().taskCandidateGroup(Groups.CS_MANAGERS).includeAssignedTasks(), variables,
        List.of(Groups.CS_MANAGERS));
    ensureFilter("Sales", 10, "Handoff briefs and sales follow-ups",
        tasks.createTaskQuery().taskCandidateGroup(Groups.SALES).includeAssignedTasks(), variables,
        List.of(Groups.SALES, Groups.CS_MANAGERS));
    ensureFilter("Engineering", 20, "Technical setup and bugs from customers",
        tasks.createTaskQuery().taskCandidateGroup(Groups.ENGINEERING).includeAssignedTasks(), variables,
        List.of(Groups.ENGINEERING, Groups.CS_MANAGERS));
    ensureFilter("Product", 30, "Feature gaps and feedback from customers",
        tasks.createTaskQuery().taskCandidateGroup(Groups.PRODUCT).includeAssignedTasks(), variables,
        List.of(Groups.PRODUCT, Groups.CS_MANAGERS));
  }

  private void ensureFilter(String name, int priority, String description, TaskQuery query,
      Map<String, String> variables, List<String> readers) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("priority", priority);
    properties.put("description", description);
    properties.put("refresh", true);
    properties.put("variables", variables.entrySet().stream()
        .map(v -> Map.of("name", v.getKey(), "label", v.getValue())).toList());
    Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
    filters.saveFilter(filter);
    if (readers.isEmpty()) {
      Authorization everyone = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
      everyone.setUserId(Authorization.ANY);
      everyone.setResource(Resources.FILTER);
      everyone.setResourceId(filter.getId());
      everyone.addPermission(Permissions.READ);
      authorizations.saveAuthorization(everyone);
    } else {
      readers.forEach(group -> grant(group, Resources.FILTER, filter.getId(), Permissions.READ));
    }
    LOG.info("Created Tasklist filter '{}'", name);
  }
}
