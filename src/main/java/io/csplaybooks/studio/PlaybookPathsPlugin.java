package io.csplaybooks.studio;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.EnginePlugin;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Records which way a playbook goes at each gateway ({@link PlaybookPaths}): every sequence flow out
 * of a gateway gets a listener on "take" when the playbook is parsed, so the row is written in the
 * transaction that moves the account on, and a rolled-back step leaves none behind. The studio's
 * diagram shows the shares; the engine's history alone has the steps, not the flows between them.
 */
@Component
class PlaybookPathsPlugin extends EnginePlugin {

  private final PlaybookPaths paths;

  // Lazy: the repository needs the data source, which the engine's configuration is built with.
  public PlaybookPathsPlugin(@Lazy PlaybookPaths paths) {
    this.paths = paths;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPostBPMNParseListeners(
        append(configuration.getCustomPostBPMNParseListeners(), new GatewayFlows(new Taken(paths))));
  }

  /** Puts the listener on the flows that leave a gateway, of any kind (exclusive, inclusive, parallel, event-based). */
  static final class GatewayFlows extends AbstractBpmnParseListener {
    private final ExecutionListener taken;

    GatewayFlows(ExecutionListener taken) {
      this.taken = taken;
    }

    @Override
    public void parseSequenceFlow(Element sequenceFlowElement, ScopeImpl scope, TransitionImpl transition) {
      ActivityImpl source = transition.getSource();
      Object type = source == null ? null : source.getProperty("type");
      if (type instanceof String name && name.endsWith("Gateway")) {
        transition.addListener(ExecutionListener.EVENTNAME_TAKE, taken);
      }
    }
  }

  /** Writes the flow an account takes. */
  static final class Taken implements ExecutionListener {
    private final PlaybookPaths paths;

    Taken(PlaybookPaths paths) {
      this.paths = paths;
    }

    @Override
    public void notify(DelegateExecution execution) {
      ExecutionEntity entity = (ExecutionEntity) execution;
      TransitionImpl transition = entity.getTransition();
      if (transition == null || transition.getSource() == null) {
        return;
      }
      paths.taken(entity.getProcessDefinition().getKey(), entity.getProcessDefinitionId(),
          entity.getProcessInstanceId(), transition.getSource().getId(), transition.getId(), EngineClock.now());
    }
  }
}
