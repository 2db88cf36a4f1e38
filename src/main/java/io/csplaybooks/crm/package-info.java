/** CRM intake: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "CRM intake", allowedDependencies = {"common", "handoff", "security"})
package io.csplaybooks.crm;

import org.springframework.modulith.ApplicationModule;
