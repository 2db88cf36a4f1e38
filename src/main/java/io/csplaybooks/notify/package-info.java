/** Notifications: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Notifications", allowedDependencies = {"common", "priority", "security"})
package io.csplaybooks.notify;

import org.springframework.modulith.ApplicationModule;
