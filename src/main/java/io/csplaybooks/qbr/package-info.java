/** QBR cycle: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "QBR cycle",
    allowedDependencies = {"account", "common", "feedback", "health", "notify", "onboarding", "playbook"})
package io.csplaybooks.qbr;

import org.springframework.modulith.ApplicationModule;
