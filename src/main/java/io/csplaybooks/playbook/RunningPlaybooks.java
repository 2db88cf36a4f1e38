package io.csplaybooks.playbook;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.UniqueInsert;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Repository;

/**
 * The playbooks that run at most once per account (its onboarding, its QBR cycle), by a primary key
 * on (playbook, business key): a start claims the row in its own transaction, so the database, not
 * a query before the start, decides which of two simultaneous starts wins. The row is released when
 * the playbook ends, however it ends.
 */
@Repository
public class RunningPlaybooks {

  private static final Logger LOG = LoggerFactory.getLogger(RunningPlaybooks.class);

  /** The playbooks an account has at most one of at a time. */
  static final List<String> ONCE_PER_ACCOUNT = List.of("onboarding", "qbr-cycle");

  private final JdbcClient jdbc;
  private final UniqueInsert unique;

  public RunningPlaybooks(JdbcClient jdbc, UniqueInsert unique) {
    this.jdbc = jdbc;
    this.unique = unique;
  }

  /** Claims the playbook for the key before it starts; false when one runs already. */
  public boolean claim(String playbook, String businessKey) {
    return claim(playbook, businessKey, null);
  }

  /** Claims it for an instance that has started (its first step); false when another one runs. */
  public boolean claim(String playbook, String businessKey, String processInstanceId) {
    return unique.unlessPresent(() -> jdbc.sql("""
            insert into running_playbook (playbook, business_key, process_instance_id, claimed_at)
            values (:playbook, :key, :instance, :at)""")
        .param("playbook", playbook).param("key", businessKey).param("instance", processInstanceId)
        .param("at", Timestamp.from(EngineClock.now()))
        .update()).isPresent();
  }

  public void attach(String playbook, String businessKey, String processInstanceId) {
    jdbc.sql("update running_playbook set process_instance_id = :instance where playbook = :playbook and business_key = :key")
        .param("instance", processInstanceId).param("playbook", playbook).param("key", businessKey).update();
  }

  Set<String> claimedInstances(String playbook) {
    return new HashSet<>(jdbc.sql("select process_instance_id from running_playbook where playbook = :playbook")
        .param("playbook", playbook).query(String.class).list());
  }

  void release(String processInstanceId) {
    jdbc.sql("delete from running_playbook where process_instance_id = :instance")
        .param("instance", processInstanceId).update();
  }

  /** Releases the claim when any playbook instance ends: completed, cancelled or deleted. */
  @Component
  static class ReleaseOnEnd extends AbstractProcessEnginePlugin {

    private final RunningPlaybooks running;

    ReleaseOnEnd(@Lazy RunningPlaybooks running) {
      this.running = running;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      ExecutionListener release = execution -> running.release(execution.getProcessInstanceId());
      List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
          ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
      listeners.add(new AbstractBpmnParseListener() {
        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
          if (ONCE_PER_ACCOUNT.contains(processDefinition.getKey())) {
            processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, release);
          }
        }
      });
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
  }

  /**
   * Claims the playbooks that were running before this table existed, once, at start-up, so that
   * an upgrade does not let a second onboarding or QBR cycle start beside them.
   */
  @Component
  static class ClaimRunning implements ApplicationRunner {

    private final RunningPlaybooks running;
    private final RuntimeService runtime;

    ClaimRunning(RunningPlaybooks running, RuntimeService runtime) {
      this.running = running;
      this.runtime = runtime;
    }

    @Override
    public void run(ApplicationArguments args) {
      int claimed = 0;
      for (String playbook : ONCE_PER_ACCOUNT) {
        Set<String> known = running.claimedInstances(playbook);
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionKey(playbook).list()) {
          if (instance.getBusinessKey() != null && !known.contains(instance.getId())
              && running.claim(playbook, instance.getBusinessKey(), instance.getId())) {
            claimed++;
          }
        }
      }
      if (claimed > 0) {
        LOG.info("Claimed {} playbooks that ran before running_playbook existed", claimed);
      }
    }
  }
}
