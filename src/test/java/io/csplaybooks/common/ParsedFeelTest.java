package io.csplaybooks.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import java.util.List;

/** The FEEL engine that parses once answers as Camunda's own, evaluation after evaluation, failures included. */
class ParsedFeelTest {

  private final ScalaFeelEngine camundas = new ScalaFeelEngine(List.of());
  private final ParsedFeel parsedOnce = new ParsedFeel();

  @ParameterizedTest(name = "{0} with arr {1}")
  @CsvSource(delimiter = '|', textBlock = """
      arr * 2                     | 1000
      if arr > 500 then "large" else "standard" | 1000
      if arr > 500 then "large" else "standard" | 10
      string length(band)         | 1
      """)
  void expressionsAnswerAsTheEnginesOwnEveryTime(String expression, double arr) {
    VariableContext variables = Variables.createVariables().putValue("arr", arr).putValue("band", "red").asVariableContext();
    Object expected = camundas.evaluateSimpleExpression(expression, variables);
    for (int time = 0; time < 3; time++) {
      assertThat((Object) parsedOnce.evaluateSimpleExpression(expression, variables)).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = '|', textBlock = """
      < 0                | -1
      < 0                | 3
      [1..5]             | 3
      -                  | 7
      "red","yellow"     | 0
      """)
  void unaryTestsAnswerAsTheEnginesOwnEveryTime(String tests, int input) {
    VariableContext variables = Variables.createVariables().putValue("daysToDue", input).asVariableContext();
    boolean expected = camundas.evaluateSimpleUnaryTests(tests, "daysToDue", variables);
    for (int time = 0; time < 3; time++) {
      assertThat(parsedOnce.evaluateSimpleUnaryTests(tests, "daysToDue", variables)).isEqualTo(expected);
    }
  }

  @Test
  void aBrokenExpressionFailsAsTheEnginesOwnDoes() {
    VariableContext variables = Variables.fromMap(Map.of("arr", 1)).asVariableContext();
    assertThatThrownBy(() -> camundas.evaluateSimpleExpression("arr +* 2", variables)).isInstanceOf(FeelException.class);
    for (int time = 0; time < 2; time++) {
      assertThatThrownBy(() -> parsedOnce.evaluateSimpleExpression("arr +* 2", variables))
          .isInstanceOf(FeelException.class).hasMessageContaining("arr +* 2");
    }
  }
}
