package io.csplaybooks.playbook;

import java.util.List;

/**
 * Playbooks of an account that are keyed by something else (the handoff is keyed by its contract),
 * so that events for every playbook of the account reach them too.
 */
public interface AccountPlaybooks {

  /** The playbook (process key) this finds instances of. */
  String playbook();

  /** Its running instances for the account. */
  List<String> runningInstances(AccountId account);
}
