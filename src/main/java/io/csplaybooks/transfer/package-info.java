/**
 * Book transfer: a CS manager moves accounts from one CSM to another with a handover note; open
 * tasks and renewal ownership follow. The modules it may use are declared here, and ModulesTest
 * holds it to them.
 */
@ApplicationModule(displayName = "Book transfer",
    allowedDependencies = {"account", "common", "playbook", "renewal", "security"})
package io.csplaybooks.transfer;

import org.springframework.modulith.ApplicationModule;
