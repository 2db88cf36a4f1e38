/** Renewal: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Renewal",
    allowedDependencies = {"account", "common", "health", "intervention", "playbook"})
package io.csplaybooks.renewal;

import org.springframework.modulith.ApplicationModule;
