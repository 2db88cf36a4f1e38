/** Playbook sandbox: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Playbook sandbox", allowedDependencies = {"common", "playbook", "security"})
package io.csplaybooks.sandbox;

import org.springframework.modulith.ApplicationModule;
