package io.csplaybooks.playbook;

import java.util.List;

/**
 * Playbooks of an account that are keyed by something else (the handoff is keyed by its contract),
 * so that events for every playbook of the account reach them too, and the account's story tells of
 * them.
 */
public interface AccountPlaybooks {

  /** The playbook (process key) this finds instances of. */
  String playbook();

  /** Its running instances for the account. */
  List<String> runningInstances(AccountId account);

  /**
   * Its instances for the account, running or ended, as far as the engine's history still has them:
   * what the account's story reads the engine's history with.
   */
  List<String> instances(AccountId account);
}
