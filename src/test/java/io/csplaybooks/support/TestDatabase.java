package io.csplaybooks.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The integration tests' PostgreSQL database, created afresh once per test run. Where it lives
 * comes from the environment (CSP_TEST_PG_URL, CSP_TEST_PG_USER, CSP_TEST_PG_PASSWORD,
 * CSP_TEST_PG_DATABASE); the defaults fit a local server with trust authentication.
 */
public final class TestDatabase {

  static final String SERVER = env("CSP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = env("CSP_TEST_PG_USER", "postgres");
  static final String PASSWORD = env("CSP_TEST_PG_PASSWORD", "");
  static final String NAME = env("CSP_TEST_PG_DATABASE", "cs_playbooks_test");

  private static boolean created;

  private TestDatabase() {}

  public static synchronized String url() {
    if (!created) {
      recreate(NAME);
      created = true;
    }
    return SERVER + NAME;
  }

  /**
   * A database of its own beside the tests' one (its name plus the suffix), created afresh, for a
   * test that runs whole application nodes outside the test JVM.
   */
  public static String recreateSibling(String suffix) {
    String name = NAME + suffix;
    recreate(name);
    return SERVER + name;
  }

  /** The server's JDBC URL without a database, to connect to another one (postgres, for administration). */
  public static String serverUrl() {
    return SERVER;
  }

  public static String user() {
    return USER;
  }

  public static String password() {
    return PASSWORD;
  }

  private static void recreate(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalStateException("CSP_TEST_PG_DATABASE must be a plain lower-case name, was " + name);
    }
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("The integration tests need PostgreSQL at " + SERVER + " as user " + USER
          + " (" + e.getMessage() + "). Start it (see README) or set CSP_TEST_PG_URL, CSP_TEST_PG_USER and"
          + " CSP_TEST_PG_PASSWORD.", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
