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
 *
 * <p>The step also says itself in words ({@link #name()}, {@link #description()}) and how a task
 * calls it ({@link #asyncBefore()}, {@link #asyncAfter()}, {@link #inputs()}): the studio's element
 * templates, the CS managers' palette in Camunda Modeler, are made from this and nothing else.
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

  /** The step as a task names it, verb and object, for people: "Score handoff brief". */
  String name() default "";

  /** What the step does and what it needs from the playbook, in a sentence or two for a CS manager. */
  String description() default "";

  /**
   * The task starts after an async boundary: the step calls the outside world, claims a database key
   * (two alarms at once: one wins, the other is retried as a job) or should not keep its sender
   * waiting, so its failure is a job's retry and never rolls back the work before it.
   */
  boolean asyncBefore() default false;

  /**
   * The task ends at an async boundary: an outside call (mail, Slack, CRM) commits as soon as it is
   * made, so a failure after it never repeats it.
   */
  boolean asyncAfter() default false;

  /**
   * The step sends a mail, to a customer or a colleague. Nothing in a playbook waits for a mail: the
   * deploy-time validator wants it on a branch of its own that ends after it (a parallel gateway
   * before it, no join after it), so an SMTP outage never holds the playbook's next steps back.
   */
  boolean mail() default false;

  /** The business events the step sends (through {@link PlaybookEvents}), for the palette to say so. */
  PlaybookEvent[] sends() default {};

  /** What a task tells the step (a {@code camunda:inputParameter} with one of a few values). */
  Input[] inputs() default {};

  /** A value the task gives the step as an input parameter, chosen from a list. */
  @Target({})
  @Retention(RetentionPolicy.RUNTIME)
  @interface Input {

    /** The input parameter's (task-local variable's) name. */
    String name();

    /** Its label for people. */
    String label();

    /** The values it may take. */
    String[] choices();
  }
}
