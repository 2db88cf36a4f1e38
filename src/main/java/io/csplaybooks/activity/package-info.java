/**
 * A CSM's work with the customer beside the playbooks: activities (notes, calls, meetings and emails,
 * typed on the account page or sent by a CRM or a calendar), one-off tasks given to a person or a
 * team, and plays started by hand. The modules it may use are declared here, and ModulesTest holds
 * it to them.
 */
@ApplicationModule(displayName = "Activities and plays by hand",
    allowedDependencies = {"account", "common", "health", "intervention", "playbook", "qbr", "security"})
package io.csplaybooks.activity;

import org.springframework.modulith.ApplicationModule;
