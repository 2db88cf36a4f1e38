package io.csplaybooks.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The engine's and the portfolio's state for operators (Prometheus, /actuator/prometheus): playbooks
 * running by playbook and version, jobs due and failed, incidents, accounts by health band. Read
 * from the database every 30 seconds rather than at each scrape, so a scrape costs nothing; every
 * node reports the same figures (they are the database's). Counts of what happens (handoffs
 * received, mail sent and failed, request latency) are counters where it happens.
 */
@Component
class OperatorMetrics {

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final MetricsQueries queries;
  private final MultiGauge playbooks;
  private final MultiGauge health;
  private final AtomicLong jobsDue = new AtomicLong();
  private final AtomicLong jobsFailed = new AtomicLong();
  private final AtomicLong incidents = new AtomicLong();

  public OperatorMetrics(MeterRegistry meters, RepositoryService repository, RuntimeService runtime,
      ManagementService management, MetricsQueries queries) {
    this.repository = repository;
    this.runtime = runtime;
    this.management = management;
    this.queries = queries;
    this.playbooks = MultiGauge.builder("csp.playbooks.running").description("Playbook instances running")
        .register(meters);
    this.health = MultiGauge.builder("csp.accounts").description("Accounts not churned, by health band")
        .register(meters);
    Gauge.builder("csp.jobs.due", jobsDue, AtomicLong::get).description("Jobs due now (not locked, retries left)")
        .register(meters);
    Gauge.builder("csp.jobs.failed", jobsFailed, AtomicLong::get)
        .description("Jobs whose retries are spent (each is an incident)").register(meters);
    Gauge.builder("csp.incidents", incidents, AtomicLong::get).description("Open incidents in Cockpit")
        .register(meters);
  }

  @Scheduled(fixedDelayString = "${csp.metrics.refresh:PT30S}", initialDelayString = "PT5S")
  public void refresh() {
    // The latest version of each playbook is reported at 0 too, so a playbook shows before its first
    // account; the latest versions come from the same list, not a query each. (PlaybookVersions would
    // count in one query, but it also reads who deployed from the operation log, which grows with
    // every click: too heavy every 30 seconds.)
    List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().list();
    Map<String, Integer> latest = new HashMap<>();
    definitions.forEach(d -> latest.merge(d.getKey(), d.getVersion(), Math::max));
    List<MultiGauge.Row<?>> running = new ArrayList<>();
    for (ProcessDefinition definition : definitions) {
      long count = runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count();
      if (count > 0 || definition.getVersion() == latest.get(definition.getKey())) {
        running.add(MultiGauge.Row.of(Tags.of("playbook", definition.getKey(), "version",
            String.valueOf(definition.getVersion())), count));
      }
    }
    playbooks.register(running, true);
    List<MultiGauge.Row<?>> bands = new ArrayList<>();
    queries.healthDistribution(PortfolioFilter.ALL).forEach((band, count) -> bands.add(MultiGauge.Row.of(Tags.of("health", band), count)));
    health.register(bands, true);
    jobsDue.set(management.createJobQuery().executable().count());
    jobsFailed.set(management.createJobQuery().noRetriesLeft().count());
    incidents.set(runtime.createIncidentQuery().count());
  }
}
