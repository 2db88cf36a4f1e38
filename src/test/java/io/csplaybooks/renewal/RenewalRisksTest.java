package io.csplaybooks.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.account.Segment;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.health.AccountHealth;
import io.csplaybooks.intervention.Interventions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The renewal-risk use case without the engine: what it reads of other modules, and what it stores. */
class RenewalRisksTest {

  static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
  static final long ACCOUNT = 7L;
  static final long RENEWAL = 11L;

  final Accounts accounts = mock(Accounts.class);
  final RenewalRepository renewals = mock(RenewalRepository.class);
  final AccountHealth health = mock(AccountHealth.class);
  final Interventions interventions = mock(Interventions.class);
  final RenewalRisks risks = new RenewalRisks(accounts, renewals, health, interventions,
      new RenewalSettings(120, List.of(90, 60, 30), 3, 3, 6, "dana"));

  @BeforeEach
  void today() {
    ClockUtil.setCurrentTime(Date.from(TODAY.atTime(9, 0).atZone(ZoneId.systemDefault()).toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aRenewalAtRiskIsScoredFromTheAccountsHealthUsageSupportPlaysAndPeople() {
    renewalIn(45);
    account("yellow");
    when(health.latestTrend(ACCOUNT)).thenReturn(Optional.of(-12));
    when(health.adoption(ACCOUNT, TODAY.minusDays(15), TODAY)).thenReturn(50);
    when(health.adoption(ACCOUNT, TODAY.minusDays(45), TODAY.minusDays(25))).thenReturn(70);
    when(health.escalatedSince(ACCOUNT, TODAY.minusDays(30))).thenReturn(2);
    when(health.latestNps(ACCOUNT)).thenReturn(5);
    when(interventions.isOpen(ACCOUNT)).thenReturn(true);
    when(accounts.stakeholdersOf(ACCOUNT)).thenReturn(List.of(
        new Stakeholder(1L, ACCOUNT, "Kim Min-ji", StakeholderRole.EXECUTIVE_SPONSOR, "minji@hanbit.example")));

    RenewalRisk.Result result = risks.score(RENEWAL);

    assertThat(result.level()).isEqualTo(RenewalRisk.Level.HIGH);
    assertThat(result.points()).isEqualTo(14);
    verify(renewals).risk(RENEWAL, "high", "health is yellow; health fell 12 points in 30 days;"
        + " usage fell from 70% to 50% of seats; a save play is open; 2 escalated tickets in 30 days; no champion;"
        + " latest NPS 5 (detractor); renewal in 45 days");
  }

  @Test
  void aHealthyAccountWithAChampionFarFromRenewalIsLowRisk() {
    renewalIn(120);
    account("green");
    when(health.latestTrend(ACCOUNT)).thenReturn(Optional.empty());
    when(health.adoption(anyLong(), any(), any())).thenReturn(null); // no usage signal, no NPS answer
    when(health.latestNps(ACCOUNT)).thenReturn(null);
    when(accounts.stakeholdersOf(ACCOUNT)).thenReturn(List.of(
        new Stakeholder(1L, ACCOUNT, "Lee Ji-ho", StakeholderRole.CHAMPION, "jiho@hanbit.example")));

    assertThat(risks.score(RENEWAL).level()).isEqualTo(RenewalRisk.Level.LOW);
    verify(renewals).risk(RENEWAL, "low", "");
  }

  @Test
  void anUnknownRenewalStoresNothing() {
    when(renewals.find(RENEWAL)).thenReturn(Optional.empty());

    assertThatThrownBy(() -> risks.score(RENEWAL)).isInstanceOf(NotFoundException.class).hasMessageContaining("11");
    verify(renewals, never()).risk(anyLong(), anyString(), anyString());
  }

  private void renewalIn(int days) {
    when(renewals.find(RENEWAL)).thenReturn(Optional.of(new RenewalRepository.Renewal(RENEWAL, "C-7", ACCOUNT,
        TODAY.plusDays(days), BigDecimal.valueOf(120_000), "carol", null, null, null, null)));
  }

  private void account(String band) {
    when(accounts.findById(ACCOUNT)).thenReturn(Optional.of(new Account(ACCOUNT, "CRM-7", "한빛 물산", Segment.values()[0],
        "APAC", BigDecimal.valueOf(120_000), "USD", LifecycleStage.values()[0], "carol", "alex", "carol", null, null,
        60, band, Instant.EPOCH, Instant.EPOCH)));
  }
}
