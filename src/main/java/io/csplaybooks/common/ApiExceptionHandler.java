package io.csplaybooks.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns refused input into RFC 9457 problem details that name each field and its reason. */
@RestControllerAdvice(basePackages = "io.csplaybooks")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  public static final URI INVALID_INPUT = URI.create("/problems/invalid-input");
  public static final URI NOT_FOUND = URI.create("/problems/not-found");
  public static final URI UNAVAILABLE = URI.create("/problems/unavailable");
  public static final URI FORBIDDEN = URI.create("/problems/forbidden");
  public static final URI CONFLICT = URI.create("/problems/conflict");

  @ExceptionHandler(InvalidInputException.class)
  public ProblemDetail invalidInput(InvalidInputException e) {
    return invalid(e.errors());
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return ResponseEntity.badRequest().body(unreadable(e));
  }

  static ProblemDetail unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String expected = mismatch instanceof InvalidFormatException invalid
          ? describe(invalid.getTargetType())
          : describe(mismatch.getTargetType());
      return invalid(List.of(new FieldError(path(mismatch), "must be " + expected)));
    }
    if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      // Well-formed JSON of the wrong shape at its top: a list where an object belongs, say.
      return invalid(List.of(new FieldError("body", "must be " + describe(mismatch.getTargetType()))));
    }
    if (cause instanceof JsonProcessingException json) {
      String where = json.getLocation() == null ? "" : " at line " + json.getLocation().getLineNr()
          + ", column " + json.getLocation().getColumnNr();
      return invalid(List.of(new FieldError("body", "is not well-formed JSON" + where)));
    }
    return invalid(List.of(new FieldError("body", "is missing or not readable as JSON")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
    return invalid(List.of(new FieldError(e.getName(), "must be " + describe(e.getRequiredType()))));
  }

  @ExceptionHandler(ForbiddenException.class)
  public ProblemDetail forbidden(ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  public ProblemDetail conflict(ConflictException e) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, CONFLICT, "Conflict", e.getMessage());
    problem.setProperty("fields", e.fields());
    return problem;
  }

  @ExceptionHandler(NotFoundException.class)
  public ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", e.getMessage());
  }

  /** The database is away (restarting, failing over): try again shortly, nothing was half done. */
  @ExceptionHandler(RuntimeException.class)
  public ResponseEntity<ProblemDetail> unavailable(RuntimeException e) throws RuntimeException {
    if (!DatabaseAway.is(e)) {
      throw e;
    }
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseAway.RETRY_AFTER_SECONDS))
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, "Service unavailable",
            "the database cannot be reached just now: send the same request again in a few seconds"));
  }

  private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }

  public static ProblemDetail invalid(List<FieldError> errors) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "Invalid input",
        errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    problem.setProperty("errors", errors);
    return problem;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    return switch (type.getSimpleName()) {
      case "LocalDate" -> "a date (YYYY-MM-DD)";
      case "BigDecimal", "Integer", "int", "Long", "long", "Double", "double" -> "a number";
      case "String" -> "a text";
      case "List" -> "a list";
      case "Boolean", "boolean" -> "true or false";
      default -> "an object";
    };
  }
}
