package io.csplaybooks.common;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine for decision tables, which parses each expression once instead of at every
 * evaluation. The engine's own {@link ScalaFeelEngine} parses an input expression or a rule's cell
 * every time a table is evaluated: with the task-priority table on every new task that was most of
 * the job executor's time in a bulk run (JFR, issue 29). The parsed expressions (immutable syntax
 * trees) are kept by their text, at most {@value #SIZE} of each kind; evaluation is the engine's own,
 * with the same variables as {@link ScalaFeelEngine}, and a failure is the same exception.
 */
public class ParsedFeel extends ScalaFeelEngine {

  /** The most parsed expressions kept per kind: far more than the cells of every deployed table. */
  static final int SIZE = 10_000;

  /** A factory for {@code DefaultDmnEngineConfiguration.setFeelEngineFactory}. */
  public static final FeelEngineFactory FACTORY = ParsedFeel::new;

  private final Cache<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> expressions =
      Caffeine.newBuilder().maximumSize(SIZE).build();
  private final Cache<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> unaryTests =
      Caffeine.newBuilder().maximumSize(SIZE).build();

  public ParsedFeel() {
    super(List.of());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new ContextVariableWrapper(variables);
      }
    };
    return (T) value(parsed(expressions, expression, feelEngine::parseExpression), context);
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
    VariableProvider input = new VariableProvider.StaticVariableProvider(
        new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
    VariableProvider both = new VariableProvider.CompositeVariableProvider(
        toScalaList(input, new ContextVariableWrapper(variables)));
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return both;
      }
    };
    return Boolean.TRUE.equals(value(parsed(unaryTests, expression, feelEngine::parseUnaryTests), context));
  }

  private static Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression> parsed(
      Cache<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> cache, String expression,
      Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parse) {
    return cache.get(expression, parse);
  }

  private Object value(Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression> parsed, CustomContext context) {
    Either<org.camunda.feel.FeelEngine.Failure, Object> result = parsed instanceof Right<?, ?> right
        ? feelEngine.eval((ParsedExpression) right.value(), context)
        : (Either<org.camunda.feel.FeelEngine.Failure, Object>) (Either<?, ?>) parsed;
    if (result instanceof Right<?, ?> value) {
      return value.value();
    }
    throw LOGGER.evaluationException(((org.camunda.feel.FeelEngine.Failure) ((Left<?, ?>) result).value()).message());
  }
}
