package io.csplaybooks.handoff;

import static io.csplaybooks.handoff.HandoffVariables.CS_POD;
import static io.csplaybooks.handoff.HandoffVariables.REVIEW_REQUIRED;
import static io.csplaybooks.playbook.PlaybookVariables.CSM_ID;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Pick least-loaded CSM": among the CSMs of the pod that the assign-csm table chose, the one
 * with the fewest open accounts (ties: by user id). No CSM in the pod sends the choice to a CS
 * manager.
 */
// Reads the assign-csm decision and the CSMs' loads, nobody's account.
@PlaybookStep(value = "pickLeastLoadedCsm",
    actsOnAccount = false,
    name = "Pick least-loaded CSM",
    description = "Handoff: among the CSMs of the pod the assign-csm table chose, the one with the fewest open "
        + "accounts; with no CSM in the pod a CS manager chooses (reviewRequired).")
class PickLeastLoadedCsm implements JavaDelegate {

  static final String CS_POD_DECISION = "csPodDecision";

  private final People people;
  private final Accounts accounts;

  public PickLeastLoadedCsm(People people, Accounts accounts) {
    this.people = people;
    this.accounts = accounts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The assign-csm decision's single result; kept flat from here on.
    Map<?, ?> decision = (Map<?, ?>) execution.getVariable(CS_POD_DECISION);
    String pod = decision == null ? null : (String) decision.get(CS_POD);
    boolean review = decision == null || Boolean.TRUE.equals(decision.get(REVIEW_REQUIRED));
    execution.removeVariable(CS_POD_DECISION);
    Optional<String> csm = leastLoaded(pod);
    execution.setVariable(CS_POD, pod);
    execution.setVariable(CSM_ID, csm.orElse(null));
    execution.setVariable(REVIEW_REQUIRED, review || csm.isEmpty());
  }

  Optional<String> leastLoaded(String pod) {
    List<String> csms = people.membersOf(pod).stream()
        .map(Person::id)
        .filter(id -> people.isMember(id, Groups.CS))
        .toList();
    Map<String, Integer> load = accounts.openAccountsPerCsm(csms);
    return csms.stream()
        .min(Comparator.<String>comparingInt(id -> load.getOrDefault(id, 0)).thenComparing(Comparator.naturalOrder()));
  }
}
