package io.csplaybooks.studio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The newest deployed version of each Camunda Form by its id, from the engine's form definitions. */
@Repository
class DeployedForms {

  /** Where the newest version of a form lives: its deployment and the resource's name in it. */
  public record Deployed(String formId, int version, String deploymentId, String resourceName) {}

  private static final String NEWEST = """
      select f.KEY_ as form_id, f.VERSION_ as version_, f.DEPLOYMENT_ID_ as deployment_id, f.RESOURCE_NAME_ as resource_name
        from ACT_RE_CAMFORMDEF f
       where f.KEY_ in (:ids) and f.TENANT_ID_ is null
         and f.VERSION_ = (select max(g.VERSION_) from ACT_RE_CAMFORMDEF g where g.KEY_ = f.KEY_ and g.TENANT_ID_ is null)
      """;

  private final JdbcClient jdbc;

  public DeployedForms(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Deployed> newest(Collection<String> formIds) {
    List<String> ids = List.copyOf(formIds);
    List<Deployed> found = new ArrayList<>();
    // A few hundred ids a statement: a file may name thousands, a statement takes at most 32,767 values.
    for (int from = 0; from < ids.size(); from += BATCH) {
      found.addAll(jdbc.sql(NEWEST).param("ids", ids.subList(from, Math.min(ids.size(), from + BATCH)))
          .query((rs, n) -> new Deployed(rs.getString("form_id"), rs.getInt("version_"), rs.getString("deployment_id"),
              rs.getString("resource_name")))
          .list());
    }
    return found;
  }

  /** Every form id the engine has a definition of, for the palette's list of forms. */
  public List<String> ids() {
    return jdbc.sql("select distinct KEY_ from ACT_RE_CAMFORMDEF where TENANT_ID_ is null order by KEY_")
        .query(String.class).list();
  }

  private static final int BATCH = 500;
}
