package io.csplaybooks.handoff;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.account.ContractKind;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.account.MoneySettings;
import io.csplaybooks.account.NewAccount;
import io.csplaybooks.account.Segment;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.common.CommonSettings;
import io.csplaybooks.common.ForbiddenException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Records a closed contract: validates it, creates or finds the account, stores the contract,
 * stakeholders and brief. Shared by the REST intake and the Tasklist start form.
 */
@Service
class HandoffRegistry {

  // Each limit is the limit of the smallest place the field lands, so that what intake accepts every
  // later step can store and show.
  /** contract.contract_id is varchar(100); a renewal appends "/R" and the term's number. */
  static final int MAX_CONTRACT_ID = 90;
  private static final Pattern CONTRACT_ID = Pattern.compile("[A-Za-z0-9._:/-]{1," + MAX_CONTRACT_ID + "}");
  /** Goals, criteria, use cases and risks: handoff_item and the success plan's lines (varchar(2000)). */
  static final int MAX_ITEM = 2000;
  /** A technical requirement names the engineering task "Set up …" (the engine's task names: 255 characters). */
  static final int MAX_REQUIREMENT = 255 - "Set up ".length();
  /** A promised item becomes a success-plan milestone (its name: varchar(300)). */
  static final int MAX_PROMISE = 300;
  /** Entries per list: each technical requirement is a task, each promise a milestone. */
  static final int MAX_ENTRIES = 50;
  /** ARR is numeric(14, 2). */
  static final int ARR_DIGITS = 12;
  static final LocalDate EARLIEST_START = LocalDate.of(2000, 1, 1);
  static final LocalDate LATEST_START = LocalDate.of(2099, 12, 31);
  static final int MAX_TERM_YEARS = 10;

  private final Accounts accounts;
  private final HandoffRepository handoffs;
  private final People people;
  private final HandoffDeadlines deadlines;
  private final BriefScorer scorer;
  private final List<String> regions;
  private final String defaultCurrency;

  public HandoffRegistry(Accounts accounts, HandoffRepository handoffs, People people,
      HandoffDeadlines deadlines, HandoffSettings settings, MoneySettings money,
      CommonSettings common) {
    this.accounts = accounts;
    this.handoffs = handoffs;
    this.people = people;
    this.deadlines = deadlines;
    this.scorer = settings.scorer();
    this.regions = common.regions();
    this.defaultCurrency = money.defaultCurrency();
  }

  /**
   * Validates the request; every problem is reported at once.
   *
   * @return the account executive, resolved from an engine user id or email
   */
  public Person validate(HandoffRequest request) {
    Validation v = new Validation();
    if (v.required("contractId", request.contractId()) && !CONTRACT_ID.matcher(request.contractId()).matches()) {
      v.reject("contractId", "must be 1-" + MAX_CONTRACT_ID + " letters, digits or . _ : / -");
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
    if (v.required("arr", request.arr())) {
      v.money("arr", request.arr(), ARR_DIGITS, 2);
    }
    boolean datesGiven = v.required("contractStart", request.contractStart());
    datesGiven &= v.required("contractEnd", request.contractEnd());
    if (datesGiven && (request.contractStart().isBefore(EARLIEST_START) || request.contractStart().isAfter(LATEST_START))) {
      v.reject("contractStart", "must be between " + EARLIEST_START + " and " + LATEST_START);
    } else if (datesGiven) {
      checkTerm(v, "contractEnd", request.contractEnd(), request.contractStart(), "contractStart");
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
    items(v, "businessGoals", request.businessGoals(), MAX_ITEM);
    items(v, "successCriteria", request.successCriteria(), MAX_ITEM);
    items(v, "useCases", request.useCases(), MAX_ITEM);
    items(v, "technicalRequirements", request.technicalRequirements(), MAX_REQUIREMENT);
    items(v, "knownRisks", request.knownRisks(), MAX_ITEM);
    promisedItems(v, request.promisedItems());
    v.maxSize("stakeholders", request.stakeholders(), MAX_ENTRIES);
    if (request.kind() != null && !request.kind().isBlank()
        && ContractKind.fromCode(request.kind()).filter(k -> k != ContractKind.RENEWAL).isEmpty()) {
      v.reject("kind", "must be one of " + ContractKind.salesCodes());
    }
    if (request.currency() != null && !request.currency().isBlank()
        && MoneySettings.currencyCode(request.currency()).isEmpty()) {
      v.reject("currency", "must be an ISO 4217 currency code, such as USD, EUR or KRW");
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
          v.maxLength(field + ".name", s.name().trim(), 200);
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
  public Registration register(HandoffRequest request, Caller caller, String requestJson) {
    return register(request, validate(request), caller, requestJson);
  }

  /**
   * Records a closed contract that {@link #validate} passed, with the account executive it
   * resolved. The brief is scored as recorded, so the CRM hears at once how complete it was.
   */
  public Registration register(HandoffRequest request, Person accountExecutive, Caller caller, String requestJson) {
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
    Optional<Account> known = crmAccountId == null ? Optional.empty() : accounts.findByCrmAccountId(crmAccountId);
    String currency = currency(request);
    String why = "contract " + contractId;
    // A customer we serve buys an add-on; a new customer, or a churned one won back, starts anew.
    boolean expansion = known.isPresent() && known.get().lifecycleStage() != LifecycleStage.CHURNED;
    ContractKind kind = request.kind() == null || request.kind().isBlank()
        ? (expansion ? ContractKind.UPSELL : ContractKind.NEW_LOGO) : ContractKind.fromCode(request.kind()).orElseThrow();
    Validation v = new Validation();
    if (known.isPresent()) {
      authorize(known.get(), caller);
      if (!currency.equals(known.get().currency())) {
        v.reject("currency", "must be " + known.get().currency() + ", the currency of account " + known.get().id()
            + "'s contracts");
      }
    }
    if (kind.isAddOn() != expansion) {
      v.reject("kind", expansion
          ? "account " + known.get().id() + " is a customer already: a contract for it is upsell or cross-sell"
          : known.isPresent() ? "account " + known.get().id() + " has churned: the contract that wins it back is new-logo"
          : "no account has crmAccountId '" + crmAccountId + "': the first contract of a customer is new-logo");
    }
    v.throwIfInvalid();
    long accountId;
    if (known.isEmpty()) {
      accountId = accounts.insert(new NewAccount(crmAccountId, details.name().trim(),
          Segment.fromCode(details.segment()).orElseThrow(), region(details.region()).orElseThrow(),
          request.arr(), currency, accountExecutive.id()), why + " closed");
    } else {
      accountId = known.get().id();
      if (!expansion) {
        accounts.moveToStage(accountId, LifecycleStage.HANDOFF, "won back with " + why, caller.id());
      }
    }
    accounts.insertContract(new Contract(contractId, accountId, request.contractStart(), request.contractEnd(),
        request.arr(), kind, currency, null));
    HandoffBrief brief = request.brief();
    if (known.isPresent()) {
      accounts.recomputeArr(accountId);
      addStakeholders(accountId, brief.stakeholders(), why + " (" + kind.code() + ")", caller.id());
      // The account's stakeholders from earlier terms count towards this brief too.
      brief = brief.withStakeholders(accounts.stakeholdersOf(accountId).stream().map(BriefStakeholder::of).toList());
    } else {
      saveStakeholders(accountId, brief.stakeholders());
    }
    long handoffId = handoffs.insert(contractId, accountId, accountExecutive.id(), scorer.score(brief), requestJson);
    handoffs.saveItems(handoffId, brief);
    return new Registration(handoffId, accountId, contractId, accountExecutive.id(),
        deadlines.kickoffDue(request.contractStart()), expansion);
  }

  /**
   * Only the account's executive of record, the sales manager and CS managers (and administrators,
   * who may call everything) add a contract to an account we serve; so does the CRM's integration,
   * which is where contracts are recorded.
   */
  void authorize(Account account, Caller caller) {
    String salesManager = deadlines.salesManager();
    if (caller.integration() || caller.groups().contains(Groups.CS_MANAGERS)
        || caller.groups().contains(Groups.CAMUNDA_ADMIN)
        || caller.id().equals(account.accountExecutiveId()) || caller.id().equals(salesManager)) {
      return;
    }
    throw new ForbiddenException("only the executive of record of account " + account.id() + " ("
        + account.accountExecutiveId() + "), the sales manager or a CS manager may add a contract to it");
  }

  /**
   * Stakeholders a later contract names, added to the account's: a known person (by email, or by
   * name) in a new role, and a new champion or executive sponsor taking the role from the former
   * one (who stays, as a user), are recorded changes.
   */
  private void addStakeholders(long accountId, List<BriefStakeholder> named, String reason, String by) {
    for (BriefStakeholder s : named) {
      StakeholderRole role = StakeholderRole.fromCode(s.role()).orElseThrow();
      List<Stakeholder> current = accounts.stakeholdersOf(accountId);
      Optional<Stakeholder> same = current.stream().filter(c -> samePerson(c, s)).findFirst();
      if (same.isPresent() && same.get().role() == role) {
        continue;
      }
      if (role == StakeholderRole.CHAMPION || role == StakeholderRole.EXECUTIVE_SPONSOR) {
        current.stream().filter(c -> c.role() == role && !samePerson(c, s)).forEach(former ->
            accounts.changeStakeholderRole(former, StakeholderRole.USER, reason + " names " + s.name().trim()
                + " as " + role.code(), by));
      }
      if (same.isPresent()) {
        accounts.changeStakeholderRole(same.get(), role, reason, by);
      } else {
        accounts.addStakeholder(new Stakeholder(null, accountId, s.name().trim(), role, blankToNull(s.email())), reason, by);
      }
    }
  }

  private static boolean samePerson(Stakeholder known, BriefStakeholder named) {
    String email = blankToNull(named.email());
    if (email != null && known.email() != null) {
      return known.email().equalsIgnoreCase(email);
    }
    return known.name().trim().equalsIgnoreCase(named.name().trim());
  }

  private String currency(HandoffRequest request) {
    return MoneySettings.currencyCode(request.currency()).orElse(defaultCurrency);
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

  /** A contract's term: it ends after it starts, at most {@value #MAX_TERM_YEARS} years later. */
  static void checkTerm(Validation v, String endField, LocalDate end, LocalDate start, String startNamed) {
    if (!end.isAfter(start)) {
      v.reject(endField, "must be after " + startNamed);
    } else if (end.isAfter(start.plusYears(MAX_TERM_YEARS))) {
      v.reject(endField, "must be at most " + MAX_TERM_YEARS + " years after " + startNamed);
    }
  }

  /** Whether we serve the account with this CRM id (not churned): a contract for it is an add-on. */
  public boolean servesAccount(String crmAccountId) {
    return accounts.findByCrmAccountId(crmAccountId.trim())
        .filter(a -> a.lifecycleStage() != LifecycleStage.CHURNED).isPresent();
  }

  /** The limits of a brief edited in the "Complete handoff brief" form: the same as at intake. */
  static void checkLimits(HandoffBrief brief, Validation v) {
    items(v, "businessGoals", brief.businessGoals(), MAX_ITEM);
    items(v, "successCriteria", brief.successCriteria(), MAX_ITEM);
    items(v, "useCases", brief.useCases(), MAX_ITEM);
    items(v, "technicalRequirements", brief.technicalRequirements(), MAX_REQUIREMENT);
    items(v, "knownRisks", brief.knownRisks(), MAX_ITEM);
    promisedItems(v, brief.promisedItems());
  }

  private static void promisedItems(Validation v, List<PromisedItem> items) {
    if (items == null) {
      return;
    }
    v.maxSize("promisedItems", items, MAX_ENTRIES);
    for (int i = 0; i < items.size(); i++) {
      PromisedItem item = items.get(i);
      String field = "promisedItems[" + i + "]";
      if (item == null) {
        v.reject(field, "must not be empty");
        continue;
      }
      if (v.required(field + ".description", item.description())) {
        v.maxLength(field + ".description", item.description().trim(), MAX_PROMISE);
      }
      if (item.dueDate() != null && (item.dueDate().isBefore(EARLIEST_START) || item.dueDate().isAfter(LATEST_START))) {
        v.reject(field + ".dueDate", "must be between " + EARLIEST_START + " and " + LATEST_START);
      }
    }
  }

  private static void items(Validation v, String field, List<String> items, int maxLength) {
    if (items == null) {
      return;
    }
    v.maxSize(field, items, MAX_ENTRIES);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null || items.get(i).isBlank()) {
        v.reject(field + "[" + i + "]", "must not be empty");
      } else {
        v.maxLength(field + "[" + i + "]", items.get(i).trim(), maxLength);
      }
    }
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
