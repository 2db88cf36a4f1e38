package io.csplaybooks.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The one JUnit extension of the playbooks' process tests ({@code @RegisterExtension static
 * PlaybookTest engine = new PlaybookTest();}): the in-memory engine of process-test-engine.cfg.xml
 * with the job executor off; every path of the deployed playbook walked (flow-node and
 * sequence-flow coverage of the class must reach 100 %); camunda-bpm-assert bound to this engine;
 * the engine's clock set by the test and reset after it; the stand-in beans ({@link Mocks}) cleared
 * after each test; timers found and fired by the activity that waits on them.
 */
public final class PlaybookTest implements TestWatcher, TestInstancePostProcessor, BeforeAllCallback,
    AfterAllCallback, BeforeEachCallback, AfterEachCallback, BeforeTestExecutionCallback, AfterTestExecutionCallback,
    ParameterResolver {

  private final ProcessEngineCoverageExtension coverage = ProcessEngineCoverageExtension
      .builder("process-test-engine.cfg.xml")
      .assertClassCoverageAtLeast(1.0)
      .build();

  public ProcessEngine getProcessEngine() {
    return coverage.getProcessEngine();
  }

  /** The engine's clock (and so every date the application computes, EngineClock) stands at this instant. */
  public void clockAt(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }

  /** The timer job waiting at the activity (a timer event, or a boundary timer by its own id). */
  public Job timer(String activityId) {
    return getProcessEngine().getManagementService().createJobQuery().timers().activityId(activityId).singleResult();
  }

  /** Fires the timer waiting at the activity, as the job executor does when it falls due. */
  public void fireTimer(String activityId) {
    execute(timer(activityId));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // Integration tests in the same JVM run the application's engine too: name the one to assert on.
    init(getProcessEngine());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Mocks.reset();
    ClockUtil.reset();
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
    coverage.postProcessTestInstance(testInstance, context);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    coverage.beforeAll(context);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    coverage.afterAll(context);
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) throws Exception {
    coverage.beforeTestExecution(context);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) throws Exception {
    coverage.afterTestExecution(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return coverage.supportsParameter(parameter, context);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return coverage.resolveParameter(parameter, context);
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    coverage.testSuccessful(context);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    coverage.testFailed(context, cause);
  }
}
