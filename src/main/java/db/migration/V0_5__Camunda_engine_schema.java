package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The engine's own tables, created by a migration step before the engine starts (it depends on
 * Flyway), from the SQL scripts that ship in the engine's jar, so that production runs with
 * {@code camunda.bpm.database.schema-update: false} (the postgres profile). A database that has the
 * engine's tables already (made by an earlier version of the app) is left as it is; Flyway records
 * this step as ignored there. Upgrading the engine's schema to a new Camunda version stays a step
 * of its own, with Camunda's upgrade scripts (docs/operators.md).
 */
public class V0_5__Camunda_engine_schema extends BaseJavaMigration {

  /** In the order the engine creates them itself. */
  static final List<String> COMPONENTS = List.of("engine", "history", "identity", "case.engine", "case.history",
      "decision.engine", "decision.history");

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (hasTable(connection.getMetaData(), "ACT_GE_PROPERTY")) {
      return;
    }
    String database = databaseType(connection.getMetaData().getDatabaseProductName());
    for (String component : COMPONENTS) {
      ScriptUtils.executeSqlScript(connection, new ClassPathResource(
          "org/camunda/bpm/engine/db/create/activiti." + database + ".create." + component + ".sql"));
    }
  }

  private static boolean hasTable(DatabaseMetaData metaData, String table) throws SQLException {
    for (String name : List.of(table, table.toLowerCase(Locale.ROOT))) {
      try (ResultSet tables = metaData.getTables(null, null, name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String databaseType(String product) {
    String name = product.toLowerCase(Locale.ROOT);
    if (name.contains("postgres")) {
      return "postgres";
    }
    if (name.contains("h2")) {
      return "h2";
    }
    throw new IllegalStateException("no Camunda schema scripts for " + product + ": the app runs on PostgreSQL or H2");
  }
}
