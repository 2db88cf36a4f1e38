package io.csplaybooks.sandbox;

import java.beans.FeatureDescriptor;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.engine.test.mock.MockElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotFoundException;
import org.joda.time.base.AbstractInstant;
import org.joda.time.base.AbstractPartial;

/**
 * The engine's expressions, able to reach only what the application offers to playbooks: process
 * variables, the steps and function beans of {@link PlaybookBeans}, a few facts of the running
 * execution or task, and plain values (dates, strings, numbers, lists, maps) with the methods of
 * {@link PlaybookExpressions#VALUE_METHODS}, which cannot build or scan text without bound. No other bean, no
 * property or method of engine objects ({@code execution.processEngineServices}), no
 * {@code getClass()} and no static method: a playbook that got past the deploy-time validator
 * still cannot reach the server. Decision tables evaluated with JUEL go through the same resolver.
 */
class SandboxedExpressionManager extends JuelExpressionManager {

  private final PlaybookBeans offered;
  private final Function<String, Object> beans;

  /**
   * @param offered what playbooks may name
   * @param beans looks a bean up by name (the application context); only offered names are looked up
   */
  public SandboxedExpressionManager(PlaybookBeans offered, Function<String, Object> beans) {
    this.offered = offered;
    this.beans = beans;
  }

  /** The engine's date and user functions only; Spin's S(), XML() and JSON() parse text playbooks should not. */
  @Override
  public void addFunction(String name, Method function) {
    if (PlaybookExpressions.FUNCTIONS.contains(name)) {
      super.addFunction(name, function);
    }
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new VariableScopeElResolver());
    resolver.add(new VariableContextElResolver());
    // Beans registered by process tests (Mocks); empty in the application.
    resolver.add(new MockElResolver());
    OfferedBeans offeredBeans = new OfferedBeans();
    resolver.add(offeredBeans);
    resolver.add(new ArrayELResolver(true));
    resolver.add(new ListELResolver(true));
    resolver.add(new MapELResolver(true));
    resolver.add(new Facts(offeredBeans));
    return resolver;
  }

  /** Names of steps and function beans, and nothing else of the application context. */
  private final class OfferedBeans extends ReadOnlyResolver {

    /** Function beans by instance, so that a call is allowed on the bean itself and not on lookalikes. */
    private final Map<Object, String> functionBeans = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<String, Object> resolved = new ConcurrentHashMap<>();

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base == null && property instanceof String name && offered.names().contains(name)) {
        Object bean = resolved.computeIfAbsent(name, beans);
        if (offered.isFunctions(name)) {
          functionBeans.put(bean, name);
        }
        context.setPropertyResolved(true);
        return bean;
      }
      return null;
    }

    String functionBean(Object instance) {
      return functionBeans.get(instance);
    }
  }

  /** Property reads and method calls on what an expression has in hand. */
  private final class Facts extends ReadOnlyResolver {

    private final OfferedBeans offeredBeans;
    private final BeanELResolver reflection = new BeanELResolver(true);

    Facts(OfferedBeans offeredBeans) {
      this.offeredBeans = offeredBeans;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base == null || !(property instanceof String name)) {
        return null;
      }
      Set<String> readable = base instanceof DelegateExecution ? PlaybookExpressions.EXECUTION_FACTS
          : base instanceof DelegateTask ? PlaybookExpressions.TASK_FACTS : Set.of();
      if (readable.contains(name)) {
        return reflection.getValue(context, base, property);
      }
      throw new PropertyNotFoundException("Playbooks may not read '" + name + "' of " + describe(base));
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      if (base == null || method == null) {
        return null;
      }
      String name = method.toString();
      String bean = offeredBeans.functionBean(base);
      boolean allowed = bean != null ? offered.offers(bean, name)
          : isValue(base) && PlaybookExpressions.VALUE_METHODS.contains(name);
      if (allowed) {
        return reflection.invoke(context, base, method, paramTypes, params);
      }
      throw new PropertyNotFoundException("Playbooks may not call '" + name + "' of "
          + (bean != null ? bean : describe(base)));
    }
  }

  /** Values an expression may call methods on: dates (the engine's dateTime() and now()), text and numbers. */
  private static boolean isValue(Object base) {
    return base instanceof String || base instanceof Number || base instanceof Boolean || base instanceof Date
        || base instanceof AbstractInstant || base instanceof AbstractPartial;
  }

  private static String describe(Object base) {
    return base instanceof DelegateExecution ? "the execution" : base instanceof DelegateTask ? "the task"
        : "a " + base.getClass().getSimpleName();
  }

  /** Resolves nothing by default and never writes. */
  private abstract static class ReadOnlyResolver extends ELResolver {

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
      // Expressions never assign.
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return Object.class;
    }
  }
}
