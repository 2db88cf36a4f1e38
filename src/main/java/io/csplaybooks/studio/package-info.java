/** Playbook studio: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Playbook studio",
    allowedDependencies = {"common", "playbook", "sandbox", "security", "workspace"})
package io.csplaybooks.studio;

import org.springframework.modulith.ApplicationModule;
