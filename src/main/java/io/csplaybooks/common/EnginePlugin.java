package io.csplaybooks.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/** What the application's engine plugins share: adding to the engine's lists of extensions. */
public abstract class EnginePlugin extends AbstractProcessEnginePlugin {

  /** The list (which the engine may leave null) with one more item. */
  protected static <T> List<T> append(List<T> list, T item) {
    List<T> result = list == null ? new ArrayList<>() : new ArrayList<>(list);
    result.add(item);
    return result;
  }

  /**
   * Adds an interceptor inside the command context of every command chain. An interceptor belongs
   * to one chain (it holds the next one), so each chain gets its own from {@code interceptor}.
   */
  protected static void addPostCommandInterceptor(ProcessEngineConfigurationImpl configuration,
      Supplier<CommandInterceptor> interceptor) {
    configuration.setCustomPostCommandInterceptorsTxRequired(
        append(configuration.getCustomPostCommandInterceptorsTxRequired(), interceptor.get()));
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(
        append(configuration.getCustomPostCommandInterceptorsTxRequiresNew(), interceptor.get()));
  }
}
