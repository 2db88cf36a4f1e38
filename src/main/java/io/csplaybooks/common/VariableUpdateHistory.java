package io.csplaybooks.common;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * History level {@code full} without its log of every variable update ({@code ACT_HI_DETAIL}): a
 * handoff wrote 40 rows there, a tenth of the database's time in a bulk run (pg_stat_statements,
 * issue 29), and nothing reads them: Cockpit's community edition does not show them, and neither the
 * studio, the timeline nor the security audit (the person-command guard hears the variable events
 * themselves, not this table) use them. Nor a gateway's pass in ACT_HI_ACTINST (7 of a handoff's 23
 * steps there): the studio's step figures leave gateways out and the paths taken are in playbook_path.
 * Every other history row is written as before, including each variable's history (ACT_HI_VARINST)
 * and the user operation log. {@code csp.history.variable-updates=true} keeps both.
 */
@Component
class VariableUpdateHistory extends EnginePlugin {

  private final boolean keep;

  VariableUpdateHistory(@Value("${csp.history.variable-updates:false}") boolean keep) {
    this.keep = keep;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (keep) {
      return;
    }
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.setCustomHistoryEventHandlers(append(configuration.getCustomHistoryEventHandlers(),
        new DbHistoryEventHandler() {
          @Override
          public void handleEvent(HistoryEvent event) {
            if (!(event instanceof HistoricFormPropertyEventEntity) && !gateway(event)) {
              super.handleEvent(event);
            }
          }

          @Override
          protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return false;
          }
        }));
  }

  /** A gateway's pass: the studio's step figures leave gateways out, and the paths taken are in playbook_path. */
  private static boolean gateway(HistoryEvent event) {
    return event instanceof HistoricActivityInstanceEventEntity step && step.getActivityType() != null
        && step.getActivityType().endsWith("Gateway");
  }
}
