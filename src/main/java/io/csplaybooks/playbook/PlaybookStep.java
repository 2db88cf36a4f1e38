package io.csplaybooks.playbook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * A step the application offers to playbooks: a delegate or listener bean a BPMN names as
 * {@code camunda:delegateExpression="${name}"}. Playbooks may call these and the
 * {@link PlaybookFunctions} beans, and nothing else of the server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface PlaybookStep {

  /** The bean name, as the BPMN writes it. */
  @AliasFor(annotation = Component.class)
  String value();
}
