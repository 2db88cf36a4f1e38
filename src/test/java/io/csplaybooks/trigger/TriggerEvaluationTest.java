package io.csplaybooks.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Contract;
import io.csplaybooks.account.ContractKind;
import io.csplaybooks.account.NewAccount;
import io.csplaybooks.account.Segment;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.health.HealthBand;
import io.csplaybooks.health.HealthFixtures;
import io.csplaybooks.health.HealthRecord;
import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each kind of trigger fires on the accounts it should and only on them, once per episode, and again
 * after the episode closed; a segment filter narrows it. Evaluated over this test's accounts only (the
 * database is shared), as the signal intake does; the nightly run is the same over every account.
 */
class TriggerEvaluationTest extends IntegrationTest {

  @Autowired Triggers triggers;
  @Autowired TriggerEvaluation evaluation;
  @Autowired Accounts accounts;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;

  private final List<Long> declared = new ArrayList<>();

  @AfterEach
  void switchOffThisTestsTriggers() {
    // Other tests' signals would evaluate them too.
    declared.forEach(id -> triggers.enable(id, false, "test"));
  }

  @Test
  void healthFellIntoABandFiresOncePerEpisodeAndAgainAfterItClosed() {
    Trigger yellow = declare(condition("health-band", "yellow", null, null, null, null));
    long sliding = account(Segment.ENTERPRISE);
    long green = account(Segment.ENTERPRISE);
    long red = account(Segment.ENTERPRISE);
    score(sliding, 80, 2);
    score(green, 90, 2);
    score(red, 30, 2);
    List<Long> mine = List.of(sliding, green, red);

    assertThat(firedFor(yellow, mine)).containsExactlyInAnyOrder(red);
    score(sliding, 60, 1);
    assertThat(firedFor(yellow, mine)).containsExactly(sliding);
    // Still yellow, then red: the same episode, no second fire.
    score(sliding, 55, 0);
    assertThat(firedFor(yellow, mine)).isEmpty();
    score(sliding, 40, 0);
    assertThat(firedFor(yellow, mine)).isEmpty();
    assertThat(episodes(yellow, sliding)).isEqualTo(1);

    // Recovered to green: the episode closes; the next slide fires again.
    score(sliding, 85, 0);
    assertThat(firedFor(yellow, mine)).isEmpty();
    assertThat(openEpisodes(yellow, sliding)).isZero();
    score(sliding, 70, 0);
    assertThat(firedFor(yellow, mine)).containsExactly(sliding);
    assertThat(episodes(yellow, sliding)).isEqualTo(2);
    assertThat(triggers.find(yellow.id()).firedLast30Days()).isEqualTo(3);
    assertThat(triggers.find(yellow.id()).lastFiredAt()).isNotNull();
  }

  @Test
  void aSegmentFilterWatchesOnlyItsSegments() {
    Trigger red = declare(new TriggerInput("Enterprise in the red " + UUID.randomUUID(), null,
        List.of(condition("health-band", "red", null, null, null, null)), List.of("enterprise", "strategic"), true));
    long enterprise = account(Segment.ENTERPRISE);
    long scaled = account(Segment.SCALED);
    score(enterprise, 20, 0);
    score(scaled, 20, 0);

    assertThat(firedFor(red, List.of(enterprise, scaled))).containsExactly(enterprise);
  }

  @Test
  void theScoreFellSoManyPointsWithinTheDays() {
    Trigger fell = declare(condition("score-drop", null, 15, 14, null, null));
    long fallen = account(Segment.MID_MARKET);
    long slowly = account(Segment.MID_MARKET);
    long longAgo = account(Segment.MID_MARKET);
    score(fallen, 85, 10);
    score(fallen, 65, 0);
    score(slowly, 85, 10);
    score(slowly, 75, 0);
    score(longAgo, 95, 30);
    score(longAgo, 70, 20);
    score(longAgo, 70, 0);

    assertThat(firedFor(fell, List.of(fallen, slowly, longAgo))).containsExactly(fallen);
  }

  @Test
  void usageDownSoManyPercentAgainstThirtyDaysBefore() {
    Trigger down = declare(condition("usage-drop", null, null, null, 25, null));
    long falling = account(Segment.SCALED);
    long steady = account(Segment.SCALED);
    long noHistory = account(Segment.SCALED);
    usage(falling, 80, 40);
    usage(falling, 50, 2);
    usage(steady, 80, 40);
    usage(steady, 70, 2);
    usage(noHistory, 20, 2);

    assertThat(firedFor(down, List.of(falling, steady, noHistory))).containsExactly(falling);
  }

  @Test
  void aDetractorsAnswerFiresAndAPromotersLaterAnswerEndsTheEpisode() {
    Trigger detractor = declare(condition("nps-detractor", null, null, null, null, null));
    long unhappy = account(Segment.MID_MARKET);
    long happy = account(Segment.MID_MARKET);
    long longAgo = account(Segment.MID_MARKET);
    nps(unhappy, 4, 3);
    nps(happy, 9, 3);
    nps(longAgo, 2, 60);
    List<Long> mine = List.of(unhappy, happy, longAgo);

    assertThat(firedFor(detractor, mine)).containsExactly(unhappy);
    nps(unhappy, 9, 1);
    assertThat(firedFor(detractor, mine)).isEmpty();
    assertThat(openEpisodes(detractor, unhappy)).isZero();
    nps(unhappy, 6, 0);
    assertThat(firedFor(detractor, mine)).containsExactly(unhappy);
  }

  @Test
  void daysBeforeAnOpenRenewal() {
    Trigger near = declare(condition("renewal-near", null, null, 45, null, null));
    long soon = account(Segment.ENTERPRISE);
    long later = account(Segment.ENTERPRISE);
    long decided = account(Segment.ENTERPRISE);
    renewal(soon, LocalDate.now().plusDays(40), null);
    renewal(later, LocalDate.now().plusDays(90), null);
    renewal(decided, LocalDate.now().plusDays(20), "renewed");

    assertThat(firedFor(near, List.of(soon, later, decided))).containsExactly(soon);
  }

  @Test
  void noCallOrMeetingForTheDays() {
    Trigger quiet = declare(condition("no-contact", null, null, 30, null, null));
    long silent = account(Segment.SCALED);
    long met = account(Segment.SCALED);
    long justSigned = account(Segment.SCALED);
    ageAccount(silent, 90);
    ageAccount(met, 90);
    meeting(silent, 45);
    meeting(met, 5);

    assertThat(firedFor(quiet, List.of(silent, met, justSigned))).containsExactly(silent);
    meeting(silent, 0);
    assertThat(firedFor(quiet, List.of(silent, met, justSigned))).isEmpty();
    assertThat(openEpisodes(quiet, silent)).isZero();
  }

  @Test
  void theExecutiveSponsorChangedOrLeft() {
    Trigger sponsor = declare(condition("stakeholder-changed", null, null, null, null, "executive-sponsor"));
    long changed = account(Segment.STRATEGIC);
    long championOnly = account(Segment.STRATEGIC);
    long sponsorId = accounts.insertStakeholder(new Stakeholder(null, changed, "Ines Sponsor",
        StakeholderRole.EXECUTIVE_SPONSOR, "ines@example.com"));
    long championId = accounts.insertStakeholder(new Stakeholder(null, championOnly, "Cem Champion",
        StakeholderRole.CHAMPION, "cem@example.com"));
    List<Long> mine = List.of(changed, championOnly);
    assertThat(firedFor(sponsor, mine)).isEmpty();

    accounts.changeStakeholderRole(new Stakeholder(sponsorId, changed, "Ines Sponsor", StakeholderRole.EXECUTIVE_SPONSOR,
        "ines@example.com"), StakeholderRole.USER, "left for another company", "carl");
    accounts.changeStakeholderRole(new Stakeholder(championId, championOnly, "Cem Champion", StakeholderRole.CHAMPION,
        "cem@example.com"), StakeholderRole.USER, "moved teams", "carl");

    // A recorded change evaluates the account's triggers at once (StakeholderChanged): fired already.
    assertThat(openEpisodes(sponsor, changed)).isEqualTo(1);
    assertThat(openEpisodes(sponsor, championOnly)).isZero();
    assertThat(firedFor(sponsor, mine)).isEmpty();
  }

  @Test
  void everyConditionMustHoldAndASwitchedOffTriggerDoesNotFire() {
    Trigger both = declare(new TriggerInput("Red and detractor " + UUID.randomUUID(), null, List.of(
        condition("health-band", "red", null, null, null, null),
        condition("nps-detractor", null, null, 14, null, null)), List.of(), true));
    long redOnly = account(Segment.ENTERPRISE);
    long redAndUnhappy = account(Segment.ENTERPRISE);
    score(redOnly, 30, 0);
    score(redAndUnhappy, 30, 0);
    nps(redAndUnhappy, 3, 1);
    triggers.enable(both.id(), false, "mia");
    assertThat(firedFor(both, List.of(redOnly, redAndUnhappy))).isEmpty();

    triggers.enable(both.id(), true, "mia");
    assertThat(firedFor(both, List.of(redOnly, redAndUnhappy))).containsExactly(redAndUnhappy);
  }

  /**
   * The nightly run: every trigger that is on, over every account, each condition one statement over all
   * of them. Only this test's trigger is on for it (the database holds other tests' accounts), and it
   * fires for the one account whose sponsor changed since it was declared, once.
   */
  @Test
  void theNightlyRunEvaluatesEveryAccountAtOnce() {
    List<Long> wereOn = triggers.list().stream().filter(Trigger::enabled).map(Trigger::id).toList();
    wereOn.forEach(id -> triggers.enable(id, false, "test"));
    try {
      Trigger sponsor = declare(condition("stakeholder-changed", null, null, 7, null, "executive-sponsor"));
      long changed = account(Segment.ENTERPRISE);
      long sponsorId = accounts.insertStakeholder(new Stakeholder(null, changed, "Noor Sponsor",
          StakeholderRole.EXECUTIVE_SPONSOR, "noor@example.com"));
      accounts.changeStakeholderRole(new Stakeholder(sponsorId, changed, "Noor Sponsor",
          StakeholderRole.EXECUTIVE_SPONSOR, "noor@example.com"), StakeholderRole.USER, "retired", "carl");

      TriggerEvaluation.Outcome night = evaluation.evaluateAll();

      assertThat(night.triggers()).isEqualTo(1);
      assertThat(jdbc.sql("select account_id from trigger_episode where trigger_id = :t").param("t", sponsor.id())
          .query(Long.class).list()).containsExactly(changed);
      assertThat(evaluation.evaluateAll().fired()).isZero();
    } finally {
      wereOn.forEach(id -> triggers.enable(id, true, "test"));
    }
  }

  // ---- helpers

  private Trigger declare(TriggerCondition condition) {
    return declare(new TriggerInput("Test " + condition.kind() + " " + UUID.randomUUID(), null, List.of(condition),
        List.of(), true));
  }

  private Trigger declare(TriggerInput input) {
    Trigger trigger = triggers.declare(input, "mia");
    declared.add(trigger.id());
    return trigger;
  }

  static TriggerCondition condition(String kind, String band, Integer points, Integer days, Integer percent,
      String role) {
    return new TriggerCondition(kind, band, points, days, percent, role);
  }

  /** Evaluates every trigger over these accounts; the accounts the trigger fired for in this evaluation. */
  private Set<Long> firedFor(Trigger trigger, List<Long> among) {
    Set<Long> before = Set.copyOf(jdbc.sql("select id from trigger_episode where trigger_id = :t")
        .param("t", trigger.id()).query(Long.class).list());
    evaluation.evaluate(among);
    Set<Long> fired = new java.util.HashSet<>();
    jdbc.sql("select id, account_id from trigger_episode where trigger_id = :t").param("t", trigger.id())
        .query(rs -> {
          if (!before.contains(rs.getLong(1))) {
            fired.add(rs.getLong(2));
          }
        });
    return fired;
  }

  private long episodes(Trigger trigger, long account) {
    return jdbc.sql("select count(*) from trigger_episode where trigger_id = :t and account_id = :a")
        .param("t", trigger.id()).param("a", account).query(Long.class).single();
  }

  private long openEpisodes(Trigger trigger, long account) {
    return jdbc.sql("select count(*) from trigger_episode where trigger_id = :t and account_id = :a and closed_at is null")
        .param("t", trigger.id()).param("a", account).query(Long.class).single();
  }

  private long account(Segment segment) {
    return accounts.insert(new NewAccount("TRG-" + UUID.randomUUID(), "Trigger test " + segment.code(), segment, "EMEA",
        new BigDecimal("50000"), "EUR", "ada"), "test");
  }

  /** A score as the scoring writes it, days ago; the account's current health is its latest. */
  private void score(long account, int score, int daysAgo) {
    HealthBand band = score < 50 ? HealthBand.RED : score <= 75 ? HealthBand.YELLOW : HealthBand.GREEN;
    Instant at = Instant.now().minusSeconds(86_400L * daysAgo);
    HealthFixtures.saveScores(context, List.of(new HealthRecord(account, at, score, band, score, "test", "{}", null,
        "test", null)));
  }

  private void usage(long account, int active, int daysAgo) {
    signal(account, "usage", daysAgo, "active_users, licensed_seats", active + ", 100");
  }

  private void nps(long account, int answer, int daysAgo) {
    signal(account, "nps", daysAgo, "nps_score", String.valueOf(answer));
  }

  private void meeting(long account, int daysAgo) {
    signal(account, "engagement", daysAgo, "meeting_held", "true");
  }

  private void signal(long account, String type, int daysAgo, String columns, String values) {
    jdbc.sql("insert into customer_signal (signal_id, account_id, type, occurred_at, received_at, " + columns + ")"
            + " values (:id, :a, :type, :at, :at, " + values + ")")
        .param("id", "TRG-" + UUID.randomUUID()).param("a", account).param("type", type)
        .param("at", Timestamp.from(Instant.now().minusSeconds(86_400L * daysAgo + 60))).update();
  }

  private void ageAccount(long account, int days) {
    jdbc.sql("update account set created_at = :at where id = :a")
        .param("at", Timestamp.from(Instant.now().minusSeconds(86_400L * days))).param("a", account).update();
  }

  private void renewal(long account, LocalDate date, String outcome) {
    String contractId = "TRG-C-" + UUID.randomUUID();
    accounts.insertContract(new Contract(contractId, account, date.minusYears(1), date, new BigDecimal("50000"),
        ContractKind.NEW_LOGO, "EUR", null));
    jdbc.sql("""
            insert into renewal (contract_id, account_id, process_instance_id, renewal_date, arr_before, outcome,
                                 started_at)
            values (:c, :a, :p, :d, 50000, :o, :now)""")
        .param("c", contractId).param("a", account).param("p", "test-" + UUID.randomUUID())
        .param("d", java.sql.Date.valueOf(date)).param("o", outcome).param("now", Timestamp.from(Instant.now()))
        .update();
  }
}
