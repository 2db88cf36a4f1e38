/** Onboarding: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Onboarding",
    allowedDependencies = {"account", "common", "handoff", "playbook", "security"})
package io.csplaybooks.onboarding;

import org.springframework.modulith.ApplicationModule;
