/**
 * Task priority: how urgent each open task is, from its account's ARR and health and its due date
 * (the decision table {@code bpmn/task-priority.dmn}), kept in the engine's task priority. The
 * modules it may use are declared here, and ModulesTest holds it to them.
 */
@ApplicationModule(displayName = "Task priority", allowedDependencies = {"account", "common", "health", "playbook"})
package io.csplaybooks.priority;

import org.springframework.modulith.ApplicationModule;
