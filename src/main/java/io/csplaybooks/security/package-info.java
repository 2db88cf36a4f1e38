/** Security: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Security", allowedDependencies = {"common"})
package io.csplaybooks.security;

import org.springframework.modulith.ApplicationModule;
