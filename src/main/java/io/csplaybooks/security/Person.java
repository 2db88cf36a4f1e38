package io.csplaybooks.security;

public record Person(String id, String firstName, String lastName, String email) {

  public String displayName() {
    String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
    return name.isEmpty() ? id : name;
  }

  public String firstNameOrId() {
    return firstName == null || firstName.isBlank() ? id : firstName;
  }

  public boolean reachable() {
    return email != null && !email.isBlank();
  }
}
