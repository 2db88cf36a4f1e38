/** Advocacy: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Advocacy", allowedDependencies = {"account", "common", "intervention", "playbook"})
package io.csplaybooks.advocacy;

import org.springframework.modulith.ApplicationModule;
