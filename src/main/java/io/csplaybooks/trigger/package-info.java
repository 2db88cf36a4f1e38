/**
 * Triggers a CS manager declares in words: named events sent to an account's playbooks when what they
 * watch starts to hold (health, score, usage, NPS, renewal, contact, stakeholders), once per episode.
 * They read the other modules' data through their doors; the quiet churn play is theirs too.
 */
@ApplicationModule(displayName = "Triggers",
    allowedDependencies = {"account", "common", "health", "playbook", "renewal", "security", "workspace"})
package io.csplaybooks.trigger;

import org.springframework.modulith.ApplicationModule;
