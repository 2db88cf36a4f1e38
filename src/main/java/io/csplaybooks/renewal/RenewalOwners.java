package io.csplaybooks.renewal;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who owns the account's running renewals, for other modules: when a CS manager moves an account to
 * another CSM, the renewals the old CSM owned as the account's CSM follow (those an account
 * executive or account manager owns stay theirs). The renewal's row and the playbook's
 * {@code renewalOwner}, which names the person of its next checkpoints, change together.
 */
@Service
public class RenewalOwners {

  private final RenewalRepository renewals;
  private final RuntimeService runtime;

  RenewalOwners(RenewalRepository renewals, RuntimeService runtime) {
    this.renewals = renewals;
    this.runtime = runtime;
  }

  /**
   * The account's running renewals owned by {@code from} as its CSM are owned by {@code to}; how
   * many. A second call changes nothing.
   */
  @Transactional
  public int followCsm(long accountId, String from, String to) {
    int moved = 0;
    for (RenewalRepository.OwnedRenewal renewal : renewals.openOwnedByCsm(accountId, from)) {
      if (!renewals.changeOwner(renewal.id(), from, to)) {
        continue;
      }
      moved++;
      ProcessInstance running = renewal.processInstanceId() == null ? null
          : runtime.createProcessInstanceQuery().processInstanceId(renewal.processInstanceId()).singleResult();
      if (running != null && from.equals(runtime.getVariable(running.getId(), RenewalVariables.RENEWAL_OWNER))) {
        runtime.setVariable(running.getId(), RenewalVariables.RENEWAL_OWNER, to);
      }
    }
    return moved;
  }
}
