/** Workspace: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Workspace",
    allowedDependencies = {"account", "activity", "common", "feedback", "health", "metrics", "onboarding", "playbook",
        "priority", "qbr", "sandbox", "security", "transfer"})
package io.csplaybooks.workspace;

import org.springframework.modulith.ApplicationModule;
