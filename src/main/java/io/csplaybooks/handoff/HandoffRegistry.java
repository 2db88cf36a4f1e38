package io.csplaybooks.handoff;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.account.Contract;
import io.csplaybooks.account.NewAccount;
import io.csplaybooks.account.Segment;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.common.Validation;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Records a closed contract: validates it, creates or finds the account, stores the contract,
 * stakeholders and brief. Shared by the REST intake and the Tasklist start form.
 */
@Service
public class HandoffRegistry {

  private static final Pattern CONTRACT_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");
  private static final int MAX_ITEM = 2000;

  private final AccountRepository accounts;
  private final HandoffRepository handoffs;
  private final People people;
  private final HandoffDeadlines deadlines;
  private final BriefScorer scorer;
  private final List<String> regions;

  public HandoffRegistry(AccountRepository accounts, HandoffRepository handoffs, People people,
      HandoffDeadlines deadlines, HandoffSettings settings, @Value("${csp.regions}") List<String> regions) {
    this.accounts = accounts;
    this.handoffs = handoffs;
    this.people = people;
    this.deadlines = deadlines;
    this.scorer = settings.scorer();
    this.regions = regions;
  }

  /**
   * Validates the request; every problem is reported at once.
   *
   * @return the account executive, resolved from an engine user id or email
   */
  public Person validate(HandoffRequest request) {
    Validation v = new Validation();
    if (v.required("contractId", request.contractId()) && !CONTRACT_ID.matcher(request.contractId()).matches()) {
      v.reject("contractId", "must be 1-100 letters, digits or . _ : / -");
    }
    AccountDetails account = request.account();
    if (v.required("account", account)) {
      if (v.required("account.name", account.name())) {
        v.maxLength("account.name", account.name(), 200);
      }
      if (v.required("account.segment", account.segment()) && Segment.fromCode(account.segment()).isEmpty()) {
        v.reject("account.segment", "must be one of " + Segment.codes());
      }
      if (v.required("account.region", account.region()) && region(account.region()).isEmpty()) {
        v.reject("account.region", "must be one of " + String.join(", ", regions));
      }
      v.maxLength("account.crmAccountId", account.crmAccountId(), 100);
    }
    if (v.required("arr", request.arr()) && request.arr().signum() < 0) {
      v.reject("arr", "must not be negative");
    }
    boolean datesGiven = v.required("contractStart", request.contractStart());
    datesGiven &= v.required("contractEnd", request.contractEnd());
    if (datesGiven && !request.contractEnd().isAfter(request.contractStart())) {
      v.reject("contractEnd", "must be after contractStart");
    }
    Person accountExecutive = null;
    if (v.required("accountExecutive", request.accountExecutive())) {
      // One query for the account executive a CRM names; the one that tells why only when it fails.
      Optional<Person> member = people.findMemberByIdOrEmail(request.accountExecutive(), Groups.SALES);
      if (member.isPresent()) {
        accountExecutive = member.get();
      } else {
        v.reject("accountExecutive", people.findByIdOrEmail(request.accountExecutive())
            .map(someone -> "user '" + someone.id() + "' is not in the sales team")
            .orElse("no user with id or email '" + request.accountExecutive() + "'"));
      }
    }
    items(v, "businessGoals", request.businessGoals());
    items(v, "successCriteria", request.successCriteria());
    items(v, "useCases", request.useCases());
    items(v, "technicalRequirements", request.technicalRequirements());
    items(v, "knownRisks", request.knownRisks());
    if (request.promisedItems() != null) {
      for (int i = 0; i < request.promisedItems().size(); i++) {
        PromisedItem item = request.promisedItems().get(i);
        String field = "promisedItems[" + i + "]";
        if (item == null) {
          v.reject(field, "must not be empty");
        } else if (v.required(field + ".description", item.description())) {
          v.maxLength(field + ".description", item.description(), MAX_ITEM);
        }
      }
    }
    if (request.stakeholders() != null) {
      for (int i = 0; i < request.stakeholders().size(); i++) {
        BriefStakeholder s = request.stakeholders().get(i);
        String field = "stakeholders[" + i + "]";
        if (s == null) {
          v.reject(field, "must not be empty");
          continue;
        }
        if (v.required(field + ".name", s.name())) {
          v.maxLength(field + ".name", s.name(), 200);
        }
        if (v.required(field + ".role", s.role()) && StakeholderRole.fromCode(s.role()).isEmpty()) {
          v.reject(field + ".role", "must be one of " + StakeholderRole.codes());
        }
        v.email(field + ".email", s.email());
      }
    }
    v.throwIfInvalid();
    return accountExecutive;
  }

  /**
   * Records the closed contract and its brief. A contract that already has a handoff is refused
   * with {@link DuplicateHandoffException}; the database's unique contract id backs this up when
   * two deliveries of the same event race.
   */
  public Registration register(HandoffRequest request) {
    return register(request, validate(request));
  }

  /**
   * Records a closed contract that {@link #validate} passed, with the account executive it
   * resolved. The brief is scored as recorded, so the CRM hears at once how complete it was.
   */
  public Registration register(HandoffRequest request, Person accountExecutive) {
    String contractId = request.contractId().trim();
    // A contract and its handoff commit together: one look-up tells a delivery of a contract already
    // handed off from a contract recorded without a handoff. A delivery that races past it fails on
    // the contract's primary key (HandoffIntake answers with the winner's handoff).
    if (accounts.findContract(contractId).isPresent()) {
      handoffs.findByContractId(contractId).ifPresent(existing -> {
        throw new DuplicateHandoffException(existing);
      });
      new Validation().reject("contractId", "contract " + contractId + " is already recorded").throwIfInvalid();
    }
    AccountDetails details = request.account();
    String crmAccountId = blankToNull(details.crmAccountId());
    long accountId;
    Optional<Account> known = crmAccountId == null ? Optional.empty() : accounts.findByCrmAccountId(crmAccountId);
    if (known.isPresent()) {
      // A new contract for a customer we already serve: the account is kept, its ARR follows the new term.
      accountId = known.get().id();
      accounts.updateArr(accountId, request.arr());
    } else {
      accountId = accounts.insert(new NewAccount(crmAccountId, details.name().trim(),
          Segment.fromCode(details.segment()).orElseThrow(), region(details.region()).orElseThrow(),
          request.arr(), accountExecutive.id()));
    }
    accounts.insertContract(new Contract(contractId, accountId, request.contractStart(), request.contractEnd(),
        request.arr()));
    HandoffBrief brief = request.brief();
    saveStakeholders(accountId, brief.stakeholders());
    if (known.isPresent()) {
      // The account's stakeholders from earlier terms count towards this brief too.
      brief = brief.withStakeholders(accounts.stakeholdersOf(accountId).stream().map(BriefStakeholder::of).toList());
    }
    long handoffId = handoffs.insert(contractId, accountId, accountExecutive.id(), scorer.score(brief));
    handoffs.saveItems(handoffId, brief);
    return new Registration(handoffId, accountId, contractId, accountExecutive.id(),
        deadlines.kickoffDue(request.contractStart()));
  }

  /** Champion and executive sponsor are one person each; other stakeholders are added. */
  void saveStakeholders(long accountId, List<BriefStakeholder> stakeholders) {
    for (BriefStakeholder s : stakeholders) {
      StakeholderRole role = StakeholderRole.fromCode(s.role()).orElseThrow();
      String email = blankToNull(s.email());
      if (role == StakeholderRole.CHAMPION || role == StakeholderRole.EXECUTIVE_SPONSOR) {
        accounts.replaceStakeholder(accountId, role, s.name().trim(), email);
      } else {
        accounts.insertStakeholder(new Stakeholder(null, accountId, s.name().trim(), role, email));
      }
    }
  }

  private Optional<String> region(String region) {
    return regions.stream().filter(r -> r.equalsIgnoreCase(region.trim())).findFirst();
  }

  private static void items(Validation v, String field, List<String> items) {
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null || items.get(i).isBlank()) {
        v.reject(field + "[" + i + "]", "must not be empty");
      } else {
        v.maxLength(field + "[" + i + "]", items.get(i), MAX_ITEM);
      }
    }
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
