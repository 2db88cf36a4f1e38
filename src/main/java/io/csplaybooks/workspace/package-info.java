/** Workspace: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Workspace",
    allowedDependencies = {"account", "common", "feedback", "health", "metrics", "onboarding", "playbook", "qbr",
        "sandbox", "security"})
package io.csplaybooks.workspace;

import org.springframework.modulith.ApplicationModule;
