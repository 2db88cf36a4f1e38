/** Health scores: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Health scores", allowedDependencies = {"account", "common", "playbook", "security"})
package io.csplaybooks.health;

import org.springframework.modulith.ApplicationModule;
