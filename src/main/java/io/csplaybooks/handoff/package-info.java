/** Sales handoff: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Sales handoff",
    allowedDependencies = {"account", "common", "notify", "playbook", "security"})
package io.csplaybooks.handoff;

import org.springframework.modulith.ApplicationModule;
