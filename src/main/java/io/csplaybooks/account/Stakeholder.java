package io.csplaybooks.account;

public record Stakeholder(Long id, long accountId, String name, StakeholderRole role, String email) {

  public boolean reachable() {
    return email != null && !email.isBlank();
  }
}
