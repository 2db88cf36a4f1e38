package io.csplaybooks.sandbox;

/** One reason a playbook deployment is refused: the file, the element and what to do about it. */
public record PlaybookProblem(String resource, String elementId, String message) {

  @Override
  public String toString() {
    return resource + ": " + message;
  }
}
