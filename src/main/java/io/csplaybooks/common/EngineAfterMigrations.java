package io.csplaybooks.common;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * The process engine starts after the database migrations (Flyway), which create its tables in
 * production (db.migration.V0_5__Camunda_engine_schema). Registered in META-INF/spring.factories.
 */
public class EngineAfterMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngineConfiguration.class);
  }
}
