package io.csplaybooks.common;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The job executor locks jobs in this node's name (csp.cluster.node-name), as the nightly run does,
 * so an operator sees in act_ru_job.lock_owner_ which node holds a job, and whose jobs wait for
 * their lock to expire after a node died.
 */
@Component
class JobExecutorNode extends AbstractProcessEnginePlugin {

  private final ClusterLock node;

  JobExecutorNode(@Lazy ClusterLock node) {
    this.node = node;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(node.node());
    }
  }
}
