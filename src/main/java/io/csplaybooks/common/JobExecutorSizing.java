package io.csplaybooks.common;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The job executor sized for the node's cores, unless an operator sizes it
 * ({@code camunda.bpm.job-execution.*}, e.g. CAMUNDA_BPM_JOBEXECUTION_COREPOOLSIZE): four job threads per
 * core, up to five per core while the queue is full, and ten jobs per core queued and acquired at a
 * time. On 2 cores that is 8-10 threads, a queue of 20 and 20 jobs per acquisition: a job thread
 * spends most of a job waiting for the database (some 250 statements per handoff), so 8 threads
 * brought 1,000 handoffs to their kickoff 13 % sooner than 4 on 2 cores (docs/benchmarks.md), and ten
 * jobs per core keep the threads busy between two acquisitions (docs/operators.md). Registered in META-INF/spring.factories;
 * a property source of the lowest precedence, so application.yaml, the environment and the command
 * line all win over it.
 */
public class JobExecutorSizing implements EnvironmentPostProcessor {

  static final String PREFIX = "camunda.bpm.job-execution.";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new MapPropertySource("job executor sized for the cores",
        forCores(Runtime.getRuntime().availableProcessors())));
  }

  /** The job executor's sizes for a node of this many cores. */
  static Map<String, Object> forCores(int cores) {
    int n = Math.max(1, cores);
    return Map.of(PREFIX + "core-pool-size", 4 * n, PREFIX + "max-pool-size", 5 * n,
        PREFIX + "queue-capacity", 10 * n, PREFIX + "max-jobs-per-acquisition", 10 * n);
  }
}
