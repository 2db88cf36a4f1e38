/** Common: a shared module every capability may use. */
@ApplicationModule(displayName = "Common", allowedDependencies = {})
package io.csplaybooks.common;

import org.springframework.modulith.ApplicationModule;
