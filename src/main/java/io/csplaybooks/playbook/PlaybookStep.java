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
 *
 * <p>A step acts on the playbook's account unless it says otherwise: it reads {@code accountId}, or
 * an id the application derived from it (the handoff, renewal, save play, QBR round). A playbook that
 * calls such a step gets its account only from the application, and the deploy-time validator
 * refuses one that could start without it (a timer, signal or conditional start).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface PlaybookStep {

  /** The bean name, as the BPMN writes it. */
  @AliasFor(annotation = Component.class)
  String value();

  /**
   * Whether the step acts on the playbook's account or on an id derived from it. True unless the
   * step touches no customer's data, so that a new step is protected before anyone thinks of it.
   */
  boolean actsOnAccount() default true;
}
