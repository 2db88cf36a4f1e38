package io.csplaybooks.handoff;

import static io.csplaybooks.playbook.PlaybookVariables.CSM_ID;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Loads what the handoff's mail steps talk about: the handoff, its account, contract, brief and CSM. */
@Component
class HandoffContext {

  record Loaded(Handoff handoff, Account account, Contract contract, HandoffBrief brief, Person csm) {}

  private final HandoffRepository handoffs;
  private final Accounts accounts;
  private final People people;

  HandoffContext(HandoffRepository handoffs, Accounts accounts, People people) {
    this.handoffs = handoffs;
    this.accounts = accounts;
    this.people = people;
  }

  Loaded load(DelegateExecution execution) {
    Handoff handoff = handoffs.findById(PlaybookVariables.handoffId(execution)).orElseThrow();
    Account account = accounts.findById(handoff.accountId()).orElseThrow();
    Contract contract = accounts.findContract(handoff.contractId()).orElse(null);
    String csmId = (String) execution.getVariable(CSM_ID);
    Person csm = people.find(csmId).orElseThrow(() -> new IllegalStateException("CSM '" + csmId + "' does not exist"));
    return new Loaded(handoff, account, contract, handoffs.brief(handoff), csm);
  }
}
