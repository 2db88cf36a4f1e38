package io.csplaybooks.common;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** The process engine's decision tables (CSM assignment, QBR cadence, ...) parse each FEEL cell once ({@link ParsedFeel}). */
@Component
class ParsedFeelPlugin extends EnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    if (dmn.getFeelEngineFactory() == null) {
      dmn.setFeelEngineFactory(ParsedFeel.FACTORY);
    }
    configuration.setDmnEngineConfiguration(dmn);
  }
}
