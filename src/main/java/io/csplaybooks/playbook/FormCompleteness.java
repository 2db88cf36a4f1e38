package io.csplaybooks.playbook;

import io.csplaybooks.common.FieldError;
import java.util.List;
import java.util.Map;

/**
 * What a form still lacks for its playbook to go on, said to the person before they complete the
 * task: a brief completed incomplete goes back to sales, and they should know why before it does.
 * Completing is still allowed (the playbook handles what is missing); this only warns.
 */
public interface FormCompleteness {

  /** The id of the Camunda Form ({@code "id"} of the .form) this check is for. */
  String formId();

  /**
   * The fields the playbook will find missing in these values (as the form submits them), each with
   * the reason; empty when nothing is missing or when the values are invalid anyway (the task's own
   * listener refuses those, naming the fields).
   */
  List<FieldError> missing(Map<String, Object> values);
}
