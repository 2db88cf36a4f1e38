package io.csplaybooks.qbr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.health.HealthRecord;
import io.csplaybooks.health.AccountHealth;
import io.csplaybooks.onboarding.SuccessPlan;
import io.csplaybooks.onboarding.SuccessPlans;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/** Prepares a round's QBR pack from the account's tables and stores it; reads stored packs. */
@Service
public class QbrPacks {

  /** How many recent scores the pack shows as the health trend. */
  static final int HEALTH_POINTS = 12;

  private final Accounts accounts;
  private final SuccessPlans plans;
  private final AccountHealth health;
  private final QbrRepository qbrs;
  private final ObjectMapper json;

  public QbrPacks(Accounts accounts, SuccessPlans plans, AccountHealth health, QbrRepository qbrs,
      ObjectMapper json) {
    this.accounts = accounts;
    this.plans = plans;
    this.health = health;
    this.qbrs = qbrs;
    this.json = json;
  }

  public QbrPack prepare(long accountId, int round, LocalDate qbrDate) {
    Account account = accounts.findById(accountId).orElseThrow(() -> new NotFoundException("no account " + accountId));
    Instant now = EngineClock.now();
    LocalDate today = now.atZone(ZoneId.systemDefault()).toLocalDate();

    List<HealthRecord> scores = health.history(accountId, HEALTH_POINTS);
    HealthRecord latest = scores.isEmpty() ? null : scores.get(0);
    QbrPack.Health healthNow = new QbrPack.Health(
        latest == null ? account.healthScore() : latest.score(),
        latest == null ? account.healthBand() : latest.band() == null ? null : latest.band().code(),
        latest == null ? null : latest.trend30d(),
        scores.stream().map(h -> new QbrPack.Point(h.scoredAt().atZone(ZoneId.systemDefault()).toLocalDate(), h.score(),
            h.band() == null ? null : h.band().code())).toList());

    SuccessPlan plan = plans.find(accountId).orElse(null);
    List<QbrPack.Kpi> kpis = plan == null ? List.of() : plan.kpis().stream().map(QbrPacks::kpi).toList();
    List<QbrPack.Risk> risks = new ArrayList<>(qbrs.openInterventions(accountId));
    if (plan != null) {
      plan.challenges().forEach(c -> risks.add(new QbrPack.Risk("challenge", c, null)));
    }

    LocalDate renewalDate = accounts.contractsOf(accountId).stream().map(Contract::endDate)
        .filter(end -> !end.isBefore(today)).min(Comparator.naturalOrder())
        .orElse(accounts.contractsOf(accountId).stream().map(Contract::endDate).max(Comparator.naturalOrder()).orElse(null));
    QbrPack.Renewal renewal = new QbrPack.Renewal(renewalDate,
        renewalDate == null ? null : ChronoUnit.DAYS.between(today, renewalDate), account.arr());

    QbrPack pack = new QbrPack(accountId, account.name(), account.segment().code(), round, qbrDate, now,
        account.csmId(), healthNow, kpis, qbrs.latestUsage(accountId).orElse(null), risks, renewal);
    try {
      qbrs.savePack(accountId, round, qbrDate, now, json.writeValueAsString(pack));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("QBR pack of account " + accountId + " cannot be written as JSON", e);
    }
    return pack;
  }

  public QbrPack find(long accountId, int round) {
    QbrHistory.PackRow row = qbrs.pack(accountId, round)
        .orElseThrow(() -> new NotFoundException("no QBR pack for round " + round + " of account " + accountId));
    try {
      return json.readValue(row.json(), QbrPack.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored QBR pack " + accountId + "/" + round + " is not readable", e);
    }
  }

  static QbrPack.Kpi kpi(SuccessPlan.Kpi k) {
    Integer progress = null;
    if (k.baseline() != null && k.target() != null && k.currentValue() != null && k.target().compareTo(k.baseline()) != 0) {
      progress = k.currentValue().subtract(k.baseline()).multiply(BigDecimal.valueOf(100))
          .divide(k.target().subtract(k.baseline()), 0, RoundingMode.HALF_UP).intValue();
    }
    return new QbrPack.Kpi(k.name(), k.unit(), k.baseline(), k.target(), k.currentValue(), k.dueDate(), progress);
  }
}
