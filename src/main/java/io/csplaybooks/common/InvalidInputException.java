package io.csplaybooks.common;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Input that breaks a business rule. It extends the engine's exception so that, thrown inside a
 * form submission in Tasklist, the person sees the reasons and nothing is saved.
 */
public class InvalidInputException extends ProcessEngineException {

  private final transient List<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public InvalidInputException(String field, String reason) {
    this(List.of(new FieldError(field, reason)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
