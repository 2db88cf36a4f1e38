/** Churn intervention: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Churn intervention",
    allowedDependencies = {"account", "common", "onboarding", "playbook", "security"})
package io.csplaybooks.intervention;

import org.springframework.modulith.ApplicationModule;
