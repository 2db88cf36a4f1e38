package io.csplaybooks.activity;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.common.ConflictException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.intervention.Interventions;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.qbr.QbrCycles;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plays a person starts by hand for an account. A playbook has a manual start when its process has a
 * none start event at its top (no message, timer or signal) without a start form: the save play
 * (churn-intervention, whose none start is also how the renewal calls it) and the playbooks a CS
 * manager designs that way. A start form asks for what the account page does not know (the
 * handoff's start by hand is sales' new contract, in Tasklist). The one-off task is given through {@link OneOffTasks}, not here; the QBR
 * cycle runs once per account and "QBR now" brings its next round forward instead ({@link QbrCycles}).
 */
@Service
public class Plays {

  public static final String SAVE_PLAY = "churn-intervention";
  public static final int REASON_CHARS = 250;
  /** Playbooks with a none start that are not started from the list: their own door starts them. */
  static final Set<String> NOT_LISTED = Set.of(OneOffTaskVariables.PLAYBOOK);

  /** A playbook one may start: its key, its name and the version a start runs. */
  public record Play(String key, String name, int version) {}

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final Accounts accounts;
  private final Interventions interventions;
  private final QbrCycles qbrs;

  Plays(RepositoryService repository, RuntimeService runtime, Accounts accounts, Interventions interventions,
      QbrCycles qbrs) {
    this.repository = repository;
    this.runtime = runtime;
    this.accounts = accounts;
    this.interventions = interventions;
    this.qbrs = qbrs;
  }

  /** The playbooks with a manual start, by name (their latest versions, the ones a start runs). */
  public List<Play> startable() {
    return repository.createProcessDefinitionQuery().latestVersion().active().list().stream()
        .filter(d -> !NOT_LISTED.contains(d.getKey()) && manualStart(d))
        .map(d -> new Play(d.getKey(), d.getName() == null ? d.getKey() : d.getName(), d.getVersion()))
        .sorted(Comparator.comparing(Play::name))
        .toList();
  }

  /** Whether "QBR now" can bring the account's next QBR round forward. */
  public boolean qbrNowPossible(long accountId) {
    return qbrs.canBringForward(accountId);
  }

  /**
   * Starts the play for the account as {@code by}: the save play through the intervention module
   * (refused while one is open), any other by its none start with the account as its business key
   * (refused while one of the same playbook runs for the account). Refused for a churned account.
   */
  @Transactional
  public void start(long accountId, String playbook, String reason, String by) {
    Account account = accounts.findById(accountId).orElseThrow(() -> new NotFoundException("no account " + accountId));
    Validation v = new Validation();
    if (v.required("playbook", playbook) && startable().stream().noneMatch(p -> p.key().equals(playbook))) {
      v.reject("playbook", "is no playbook that can be started by hand");
    }
    if (SAVE_PLAY.equals(playbook) && v.required("reason", reason)) {
      v.maxLength("reason", reason.trim(), REASON_CHARS);
    } else {
      v.maxLength("reason", reason, REASON_CHARS);
    }
    v.throwIfInvalid();
    if (account.lifecycleStage() == LifecycleStage.CHURNED) {
      throw new ConflictException("account " + accountId + " has churned: no play runs for it until a new contract"
          + " wins it back", List.of("playbook"));
    }
    if (SAVE_PLAY.equals(playbook)) {
      interventions.startSavePlay(accountId, reason.trim(), by);
      return;
    }
    String key = AccountId.of(accountId).businessKey();
    if (runtime.createProcessInstanceQuery().processDefinitionKey(playbook).processInstanceBusinessKey(key).count() > 0) {
      throw new ConflictException(playbook + " already runs for account " + accountId, List.of("playbook"));
    }
    runtime.createProcessInstanceByKey(playbook).businessKey(key).setVariable(AccountId.VARIABLE, accountId).execute();
  }

  /** "QBR now": the running cycle's next round brought forward; the new QBR date. */
  public Date qbrNow(long accountId) {
    if (accounts.findById(accountId).isEmpty()) {
      throw new NotFoundException("no account " + accountId);
    }
    return qbrs.bringNextRoundForward(accountId);
  }

  private boolean manualStart(ProcessDefinition definition) {
    Process process = repository.getBpmnModelInstance(definition.getId()).getModelElementById(definition.getKey());
    return process != null && process.getChildElementsByType(StartEvent.class).stream()
        .anyMatch(start -> start.getEventDefinitions().isEmpty() && start.getCamundaFormRef() == null
            && start.getCamundaFormKey() == null);
  }
}
