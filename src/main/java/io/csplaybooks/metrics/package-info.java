/** Metrics: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Metrics", allowedDependencies = {"account", "common", "renewal", "security"})
package io.csplaybooks.metrics;

import org.springframework.modulith.ApplicationModule;
