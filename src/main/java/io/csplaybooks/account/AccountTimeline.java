package io.csplaybooks.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What happened to an account, oldest first: its lifecycle moves (from, to, why, who), its contracts
 * and their amendments, its stakeholders' changes, and its moves between CSMs with the handover note.
 */
@Service
public class AccountTimeline {

  private final Accounts accounts;

  public AccountTimeline(Accounts accounts) {
    this.accounts = accounts;
  }

  /** One thing that happened: what kind, in a sentence, who did it, and the details by name. */
  public record Entry(Instant at, String kind, String summary, String by, Map<String, Object> details) {}

  public List<Entry> of(long accountId) {
    List<Entry> entries = new ArrayList<>();
    for (LifecycleMove move : accounts.lifecycleMoves(accountId)) {
      entries.add(new Entry(move.at(), "lifecycle", (move.from() == null ? "became a customer in " + move.to().code()
          : "moved from " + move.from().code() + " to " + move.to().code()) + ": " + move.reason(), move.by(),
          details("from", move.from() == null ? null : move.from().code(), "to", move.to().code(), "reason",
              move.reason())));
    }
    for (Map.Entry<Contract, Instant> recorded : accounts.contractsRecorded(accountId)) {
      Contract c = recorded.getKey();
      entries.add(new Entry(recorded.getValue(), "contract", c.kind().code() + " contract " + c.contractId() + ": "
          + c.arr().stripTrailingZeros().toPlainString() + " " + c.currency() + " ARR, " + c.startDate() + " to "
          + c.endDate(), null, details("contractId", c.contractId(), "kind", c.kind().code(), "arr", c.arr(),
          "currency", c.currency(), "startDate", c.startDate(), "endDate", c.endDate(), "replaces", c.replaces())));
    }
    for (ContractAmendment a : accounts.amendmentsOfAccount(accountId)) {
      entries.add(new Entry(a.at(), "amendment", "contract " + a.contractId() + " amended: " + a.reason(), a.by(),
          details("contractId", a.contractId(), "changes", a.changes(), "reason", a.reason())));
    }
    for (StakeholderChange s : accounts.stakeholderChanges(accountId)) {
      entries.add(new Entry(s.at(), "stakeholder", s.from() == null ? s.name() + " joined as " + s.to().code()
          : s.name() + ": " + s.from().code() + " to " + s.to().code(), s.by(),
          details("name", s.name(), "from", s.from() == null ? null : s.from().code(), "to", s.to().code(), "reason",
              s.reason())));
    }
    for (CsmMove m : accounts.csmMoves(accountId)) {
      entries.add(new Entry(m.at(), "csm", "moved from CSM " + m.from() + " to " + m.to() + ": " + m.note(), m.by(),
          details("from", m.from(), "to", m.to(), "note", m.note())));
    }
    entries.sort(Comparator.comparing(Entry::at));
    return entries;
  }

  private static Map<String, Object> details(Object... pairs) {
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        details.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return details;
  }
}
