/** Voice of the customer: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Voice of the customer", allowedDependencies = {"account", "common", "playbook"})
package io.csplaybooks.feedback;

import org.springframework.modulith.ApplicationModule;
