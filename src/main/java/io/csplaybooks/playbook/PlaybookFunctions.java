package io.csplaybooks.playbook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * A bean whose public methods a playbook may call in its expressions, with process variables as
 * arguments: deadlines, people and facts such as {@code ${handoffPlaybook.briefDue()}} or
 * {@code ${accountFacts.segment(accountId)}}. Its methods only read and compute; anything that
 * changes data is a {@link PlaybookStep}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface PlaybookFunctions {

  /** The bean name, as the BPMN writes it. */
  @AliasFor(annotation = Component.class)
  String value();

  /**
   * Names the bean had before a rename. Versions deployed earlier still call them, and a running
   * instance keeps its version for months (a renewal, a QBR cycle), so an old name stays an alias.
   */
  String[] formerly() default {};
}
