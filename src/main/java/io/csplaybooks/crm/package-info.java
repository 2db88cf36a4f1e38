/**
 * CRM intake (closed deals) and write-back (what the CRM shows of a customer): the modules it may use
 * are declared here, and ModulesTest holds it to them.
 */
@ApplicationModule(displayName = "CRM intake and write-back",
    allowedDependencies = {"account", "common", "handoff", "health", "renewal", "security"})
package io.csplaybooks.crm;

import org.springframework.modulith.ApplicationModule;
