package io.csplaybooks.handoff;

import io.csplaybooks.account.Stakeholder;

public record BriefStakeholder(String name, String role, String email) {

  /** A stakeholder the account already has, as a brief lists it. */
  static BriefStakeholder of(Stakeholder stakeholder) {
    return new BriefStakeholder(stakeholder.name(), stakeholder.role().code(), stakeholder.email());
  }
}
