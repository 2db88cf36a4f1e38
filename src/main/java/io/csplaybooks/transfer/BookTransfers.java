package io.csplaybooks.transfer;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.renewal.RenewalOwners;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A CS manager moves accounts (a CSM's whole book, or some of it) to another CSM with a handover
 * note: the account's CSM changes and its timeline records the move with the note
 * ({@link Accounts#moveCsm}), the renewals the old CSM owned as its CSM follow
 * ({@link RenewalOwners}), and the open tasks of the account's playbooks assigned to the old CSM
 * are given to the new one, through the engine as the manager (its authorizations apply). Tasks a
 * playbook assigns later ask the account for its CSM, and find the new one. All in one transaction,
 * once per transfer id: the same request again changes nothing and answers the same accounts.
 */
@Service
public class BookTransfers {

  /** The most accounts one transfer moves (a scaled book is a thousand or more). */
  public static final int MOST_ACCOUNTS = 5000;
  /** The most open tasks of the old CSM one transfer looks through. */
  static final int MOST_TASKS = 20_000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9@._-]{1,64}");

  /**
   * @param transferId the request's own id, which makes a retry safe (one is made when it is absent)
   * @param accountIds the accounts to move; null or empty: every account of the old CSM's book
   */
  public record Request(String transferId, String from, String to, List<Long> accountIds, String note) {}

  /**
   * @param accounts every account this transfer moved (by this call or an earlier try of it)
   * @param tasks the open tasks given to the new CSM by this call
   * @param renewals the renewals whose ownership followed by this call
   */
  public record Result(String transferId, String from, String to, List<Long> accounts, int tasks, int renewals) {}

  private final Accounts accounts;
  private final RenewalOwners renewals;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final People people;

  BookTransfers(Accounts accounts, RenewalOwners renewals, TaskService tasks, RuntimeService runtime,
      IdentityService identity, People people) {
    this.accounts = accounts;
    this.renewals = renewals;
    this.tasks = tasks;
    this.runtime = runtime;
    this.identity = identity;
    this.people = people;
  }

  /** Moves the accounts; a request that breaks a rule is refused whole (400, naming every field), nothing moved. */
  @Transactional
  public Result transfer(Request request, String by, List<String> byGroups) {
    String transferId = request.transferId() == null || request.transferId().isBlank()
        ? UUID.randomUUID().toString() : request.transferId().trim();
    String from = request.from() == null ? null : request.from().trim();
    String to = request.to() == null ? null : request.to().trim();
    String note = request.note() == null ? null : request.note().trim();
    Validation v = new Validation();
    if (!ID.matcher(transferId).matches()) {
      v.reject("transferId", "must be 1-64 letters, digits, '.', '_', '-' or '@'");
    }
    boolean fromGiven = v.required("from", from);
    if (fromGiven && !ID.matcher(from).matches()) {
      v.reject("from", "is not a user id");
      fromGiven = false;
    }
    if (v.required("to", to)) {
      if (!ID.matcher(to).matches() || !people.isMember(to, Groups.CS)) {
        v.reject("to", "must be a CSM (a person in the cs team)");
      } else if (to.equals(from)) {
        v.reject("to", "must be another CSM than from");
      }
    }
    if (v.required("note", note)) {
      v.maxLength("note", note, 2000);
    }
    v.maxSize("accountIds", request.accountIds(), MOST_ACCOUNTS);
    List<Long> already = ID.matcher(transferId).matches() ? accounts.movedBy(transferId) : List.of();
    Set<Long> targets = new LinkedHashSet<>();
    if (fromGiven && (request.accountIds() == null || request.accountIds().size() <= MOST_ACCOUNTS)) {
      if (request.accountIds() == null || request.accountIds().isEmpty()) {
        targets.addAll(accounts.bookOf(from));
        if (targets.isEmpty() && already.isEmpty()) {
          v.reject("from", "has no accounts to move");
        }
      } else {
        List<Long> notTheirs = new ArrayList<>();
        for (Long id : request.accountIds()) {
          if (id == null || (!already.contains(id)
              && !accounts.findById(id).map(a -> from.equals(a.csmId())).orElse(false))) {
            notTheirs.add(id);
          } else {
            targets.add(id);
          }
        }
        if (!notTheirs.isEmpty()) {
          v.reject("accountIds", "not accounts of " + from + ": " + notTheirs.stream().limit(20).toList());
        }
      }
    }
    v.throwIfInvalid();

    for (Long accountId : targets) {
      accounts.moveCsm(transferId, accountId, from, to, note, by);
    }
    List<Long> moved = accounts.movedBy(transferId);
    int renewalsMoved = 0;
    for (Long accountId : moved) {
      renewalsMoved += renewals.followCsm(accountId, from, to);
    }
    int tasksMoved = moveTasks(Set.copyOf(moved), from, to, by, byGroups);
    return new Result(transferId, from, to, moved, tasksMoved, renewalsMoved);
  }

  /** The old CSM's open tasks in the playbooks of the moved accounts go to the new CSM, as the manager. */
  private int moveTasks(Set<Long> moved, String from, String to, String by, List<String> byGroups) {
    if (moved.isEmpty()) {
      return 0;
    }
    List<Task> open = tasks.createTaskQuery().taskAssignee(from).listPage(0, MOST_TASKS);
    Map<String, Long> accountOfInstance = new HashMap<>();
    String[] instances = open.stream().map(Task::getProcessInstanceId).filter(java.util.Objects::nonNull).distinct()
        .toArray(String[]::new);
    if (instances.length > 0) {
      for (VariableInstance v : runtime.createVariableInstanceQuery().variableName(AccountId.VARIABLE)
          .processInstanceIdIn(instances).list()) {
        if (v.getValue() instanceof Number id && v.getExecutionId().equals(v.getProcessInstanceId())) {
          accountOfInstance.put(v.getProcessInstanceId(), id.longValue());
        }
      }
    }
    List<String> following = open.stream()
        .filter(t -> t.getProcessInstanceId() != null && moved.contains(accountOfInstance.get(t.getProcessInstanceId())))
        .map(Task::getId).toList();
    identity.setAuthentication(by, byGroups);
    try {
      following.forEach(id -> tasks.setAssignee(id, to));
    } finally {
      identity.clearAuthentication();
    }
    return following.size();
  }
}
