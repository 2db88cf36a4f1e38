package io.csplaybooks.trigger;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Segment;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.health.AccountHealth;
import io.csplaybooks.health.HealthBand;
import io.csplaybooks.renewal.RenewalsDue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * For which accounts a trigger's conditions all hold now: each condition is one statement of the module
 * that keeps its data (through its door), over every account or the ones given, and the trigger's
 * answer is their intersection with its segments. Never account by account.
 */
@Component
class TriggerConditions {

  private final AccountHealth health;
  private final Accounts accounts;
  private final RenewalsDue renewals;

  TriggerConditions(AccountHealth health, Accounts accounts, RenewalsDue renewals) {
    this.health = health;
    this.accounts = accounts;
    this.renewals = renewals;
  }

  /** The open accounts among those given (all when null) for which every condition holds at the instant. */
  Set<Long> holding(TriggerRepository.Stored trigger, Collection<Long> among, Instant now) {
    Set<Long> holding = accounts.openIn(trigger.segments().stream().map(s -> Segment.fromCode(s).orElseThrow()).toList(),
        among);
    for (TriggerCondition condition : trigger.conditions()) {
      if (holding.isEmpty()) {
        break;
      }
      // Over every account (the night) each condition is one statement over all of them; over the
      // accounts just scored, a statement per thousand of those still in.
      Collection<Long> ask = among == null ? null : holding;
      Set<Long> these = holds(condition, trigger.createdAt(), ask, now);
      holding = new HashSet<>(holding);
      holding.retainAll(these);
    }
    return holding;
  }

  private Set<Long> holds(TriggerCondition c, Instant declaredAt, Collection<Long> among, Instant now) {
    return switch (c.kindOf()) {
      case HEALTH_BAND -> health.atOrBelowBand(HealthBand.fromCode(c.band()), among);
      case SCORE_DROP -> health.scoreFell(c.points(), daysBefore(now, c.days()), among);
      case USAGE_DROP -> health.usageFell(c.percent(), days(c.days()), now, among);
      case NPS_DETRACTOR -> health.detractorsSince(daysBefore(now, c.days()), among);
      case RENEWAL_NEAR -> renewals.within(days(c.days()), LocalDate.ofInstant(now, ZoneId.systemDefault()), among);
      case NO_CONTACT -> health.noContactSince(daysBefore(now, c.days()), among);
      // A change from before the trigger was declared is not news to it.
      case STAKEHOLDER_CHANGED -> accounts.stakeholderChangedSince(StakeholderRole.fromCode(c.role()).orElseThrow(),
          latest(daysBefore(now, c.days()), declaredAt), among);
    };
  }

  private static Instant daysBefore(Instant now, Integer days) {
    return now.minusSeconds(86_400L * days(days));
  }

  /** A stored condition without its days (written by hand in the database) looks back the usual 30. */
  private static int days(Integer days) {
    return days == null ? Triggers.DEFAULT_DAYS : days;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
