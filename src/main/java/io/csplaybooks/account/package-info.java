/** Accounts: the modules it may use are declared here, and ModulesTest holds it to them. */
@ApplicationModule(displayName = "Accounts", allowedDependencies = {"common", "playbook", "security"})
package io.csplaybooks.account;

import org.springframework.modulith.ApplicationModule;
