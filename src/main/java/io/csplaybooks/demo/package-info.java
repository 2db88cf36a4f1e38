/** Demo: the demo profile's people, portfolio and year of work; it may use every module. */
@ApplicationModule(displayName = "Demo")
package io.csplaybooks.demo;

import org.springframework.modulith.ApplicationModule;
