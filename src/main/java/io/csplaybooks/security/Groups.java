package io.csplaybooks.security;

import java.util.List;

/** The teams the playbooks route work to. */
public final class Groups {

  public static final String CS_MANAGERS = "cs-managers";
  public static final String CS = "cs";
  public static final String SALES = "sales";
  public static final String ENGINEERING = "engineering";
  public static final String PRODUCT = "product";
  /** Camunda's own administrators' group, created by the starter for the admin user. */
  public static final String CAMUNDA_ADMIN = "camunda-admin";
  /** Group type of the CS pods that the assign-csm decision table names. */
  public static final String POD_TYPE = "pod";

  public static final List<String> TEAMS = List.of(CS_MANAGERS, CS, SALES, ENGINEERING, PRODUCT);

  private Groups() {}
}
