/** Step kit: a shared module every capability may use. */
@ApplicationModule(displayName = "Step kit", allowedDependencies = {"common"})
package io.csplaybooks.playbook;

import org.springframework.modulith.ApplicationModule;
