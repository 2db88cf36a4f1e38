package io.csplaybooks.qbr;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/** What the QBR module tells other modules about an account's business reviews: the packs prepared and the meetings held. */
@Component
public class QbrHistory {

  /** A round's prepared pack; its JSON is read only by the pack's page. */
  public record PackRow(long accountId, int round, LocalDate qbrDate, Instant preparedAt, @JsonIgnore String json) {}

  /** What the CSM recorded after a round's meeting. */
  public record Outcome(long accountId, int round, LocalDate heldOn, String kpiValues, String goals,
      String expansionSignals, String notes, String recordedBy, Instant recordedAt) {}

  private final QbrRepository qbrs;

  QbrHistory(QbrRepository qbrs) {
    this.qbrs = qbrs;
  }

  /** The account's prepared packs, by round, without their content. */
  public List<PackRow> packs(long accountId) {
    return qbrs.packs(accountId);
  }

  /** The account's recorded meetings, by round. */
  public List<Outcome> outcomes(long accountId) {
    return qbrs.outcomes(accountId);
  }
}
