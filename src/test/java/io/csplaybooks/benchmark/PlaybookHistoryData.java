package io.csplaybooks.benchmark;

import static io.csplaybooks.benchmark.PortfolioData.withoutIndexesAndForeignKeys;
import static io.csplaybooks.handoff.BriefItem.BUSINESS_GOALS;
import static io.csplaybooks.handoff.BriefItem.CHAMPION;
import static io.csplaybooks.handoff.BriefItem.EXECUTIVE_SPONSOR;
import static io.csplaybooks.handoff.BriefItem.KNOWN_RISKS;
import static io.csplaybooks.handoff.BriefItem.SUCCESS_CRITERIA;
import static io.csplaybooks.handoff.BriefItem.TECHNICAL_REQUIREMENTS;
import static io.csplaybooks.handoff.BriefItem.USE_CASES;

import io.csplaybooks.common.BusinessDays;
import io.csplaybooks.handoff.BriefItem;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A year of the sales handoff playbook (bpmn/sales-handoff.bpmn) in the engine's history, for the
 * benchmark of the playbook studio, which draws its figures from that history: finished handoffs
 * started over the last 365 days and running ones started over the last 60, each walking a path the
 * model allows, with the rows the engine writes on that path.
 *
 * <p>What a walk looks like was read off the engine itself (a real handoff in a test, its
 * ACT_HI_* rows dumped): the activity ids, names and types ({@code messageStartEvent},
 * {@code intermediateMessageThrowEvent}, {@code boundaryTimer}, {@code terminateEndEvent}, ...);
 * {@code ACT_INST_STATE_} 4 for a step that ended normally, 1 for an end event and the event
 * subprocess, 2 for a step cancelled (by the brief's interrupting timer, the terminate end or the
 * churn), 0 for one still open and for parallel gateways, ended or not; the two rows a parallel
 * join gets, one per arriving branch, both ending when the second arrives; the task rows with their
 * due dates, {@code completed} or {@code deleted}; the process-scope variables the handoff sets
 * (accountId, contractId, handoffId, briefScore, csmId, ...), as the engine types them. Each
 * instance has its account, contract and handoff row, as the intake makes them: the handoff's
 * business key is its contract id, and the handoff row links the account to the process instance
 * (that is how the account's story finds its handoffs; running_playbook holds onboardings and QBR
 * cycles only). Every flow taken out of a gateway has its playbook_path row, the merging gateways'
 * single flows and both flows out of the parallel split included.
 *
 * <p>The paths: 6% entered by hand (a start form, then "Register closed contract"), the rest from
 * the CRM; 30% of briefs come back incomplete and go to sales, 15% of those twice; an account
 * executive who does not complete the brief within 2 business days loses it to the interrupting
 * timer and the escalated task; strategic accounts and large enterprise ones need a CS manager's
 * review of the CSM; mails go out in seconds, now and then after an SMTP outage of hours; the
 * kickoff is held some days after the contract starts and is due 14 days after it, the overdue
 * ones get a follow-up task, which a CS manager closes or the kickoff ends; 3% of accounts churn
 * while the kickoff waits. Times are log-logistic around a median (heavy-tailed, capped), due dates
 * follow the app's own business-day rule ({@link BusinessDays}, turned into a table by weekday).
 *
 * <p>A running handoff waits in one user task, in the shares a steady flow of handoffs leaves in
 * each (the time spent there): 2% at the brief, 0.5% at the escalated brief, 1% at the review, the
 * rest at the kickoff, beside which an overdue kickoff's follow-up may be open too. Its walk is cut
 * at {@code now}: what came after is not written, what was under way then is open. Running
 * handoffs exist in the history only: the engine's runtime tables know nothing of them, so no timer
 * fires and no task shows in Tasklist.
 *
 * <p>Everything is set-based SQL on PostgreSQL ({@code generate_series}), deterministic for an
 * instance's number (hashes, not {@code random()}): one plan row per instance, one walk row with
 * every step's times, then one {@code INSERT ... SELECT} per table that unfolds each walk into its
 * rows. Ids start with the run's prefix (process instances {@code <prefix>p<n>}, contracts and
 * business keys {@code <prefix>c<n>}, the accounts' CRM ids {@code <prefix>a<n>}); {@link #delete}
 * removes exactly those. {@code REMOVAL_TIME_} stays null: the playbook's time to live (180 days)
 * would have the engine's history cleanup take the older half of the year away in its nightly
 * window, and the benchmark asks for the year.
 *
 * <p>The history tables' indexes are taken off during the bulk inserts and built again after
 * them ({@link PortfolioData#withoutIndexesAndForeignKeys}): the tables are locked meanwhile, so
 * this is for a benchmark's database or a test that runs alone, never for a database in use.
 */
public final class PlaybookHistoryData {

  public static final String KEY = "sales-handoff";
  /** Days the finished handoffs started over. */
  public static final int DAYS = 365;
  /** Days the running handoffs started over. */
  public static final int RUNNING_DAYS = 60;

  /** What one fill made: its marker, its accounts' id range, the moment it was made for. */
  public record History(String prefix, Instant now, int finished, int running, long firstAccountId,
      long lastAccountId, List<String> definitionIds) {}

  /** The rows a fill has in each table. */
  public record Counts(long finished, long running, long activityInstances, long openActivityInstances,
      long taskInstances, long openTasks, long variables, long paths, long accounts, long contracts,
      long handoffs) {}

  private static final Logger LOG = LoggerFactory.getLogger(PlaybookHistoryData.class);

  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  /** The duration of a step that has not ended by now: 31 years, far past any cut. */
  private static final long NEVER = 1_000_000_000_000L;
  /** How long the AE may take on a brief and never meet its timer (2 business days are 48 hours or more). */
  private static final long ALWAYS_IN_TIME = 47 * HOUR;

  /** The defaults of csp.handoff.brief.weights (application.yaml): a missing item costs its weight. */
  private static final Map<BriefItem, Integer> WEIGHTS = Map.of(BUSINESS_GOALS, 25, SUCCESS_CRITERIA, 15,
      CHAMPION, 15, EXECUTIVE_SPONSOR, 15, USE_CASES, 10, TECHNICAL_REQUIREMENTS, 10, KNOWN_RISKS, 10);
  /** What incomplete briefs lack (all under the threshold of 80). */
  private static final List<List<BriefItem>> INCOMPLETE = List.of(List.of(BUSINESS_GOALS),
      List.of(SUCCESS_CRITERIA, EXECUTIVE_SPONSOR), List.of(CHAMPION, USE_CASES),
      List.of(SUCCESS_CRITERIA, USE_CASES, KNOWN_RISKS), List.of(BUSINESS_GOALS, TECHNICAL_REQUIREMENTS),
      List.of(EXECUTIVE_SPONSOR, TECHNICAL_REQUIREMENTS, KNOWN_RISKS));
  /** What complete briefs may still lack. */
  private static final List<List<BriefItem>> COMPLETE = List.of(List.of(), List.of(), List.of(KNOWN_RISKS),
      List.of(USE_CASES), List.of(SUCCESS_CRITERIA), List.of(TECHNICAL_REQUIREMENTS, KNOWN_RISKS));

  /** The model's activities: id, name (null where the model has none), the type the engine writes. */
  record Activity(String id, String name, String type) {}

  static final Map<String, Activity> ACTIVITIES = List.of(
          new Activity("startContractClosed", "Contract closed in CRM", "messageStartEvent"),
          new Activity("startByHand", "Contract closed, entered by sales", "startEvent"),
          new Activity("registerClosedContract", "Register closed contract", "serviceTask"),
          new Activity("mergeStartGw", null, "exclusiveGateway"),
          new Activity("contractTermStarted", "Contract term started", "intermediateMessageThrowEvent"),
          new Activity("mergeBriefGw", null, "exclusiveGateway"),
          new Activity("scoreHandoffBrief", "Score handoff brief", "serviceTask"),
          new Activity("briefCompleteGw", "Brief complete?", "exclusiveGateway"),
          new Activity("completeHandoffBrief", "Complete handoff brief", "userTask"),
          new Activity("briefOverdue", "Brief overdue", "boundaryTimer"),
          new Activity("completeOverdueHandoffBrief", "Complete overdue handoff brief", "userTask"),
          new Activity("mergeBriefUpdatesGw", null, "exclusiveGateway"),
          new Activity("decideCsPod", "Decide CS pod", "businessRuleTask"),
          new Activity("pickLeastLoadedCsm", "Pick least-loaded CSM", "serviceTask"),
          new Activity("reviewGw", "Review needed?", "exclusiveGateway"),
          new Activity("reviewCsmAssignment", "Review CSM assignment", "userTask"),
          new Activity("mergeReviewGw", null, "exclusiveGateway"),
          new Activity("assignCsm", "Assign CSM to account", "serviceTask"),
          new Activity("splitAfterAssignmentGw", null, "parallelGateway"),
          new Activity("notifyCsmOfNewAccount", "Tell CSM about new account", "serviceTask"),
          new Activity("introduceCsmToCustomer", "Introduce CSM to customer", "serviceTask"),
          new Activity("endCsmIntroduced", "CSM introduced", "noneEndEvent"),
          new Activity("kickoff", "Kickoff", "subProcess"),
          new Activity("startKickoff", "CSM assigned", "startEvent"),
          new Activity("holdKickoff", "Hold kickoff", "userTask"),
          new Activity("kickoffOverdue", "Kickoff overdue", "boundaryTimer"),
          new Activity("followUpOverdueKickoff", "Follow up overdue kickoff", "userTask"),
          new Activity("endFollowedUp", "Overdue kickoff followed up", "noneEndEvent"),
          new Activity("endKickoffDone", "Kickoff done", "terminateEndEvent"),
          new Activity("moveAccountToOnboarding", "Move account to onboarding", "serviceTask"),
          new Activity("kickoffHeld", "Kickoff held", "intermediateMessageThrowEvent"),
          new Activity("endHandoffComplete", "Handoff complete", "noneEndEvent"),
          new Activity("accountChurned", "Account churned", "subProcess"),
          new Activity("startAccountChurned", "Account churned", "messageStartEvent"),
          new Activity("endAccountChurned", "Handoff ended: account churned", "noneEndEvent"))
      .stream().collect(Collectors.toMap(Activity::id, a -> a));

  /** Brief passes at most: the third scoring always finds the brief complete. */
  static final int PASSES = 3;

  private final DataSource dataSource;

  public PlaybookHistoryData(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Fills the history of {@code finished} handoffs started over the year to {@code now} and ended
   * by then, and {@code running} ones started over the last 60 days and waiting at {@code now}, on
   * the deployed sales-handoff definitions (the latest; with an older version deployed, finished
   * handoffs started more than half a year ago ran on it).
   */
  public History fill(int finished, int running, Instant now) {
    if (finished < 0 || running < 0 || finished + running < 1 || finished + running > 5_000_000) {
      throw new IllegalArgumentException("finished and running: together from 1 to 5,000,000, not " + finished
          + " and " + running);
    }
    String prefix = "hd-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    // The engine keeps milliseconds.
    Timestamp at = Timestamp.valueOf(LocalDateTime.ofInstant(now.truncatedTo(ChronoUnit.MILLIS), ZoneId.systemDefault()));
    return BulkSql.onOneConnection(dataSource, "playbook history data", jdbc -> {
      try {
        BulkSql.Steps steps = new BulkSql.Steps();
        List<String> definitions = jdbc.sql("select ID_ from ACT_RE_PROCDEF where KEY_ = :key order by VERSION_ desc")
            .param("key", KEY).query(String.class).list();
        if (definitions.isEmpty()) {
          throw new IllegalStateException("no " + KEY + " process definition is deployed");
        }
        plan(jdbc, prefix, finished, running, at);
        walk(jdbc);
        // The walk's times are offsets from its start, which depend on the start only through
        // weekdays (business-day deadlines) and the day the contract starts: place each instance now.
        place(jdbc, at, definitions);
        walk(jdbc);
        check(jdbc, at);
        steps.done("plan");
        History history = insertAccounts(jdbc, prefix, finished, running, now, at, definitions);
        steps.done("accounts, contracts, handoffs");
        // Millions of rows into tables with up to 12 indexes each: the indexes are taken off and built
        // again afterwards, which took the activity instances from 95 s to 38 s at full size.
        withoutIndexesAndForeignKeys(jdbc, "act_hi_procinst", () -> insertProcessInstances(jdbc, at));
        steps.done("process instances");
        withoutIndexesAndForeignKeys(jdbc, "act_hi_actinst", () -> insertActivityInstances(jdbc, at));
        steps.done("activity instances");
        withoutIndexesAndForeignKeys(jdbc, "act_hi_taskinst", () -> insertTasks(jdbc, at));
        steps.done("tasks");
        withoutIndexesAndForeignKeys(jdbc, "act_hi_varinst", () -> insertVariables(jdbc, at));
        steps.done("variables");
        withoutIndexesAndForeignKeys(jdbc, "playbook_path", () -> insertPaths(jdbc, at));
        steps.done("paths");
        // A year of history written over a year has been vacuumed by autovacuum many times: its pages
        // are all-visible, so index-only scans read the index alone. A year written in a minute has not.
        for (String table : new String[] {"ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST",
            "playbook_path", "account", "contract", "handoff"}) {
          jdbc.sql("vacuum (analyze) " + table).update();
        }
        steps.done("vacuum and analyze");
        LOG.info("Playbook history: {} finished and {} running handoffs in {}", finished, running, steps);
        return history;
      } finally {
        jdbc.sql("drop table if exists hd_plan, hd_walk").update();
      }
    });
  }

  /**
   * Each instance's plan, by its number n: the account (segment, region, ARR as the portfolio data
   * draws them, the pod the assign-csm table gives it, whether a CS manager reviews the CSM), who
   * sells and who serves it, how it started, what its brief lacked at each pass, and how long each
   * step takes. A running instance also has the user task it waits in ({@code wait}); the briefs
   * before that task are done in time, so that no timer moves its start with the weekday.
   */
  private static void plan(JdbcClient jdbc, String prefix, int finished, int running, Timestamp now) {
    jdbc.sql("drop table if exists hd_plan, hd_walk").update();
    jdbc.sql(expand("""
        create temporary table hd_plan as
        select n, f.finished, :prefix || 'p' || n as pi, :prefix || 'c' || n as contract_id, :prefix || 'a' || n as crm_id,
               a.segment, a.region, a.arr, r.review,
               case when a.segment = 'strategic' then 'pod-strategic'
                    when a.segment = 'enterprise' and a.region = 'AMER' then 'pod-enterprise-amer'
                    when a.segment = 'enterprise' then 'pod-enterprise-emea'
                    when a.segment = 'mid-market' then 'pod-growth' else 'pod-scale' end as pod,
               'ae-' || (1 + H(4) % 20) as ae, 'csm-' || (1 + H(5) % 50) as csm,
               H(6) % 100 < 6 as by_hand, (H(7) % 22)::int as lag_days, w.wait,
               coalesce(w.wait in ('brief', 'overdueBrief'), false) or H(9) % 100 < 30 as p1,
               (coalesce(w.wait in ('brief', 'overdueBrief'), false) or H(9) % 100 < 30) and H(10) % 100 < 15 as p2,
               case when w.wait = 'overdueBrief' then :never
                    when f.finished or w.wait = 'brief' then LL(18h, 1.2, 30d, 11)
                    else least(:inTime, LL(18h, 1.2, 30d, 11)) end as brief_ms1,
               case when f.finished then LL(18h, 1.2, 30d, 12) else least(:inTime, LL(18h, 1.2, 30d, 12)) end as brief_ms2,
               LL(7h, 1.3, 8d, 13) as obrief_ms1,
               LL(7h, 1.3, 8d, 14) as obrief_ms2,
               (1 + H(15) % :incomplete)::int as miss1, (1 + H(16) % :incomplete)::int as miss2,
               (1 + H(17) % :complete)::int as done_miss,
               LL(5h, 1.2, 12d, 18) as review_ms,
               LL(7d, 3, 60d, 19) as kick_x_ms,
               1h + LL(3h, 1.5, 2d, 20) as kick_min_ms,
               LL(2d, 1.5, 20d, 21) as follow_ms,
               case when f.finished and H(22) % 100 < 3 then 1d + LL(5d, 1.5, 40d, 23) end as churn_ms,
               case when H(24) % 100 < 1 then LL(2h, 1, 12h, 25) else 0 end as outage_ms,
               LL(9, 2, 2s, 26) as score_ms, LL(60, 2, 5s, 27) as decide_ms,
               LL(80, 2, 30s, 28) as notify_ms, LL(70, 2, 30s, 29) as intro_ms,
               LL(1500, 1.5, 10m, 31) as a1, LL(1500, 1.5, 10m, 32) as a2, LL(1500, 1.5, 10m, 33) as a3,
               LL(1500, 1.5, 10m, 34) as a4, LL(1500, 1.5, 10m, 35) as a5, LL(1500, 1.5, 10m, 36) as a6,
               LL(1500, 1.5, 10m, 37) as a7, LL(1500, 1.5, 10m, 38) as a8, LL(1500, 1.5, 10m, 39) as a9,
               U(41) as start_u,
               (array['Budget cut', 'Moved to a competitor', 'Champion left', 'Deal cancelled by the customer'])
                 [1 + H(42) % 4] as churn_reason,
               cast(:now as timestamp) - interval '200 days' as t0, cast(null as varchar(64)) as def_id
        from generate_series(1, :total) n
        cross join lateral (select n <= :finished as finished offset 0) f
        cross join lateral (select
                 case when H(1) % 1000 < 20 then 'strategic' when H(1) % 1000 < 150 then 'enterprise'
                      when H(1) % 1000 < 500 then 'mid-market' else 'scaled' end as segment,
                 case when H(2) % 100 < 45 then 'AMER' when H(2) % 100 < 80 then 'EMEA' else 'APAC' end as region
                 offset 0) s
        cross join lateral (select s.segment, s.region,
                 round(case s.segment when 'strategic' then 500000 + H(3) % 1500000
                                      when 'enterprise' then 100000 + H(3) % 400000
                                      when 'mid-market' then 20000 + H(3) % 80000
                                      else 2000 + H(3) % 18000 end, -2) as arr offset 0) a
        cross join lateral (select a.segment = 'strategic' or (a.segment = 'enterprise' and a.arr >= 250000) as review
                 offset 0) r
        cross join lateral (select case when f.finished then null
                                        when H(8) % 1000 < 20 then 'brief' when H(8) % 1000 < 25 then 'overdueBrief'
                                        when H(8) % 1000 < 125 and r.review then 'review' else 'kickoff' end as wait
                 offset 0) w
        """))
        .param("prefix", prefix).param("finished", finished).param("total", finished + running)
        .param("never", NEVER).param("inTime", ALWAYS_IN_TIME).param("incomplete", INCOMPLETE.size())
        .param("complete", COMPLETE.size()).param("now", now)
        .update();
    jdbc.sql("create unique index on hd_plan (n)").update();
  }

  /**
   * Every step's times for each planned instance from its start t0, in the model's order; a step
   * not taken has null times. Brief pass k scores at b_k; an incomplete brief goes to the AE as a
   * task (created c_k, due due_k); if the AE is not done by the due date, the timer (to_k) cancels
   * the task and the sales manager's task (oc_k, odue_k, oe_k) follows; both merge (mu_k) into the
   * next pass. Then the pod, the CSM, the review (rc, rdue, re), the assignment; the split sends the
   * mails (ns .. j1, the mail branch's own end) beside the kickoff subprocess (k0, due kdue, held
   * at kx, or the account churns at ch); an overdue kickoff has its follow-up (fc, fdue, fe; done
   * before the kickoff when fdone, then endFollowedUp at efu). The kickoff's terminate end (j) closes
   * the subprocess; onboarding, the announcement and the handoff's end follow, and the handoff ends
   * when its mails have ended too.
   */
  private static void walk(JdbcClient jdbc) {
    jdbc.sql("drop table if exists hd_walk").update();
    StringBuilder passes = new StringBuilder();
    for (int k = 1; k <= PASSES; k++) {
      String previous = k == 1 ? "s2.term_end" : "z" + (k - 1) + ".mu" + (k - 1);
      String incomplete = k == 1 ? "p.p1" : k == 2 ? "p.p2" : "false";
      String brief = k < PASSES ? "p.brief_ms" + k : "0";
      String overdue = k < PASSES ? "p.obrief_ms" + k : "0";
      passes.append("""
          cross join lateral (select PREV + MS(1) as bK offset 0) qK
          cross join lateral (select qK.bK + MS(p.score_ms) as gwK,
                                     case when INCOMPLETE then qK.bK + MS(p.score_ms + 12) end as cK offset 0) rK
          cross join lateral (select BD2(rK.cK) as dueK offset 0) dK
          cross join lateral (select rK.cK + MS(BRIEF) >= dK.dueK as toK offset 0) tK
          cross join lateral (select case when tK.toK then dK.dueK else rK.cK + MS(BRIEF) end as eK,
                                     case when tK.toK then dK.dueK + MS(1) end as ocK offset 0) xK
          cross join lateral (select BD1(xK.ocK) as odueK, xK.ocK + MS(OVERDUE) as oeK offset 0) yK
          cross join lateral (select coalesce(yK.oeK, xK.eK) + MS(p.a2) as muK offset 0) zK
          """.replace("PREV", previous).replace("INCOMPLETE", incomplete)
          .replace("BRIEF", brief).replace("OVERDUE", overdue).replace("K", String.valueOf(k)));
    }
    jdbc.sql(expand("""
        create temporary table hd_walk as
        select p.*, s0.start_end, s1.reg_start, s1.reg_end, s1.merge0, s2.term_start, s2.term_end,
               q1.b1, r1.gw1, r1.c1, d1.due1, t1.to1, x1.e1, x1.oc1, y1.odue1, y1.oe1, z1.mu1,
               q2.b2, r2.gw2, r2.c2, d2.due2, t2.to2, x2.e2, x2.oc2, y2.odue2, y2.oe2, z2.mu2,
               q3.b3, r3.gw3,
               g.gw_end, dc.dec_s, dc.dec_e, pk.pick_s, pk.pick_e, rv.rc, rv2.rdue, rv2.re, mr.mr, asg.as_s, asg.as_e,
               ml1.ns, ml2.ne, ml3.is_, ml3.ie, ml4.j1, ko.k0, ko.cs_day, ko2.kdue, ko2.kx, chn.ch, ke.kend,
               fu.fc, fu2.fdue, fu2.fdone, fu3.fe, fu3.efu, jn.j, chx.eac_s, pe.proc_end, pe.full_end,
               2d + case when p.p1 then 4d + p.obrief_ms1 else 0 end + case when p.p2 then 4d + p.obrief_ms2 else 0 end
                 as margin,
               cast(null as bigint) as account_id, cast(null as bigint) as handoff_id
        from hd_plan p
        cross join lateral (select p.t0 + MS(case when p.by_hand then 22 else 9 end) as start_end offset 0) s0
        cross join lateral (select case when p.by_hand then s0.start_end end as reg_start,
                                   case when p.by_hand then s0.start_end + MS(35) end as reg_end,
                                   s0.start_end + MS(case when p.by_hand then 36 else p.a1 end) as merge0 offset 0) s1
        cross join lateral (select s1.merge0 + MS(1) as term_start, s1.merge0 + MS(31) as term_end offset 0) s2
        """ + passes + """
        cross join lateral (select coalesce(case when not p.p1 then r1.gw1 end, case when not p.p2 then r2.gw2 end, r3.gw3)
                                   + MS(1) as gw_end offset 0) g
        cross join lateral (select g.gw_end + MS(6) as dec_s, g.gw_end + MS(6 + p.decide_ms) as dec_e offset 0) dc
        cross join lateral (select dc.dec_e + MS(2) as pick_s, dc.dec_e + MS(11) as pick_e offset 0) pk
        cross join lateral (select case when p.review then pk.pick_e + MS(4) end as rc offset 0) rv
        cross join lateral (select BD1(rv.rc) as rdue, rv.rc + MS(p.review_ms) as re offset 0) rv2
        cross join lateral (select case when p.review then rv2.re + MS(p.a3) else pk.pick_e + MS(2) end as mr offset 0) mr
        cross join lateral (select mr.mr + MS(1) as as_s, mr.mr + MS(8) as as_e offset 0) asg
        cross join lateral (select asg.as_e + MS(1 + p.a4 + p.outage_ms) as ns offset 0) ml1
        cross join lateral (select ml1.ns + MS(p.notify_ms) as ne offset 0) ml2
        cross join lateral (select ml2.ne + MS(p.a5) as is_, ml2.ne + MS(p.a5 + p.intro_ms) as ie offset 0) ml3
        cross join lateral (select ml3.ie + MS(p.a6) as j1 offset 0) ml4
        cross join lateral (select asg.as_e + MS(6) as k0, cast(p.t0 as date) + p.lag_days as cs_day offset 0) ko
        cross join lateral (select ko.cs_day + 14 + time '17:00' as kdue,
                                   greatest(ko.cs_day + MS(p.kick_x_ms), ko.k0 + MS(p.kick_min_ms)) as kx offset 0) ko2
        cross join lateral (select case when ko.k0 + MS(p.churn_ms) < ko2.kx then ko.k0 + MS(p.churn_ms) end as ch
                            offset 0) chn
        cross join lateral (select coalesce(chn.ch, ko2.kx) as kend offset 0) ke
        cross join lateral (select case when ko2.kdue < ke.kend then ko2.kdue end as fc offset 0) fu
        cross join lateral (select BD2(fu.fc) as fdue, fu.fc + MS(p.follow_ms + p.a7) < ke.kend as fdone offset 0) fu2
        cross join lateral (select case when fu2.fdone then fu.fc + MS(p.follow_ms) else ke.kend + MS(2) end as fe,
                                   case when fu2.fdone then fu.fc + MS(p.follow_ms + p.a7) end as efu offset 0) fu3
        cross join lateral (select case when chn.ch is null then ko2.kx + MS(p.a8) end as j offset 0) jn
        cross join lateral (select chn.ch + MS(10 + p.a9) as eac_s offset 0) chx
        cross join lateral (select case when jn.j is not null then greatest(jn.j + MS(26), ml4.j1 + MS(1))
                                        else chx.eac_s + MS(2) end as proc_end,
                                   greatest(ml4.j1 + MS(1), ko2.kx + MS(p.a8 + 26)) as full_end offset 0) pe
        """)).update();
    jdbc.sql("create unique index on hd_walk (n)").update();
  }

  /**
   * Where each instance starts: a finished one anywhere in the year that lets it end a day before
   * now (its walk may move with the weekday it starts on: a bound of that is kept free); a running
   * one so that at now it has spent part of its own time in the task it waits in (uniformly drawn,
   * no more than 58 days since it started). Then the running ones' tasks last past now. The
   * escalated brief's task begins when the AE's timer fires, which is always on a business day: its
   * start is moved off a weekend and the AE's task placed the business days before it.
   */
  private static void place(JdbcClient jdbc, Timestamp now, List<String> definitions) {
    jdbc.sql(expand("""
        update hd_plan p set t0 = x.t0 from (
          select w.n, case
                   when w.finished then date_trunc('milliseconds', cast(:now as timestamp) - interval '%d days'
                        + w.start_u * (interval '%d days' - (w.full_end - w.t0) - MS(w.margin)))
                   when w.wait = 'brief' then e.waiting - (w.c1 - w.t0)
                   when w.wait = 'review' then e.waiting - (w.rc - w.t0)
                   when w.wait = 'kickoff' then e.waiting - (w.k0 - w.t0)
                   else a.timer - interval '1 day' * INV2(a.timer) - (w.c1 - w.t0) end as t0
          from hd_walk w
          cross join lateral (select extract(epoch from case w.wait
                                       when 'brief' then least(w.e1 - w.c1, MS(:inTime))
                                       when 'overdueBrief' then w.oe1 - w.oc1
                                       when 'review' then w.re - w.rc
                                       else least(w.kend - w.k0, interval '58 days' - (w.k0 - w.t0)) end) * 1000 as len
                              offset 0) l
          cross join lateral (select cast(:now as timestamp) - MS(1m + U(40) * greatest(0, l.len - 2m)) as waiting offset 0) e
          cross join lateral (select e.waiting - interval '1 day' * greatest(0, extract(isodow from e.waiting) - 5)
                                     as timer offset 0) a
        ) x where x.n = p.n
        """.formatted(DAYS, DAYS))).param("now", now).param("inTime", ALWAYS_IN_TIME).update();
    jdbc.sql("""
        update hd_plan set brief_ms1 = case when wait in ('brief', 'overdueBrief') then :never else brief_ms1 end,
                           obrief_ms1 = case when wait = 'overdueBrief' then :never else obrief_ms1 end,
                           review_ms = case when wait = 'review' then :never else review_ms end,
                           kick_x_ms = case when wait = 'kickoff' then :never else kick_x_ms end
        where wait is not null""").param("never", NEVER).update();
    jdbc.sql("update hd_plan set def_id = case when finished and cast(:older as varchar(64)) is not null"
            + " and t0 < cast(:now as timestamp) - interval '183 days' then :older else :latest end")
        .param("older", definitions.size() > 1 ? definitions.get(1) : null).param("latest", definitions.get(0))
        .param("now", now).update();
  }

  /** The walks keep their promises: finished ones ended by now, running ones wait in their task. */
  private static void check(JdbcClient jdbc, Timestamp now) {
    long broken = jdbc.sql("""
        select count(*) from hd_walk where
          (finished and (proc_end > cast(:now as timestamp) or t0 < cast(:now as timestamp) - interval '%d days'))
          or (not finished and (t0 < cast(:now as timestamp) - interval '%d days' or proc_end <= cast(:now as timestamp)
              or case wait when 'brief' then not (c1 <= cast(:now as timestamp) and e1 > cast(:now as timestamp))
                           when 'overdueBrief' then not (oc1 <= cast(:now as timestamp) and oe1 > cast(:now as timestamp))
                           when 'review' then not (rc <= cast(:now as timestamp) and re > cast(:now as timestamp))
                           else not (k0 <= cast(:now as timestamp) and kend > cast(:now as timestamp)) end))
        """.formatted(DAYS, RUNNING_DAYS)).param("now", now).query(Long.class).single();
    if (broken > 0) {
      throw new IllegalStateException(broken + " planned handoffs do not end or wait as planned");
    }
  }

  /**
   * The accounts, their contracts and handoffs, as the intake makes them and the playbook updates
   * them: the CSM once assigned, onboarding once the kickoff is held (adoption three months on),
   * churned with the reason.
   */
  private static History insertAccounts(JdbcClient jdbc, String prefix, int finished, int running, Instant instant,
      Timestamp now, List<String> definitions) {
    jdbc.sql("""
        insert into account (crm_account_id, name, segment, region, arr, currency, lifecycle_stage, csm_id,
                             account_executive_id, created_at, updated_at, churned_on, churn_reason)
        select crm_id, 'Handoff account ' || n, segment, region, arr, 'USD',
               case when ch <= cast(:now as timestamp) then 'churned'
                    when proc_end <= cast(:now as timestamp) - interval '90 days' then 'adoption'
                    when proc_end <= cast(:now as timestamp) then 'onboarding' else 'handoff' end,
               case when as_e <= cast(:now as timestamp) then csm end, ae, t0 - interval '10 milliseconds',
               least(proc_end, cast(:now as timestamp)), case when ch <= cast(:now as timestamp) then cast(ch as date) end,
               case when ch <= cast(:now as timestamp) then churn_reason end
        from hd_walk order by n
        """).param("now", now).update();
    jdbc.sql("update hd_walk w set account_id = a.id from account a where a.crm_account_id = w.crm_id").update();
    jdbc.sql("""
        insert into contract (contract_id, account_id, start_date, end_date, arr, created_at, kind, currency)
        select contract_id, account_id, cs_day, cast(cs_day + interval '1 year' - interval '1 day' as date), arr,
               t0 - interval '5 milliseconds', 'new-logo', 'USD'
        from hd_walk order by n
        """).update();
    jdbc.sql("""
        insert into handoff (contract_id, account_id, account_executive_id, process_instance_id, brief_score,
                             brief_missing, kickoff_held_on, created_at, updated_at)
        select w.contract_id, w.account_id, w.ae, w.pi, b.score, b.missing_codes,
               case when w.j <= cast(:now as timestamp) then cast(w.kx as date) end, w.t0 - interval '5 milliseconds',
               least(w.proc_end, cast(:now as timestamp))
        from hd_walk w cross join lateral (%s) b order by w.n
        """.formatted(lastBrief())).param("now", now).update();
    jdbc.sql("update hd_walk w set handoff_id = h.id from handoff h where h.contract_id = w.contract_id").update();
    return jdbc.sql("select min(account_id), max(account_id) from hd_walk")
        .query((rs, row) -> new History(prefix, instant, finished, running, rs.getLong(1), rs.getLong(2),
            List.copyOf(definitions)))
        .single();
  }

  /**
   * The brief as last scored by now (the pass that began last before now): its score, what it
   * lacked (codes for the handoff table, labels for the variable), whether complete, how many times
   * it was scored before.
   */
  private static String lastBrief() {
    return """
        select case when b.pass < 3 and b.incomplete then (array[%s])[b.miss] else (array[%s])[w.done_miss] end as score,
               case when b.pass < 3 and b.incomplete then (array[%s])[b.miss] else (array[%s])[w.done_miss] end
                 as missing_codes,
               case when b.pass < 3 and b.incomplete then (array[%s])[b.miss] else (array[%s])[w.done_miss] end
                 as missing_labels,
               not (b.pass < 3 and b.incomplete) as complete, b.pass - 1 as rev
        from (select case when w.b3 <= cast(:now as timestamp) then 3 when w.b2 <= cast(:now as timestamp) then 2 else 1 end
                       as pass) p
        cross join lateral (select p.pass, case p.pass when 1 then w.p1 when 2 then w.p2 else false end as incomplete,
                                   case p.pass when 1 then w.miss1 else w.miss2 end as miss offset 0) b
        """.formatted(briefs(INCOMPLETE, "score"), briefs(COMPLETE, "score"), briefs(INCOMPLETE, "codes"),
        briefs(COMPLETE, "codes"), briefs(INCOMPLETE, "labels"), briefs(COMPLETE, "labels"));
  }

  /** The options as a SQL array's elements: their scores, or what they lack as codes or labels. */
  private static String briefs(List<List<BriefItem>> options, String what) {
    return options.stream().map(missing -> switch (what) {
      case "score" -> String.valueOf(100 - missing.stream().mapToInt(WEIGHTS::get).sum());
      case "codes" -> sqlText(sorted(missing).stream().map(BriefItem::code).collect(Collectors.joining(",")));
      default -> sqlText(sorted(missing).stream().map(BriefItem::label).collect(Collectors.joining(", ")));
    }).collect(Collectors.joining(", "));
  }

  /** The scorer lists what is missing in the items' order. */
  private static List<BriefItem> sorted(List<BriefItem> items) {
    return items.stream().sorted().toList();
  }

  private static String sqlText(String text) {
    return "cast('" + text.replace("'", "''") + "' as varchar(4000))";
  }

  private static void insertProcessInstances(JdbcClient jdbc, Timestamp now) {
    jdbc.sql("""
        insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_,
                                     END_TIME_, DURATION_, START_USER_ID_, START_ACT_ID_, END_ACT_ID_, ROOT_PROC_INST_ID_,
                                     STATE_)
        select w.pi, w.pi, w.contract_id, :key, w.def_id, w.t0, e.ended,
               cast(extract(epoch from e.ended - w.t0) * 1000 as bigint), case when w.by_hand then w.ae end,
               case when w.by_hand then 'startByHand' else 'startContractClosed' end,
               case when e.ended is null then null when w.ch is not null then 'accountChurned'
                    when w.j1 > w.j + interval '26 milliseconds' then 'endCsmIntroduced' else 'endHandoffComplete' end,
               w.pi, case when e.ended is null then 'ACTIVE' else 'COMPLETED' end
        from hd_walk w
        cross join lateral (select case when w.proc_end <= cast(:now as timestamp) then w.proc_end end as ended) e
        """).param("key", KEY).param("now", now).update();
  }

  /**
   * Every step of each walk up to now, one row per activity instance. A step is written once it
   * started; one under way at now is written open if the engine keeps it open while it waits (user
   * tasks, the join's first arrival), and not at all otherwise (its job had not committed yet).
   */
  private static void insertActivityInstances(JdbcClient jdbc, Timestamp now) {
    jdbc.sql("""
        insert into ACT_HI_ACTINST (ID_, PARENT_ACT_INST_ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_,
                                    PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, TASK_ID_, ACT_NAME_, ACT_TYPE_, ASSIGNEE_,
                                    START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_, SEQUENCE_COUNTER_)
        select s.act_id || ':' || w.pi || '-' || s.ord,
               case when s.act_id in ('startAccountChurned', 'endAccountChurned')
                    then 'accountChurned:' || w.pi || '-' || :subprocess
                    when s.act_id in ('startKickoff', 'holdKickoff', 'kickoffOverdue', 'followUpOverdueKickoff',
                                      'endFollowedUp', 'endKickoffDone')
                    then 'kickoff:' || w.pi || '-' || :kickoff else w.pi end,
               :key, w.def_id, w.pi, w.pi, w.pi || s.exec, s.act_id,
               case when s.type = 'userTask' then w.pi || '-t' || s.ord end, s.name, s.type, s.assignee,
               s.st, o.ended, cast(extract(epoch from o.ended - s.st) * 1000 as bigint),
               case when o.ended is null then 0 else s.state end, 2 * s.ord - 1
        from hd_walk w
        cross join lateral (values %s) s(ord, act_id, name, type, st, et, state, exec, waits, assignee)
        cross join lateral (select case when s.et <= cast(:now as timestamp) then s.et end as ended) o
        where s.st <= cast(:now as timestamp) and (s.waits or s.et <= cast(:now as timestamp))
        """.formatted(String.join(",\n", activityRows())))
        .param("key", KEY).param("now", now).param("subprocess", ord("accountChurned")).param("kickoff", ord("kickoff"))
        .update();
  }

  /** The activity instances a walk can have, in the model's order: their ord numbers the ids. */
  private static List<String> activityRows() {
    List<String> rows = new ArrayList<>();
    rows.add(row("startContractClosed", "case when not w.by_hand then w.t0 end", "w.start_end", "4", "''", false, null));
    rows.add(row("startByHand", "case when w.by_hand then w.t0 end", "w.start_end", "4", "''", false, null));
    rows.add(row("registerClosedContract", "w.reg_start", "w.reg_end", "4", "''", false, null));
    rows.add(row("mergeStartGw", "w.merge0", "w.merge0 + interval '1 millisecond'", "4", "''", false, null));
    rows.add(row("contractTermStarted", "w.term_start", "w.term_end", "4", "''", false, null));
    for (int k = 1; k <= PASSES; k++) {
      String b = "w.b" + k;
      String gw = "w.gw" + k;
      rows.add(row("mergeBriefGw", k, b, b, "4", "''", false, null));
      rows.add(row("scoreHandoffBrief", k, b, gw, "4", "''", false, null));
      rows.add(row("briefCompleteGw", k, gw, gw + " + interval '1 millisecond'", "4", "''", false, null));
      if (k < PASSES) {
        rows.add(row("completeHandoffBrief", k, "w.c" + k, "w.e" + k, "case when w.to" + k + " then 2 else 4 end",
            "'-b" + k + "'", true, "w.ae"));
        rows.add(row("briefOverdue", k, "w.oc" + k, "w.oc" + k, "4", "''", false, null));
        rows.add(row("completeOverdueHandoffBrief", k, "w.oc" + k, "w.oe" + k, "4", "''", true, null));
        rows.add(row("mergeBriefUpdatesGw", k, "w.mu" + k, "w.mu" + k, "4", "''", false, null));
      }
    }
    rows.add(row("decideCsPod", "w.dec_s", "w.dec_e", "4", "'-d'", false, null));
    rows.add(row("pickLeastLoadedCsm", "w.pick_s", "w.pick_e", "4", "''", false, null));
    rows.add(row("reviewGw", "w.pick_e", "w.pick_e + interval '1 millisecond'", "4", "''", false, null));
    rows.add(row("reviewCsmAssignment", "w.rc", "w.re", "4", "''", true, null));
    rows.add(row("mergeReviewGw", "w.mr", "w.mr + interval '1 millisecond'", "4", "''", false, null));
    rows.add(row("assignCsm", "w.as_s", "w.as_e", "4", "''", false, null));
    rows.add(row("splitAfterAssignmentGw", "w.as_e", "w.as_e + interval '1 millisecond'", "0", "''", false, null));
    rows.add(row("notifyCsmOfNewAccount", "w.ns", "w.ne", "4", "'-m'", false, null));
    rows.add(row("introduceCsmToCustomer", "w.is_", "w.ie", "4", "'-m'", false, null));
    rows.add(row("endCsmIntroduced", "w.j1", "w.j1", "1", "'-m'", false, null));
    rows.add(row("kickoff", "w.k0 - interval '2 milliseconds'", "coalesce(w.j, w.ch + interval '3 milliseconds')",
        "case when w.ch is null then 4 else 2 end", "'-k'", true, null));
    rows.add(row("startKickoff", "w.k0 - interval '1 millisecond'", "w.k0 - interval '1 millisecond'", "4", "'-k'", false,
        null));
    rows.add(row("holdKickoff", "w.k0", "w.kend", "case when w.ch is null then 4 else 2 end", "'-k'", true, "w.csm"));
    rows.add(row("kickoffOverdue", "w.fc", "w.fc", "4", "'-f'", false, null));
    rows.add(row("followUpOverdueKickoff", "w.fc", "w.fe", "case when w.fdone then 4 else 2 end", "'-f'", true, null));
    rows.add(row("endFollowedUp", "w.efu", "w.efu", "1", "'-f'", false, null));
    rows.add(row("endKickoffDone", "w.j", "w.j", "1", "'-k'", false, null));
    rows.add(row("moveAccountToOnboarding", "w.j + interval '1 millisecond'", "w.j + interval '9 milliseconds'", "4",
        "''", false, null));
    rows.add(row("kickoffHeld", "w.j + interval '10 milliseconds'", "w.j + interval '24 milliseconds'", "4", "''", false,
        null));
    rows.add(row("endHandoffComplete", "w.j + interval '25 milliseconds'", "w.j + interval '26 milliseconds'", "1", "''",
        false, null));
    rows.add(row("accountChurned", "w.ch", "w.eac_s + interval '2 milliseconds'", "1", "'-c'", false, null));
    rows.add(row("startAccountChurned", "w.ch + interval '8 milliseconds'", "w.ch + interval '10 milliseconds'", "4",
        "'-c'", false, null));
    rows.add(row("endAccountChurned", "w.eac_s", "w.eac_s + interval '1 millisecond'", "1", "'-c'", false, null));
    return rows;
  }

  /** An activity's place in the walk (1, 2, ...): the same number in its activity instance's and its task's ids. */
  static int ord(String activityId) {
    return ord(activityId, 1);
  }

  /** The place of the pass-th occurrence of an activity (the brief's passes). */
  static int ord(String activityId, int pass) {
    Integer ord = ORDS.get(activityId + "#" + pass);
    if (ord == null) {
      throw new IllegalArgumentException(activityId + " #" + pass + " is not in the walk");
    }
    return ord;
  }

  private static final Map<String, Integer> ORDS = walkOrder();

  /** Activity and occurrence ("scoreHandoffBrief#2") to its place, in the model's order. */
  private static Map<String, Integer> walkOrder() {
    List<String> keys = new ArrayList<>(List.of("startContractClosed#1", "startByHand#1", "registerClosedContract#1",
        "mergeStartGw#1", "contractTermStarted#1"));
    for (int k = 1; k <= PASSES; k++) {
      keys.addAll(List.of("mergeBriefGw#" + k, "scoreHandoffBrief#" + k, "briefCompleteGw#" + k));
      if (k < PASSES) {
        keys.addAll(List.of("completeHandoffBrief#" + k, "briefOverdue#" + k, "completeOverdueHandoffBrief#" + k,
            "mergeBriefUpdatesGw#" + k));
      }
    }
    keys.addAll(List.of("decideCsPod#1", "pickLeastLoadedCsm#1", "reviewGw#1", "reviewCsmAssignment#1",
        "mergeReviewGw#1", "assignCsm#1", "splitAfterAssignmentGw#1", "notifyCsmOfNewAccount#1",
        "introduceCsmToCustomer#1", "endCsmIntroduced#1", "kickoff#1", "startKickoff#1", "holdKickoff#1",
        "kickoffOverdue#1", "followUpOverdueKickoff#1", "endFollowedUp#1", "endKickoffDone#1",
        "moveAccountToOnboarding#1", "kickoffHeld#1", "endHandoffComplete#1", "accountChurned#1",
        "startAccountChurned#1", "endAccountChurned#1"));
    Map<String, Integer> order = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      order.put(keys.get(i), i + 1);
    }
    return order;
  }

  private static String row(String activityId, String start, String end, String state, String execution, boolean waits,
      String assignee) {
    return row(activityId, 1, start, end, state, execution, waits, assignee);
  }

  private static String row(String activityId, int pass, String start, String end, String state, String execution,
      boolean waits, String assignee) {
    Activity activity = ACTIVITIES.get(activityId);
    return "(%d, '%s', %s, '%s', %s, %s, %s, %s, %s, %s)".formatted(ord(activityId, pass), activityId,
        activity.name() == null ? "cast(null as varchar(255))" : sqlText(activity.name()), activity.type(), start, end,
        state, execution, waits, assignee == null ? "cast(null as varchar(255))" : assignee);
  }

  /**
   * The task of each user task instance, with its due date as the model computes it and the
   * description the engine resolved from the model's documentation.
   */
  private static void insertTasks(JdbcClient jdbc, Timestamp now) {
    List<String> rows = new ArrayList<>();
    for (int k = 1; k < PASSES; k++) {
      String brief = "b.score" + k + " || '/100. Missing: ' || b.missing" + k;
      rows.add(task("completeHandoffBrief", k, "w.c" + k, "w.e" + k, "w.due" + k, "w.ae", "not w.to" + k, "'-b" + k + "'",
          "'The handoff brief scored ' || " + brief + " || '. CS starts once the brief is complete.'"));
      rows.add(task("completeOverdueHandoffBrief", k, "w.oc" + k, "w.oe" + k, "w.odue" + k, null, "true", "''",
          "'Escalated to the sales manager: the account executive did not complete the brief in time (score ' || "
              + brief.replace("'/100. Missing: '", "'/100, missing: '") + " || ').'"));
    }
    rows.add(task("reviewCsmAssignment", 1, "w.rc", "w.re", "w.rdue", null, "true", "''",
        "'Confirm or change the CSM for this account (pod: ' || w.pod || ').'"));
    rows.add(task("holdKickoff", 1, "w.k0", "w.kend", "w.kdue", "w.csm", "w.ch is null", "'-k'",
        "'Hold the kickoff with the customer within 14 days of contract start; the whole brief is in the form.'"));
    rows.add(task("followUpOverdueKickoff", 1, "w.fc", "w.fe", "w.fdue", null, "w.fdone", "'-f'",
        "'The kickoff with this customer is overdue (CSM: ' || w.csm || '). Find out why and help the CSM hold it;"
            + " this task closes by itself once the kickoff is held.'"));
    jdbc.sql("""
        insert into ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_,
                                     EXECUTION_ID_, ACT_INST_ID_, NAME_, DESCRIPTION_, ASSIGNEE_, START_TIME_, END_TIME_,
                                     DURATION_, DELETE_REASON_, PRIORITY_, DUE_DATE_, TASK_STATE_)
        select w.pi || '-t' || s.ord, s.act_id, :key, w.def_id, w.pi, w.pi, w.pi || s.exec,
               s.act_id || ':' || w.pi || '-' || s.ord, s.name, s.description, s.assignee, s.st + interval '2 milliseconds',
               o.ended, cast(extract(epoch from o.ended - s.st - interval '2 milliseconds') * 1000 as bigint),
               case when o.ended is null then null when s.completed then 'completed' else 'deleted' end, 50, s.due,
               case when o.ended is null then 'Created' when s.completed then 'Completed' else 'Deleted' end
        from hd_walk w
        cross join lateral (select
                 %s) b
        cross join lateral (values %s) s(ord, act_id, name, st, et, due, assignee, completed, exec, description)
        cross join lateral (select case when s.et <= cast(:now as timestamp) then s.et end as ended) o
        where s.st <= cast(:now as timestamp)
        """.formatted(passBriefs(), String.join(",\n", rows))).param("key", KEY).param("now", now).update();
  }

  /** Each pass's score and what it lacked, for the brief tasks' descriptions. */
  private static String passBriefs() {
    List<String> columns = new ArrayList<>();
    for (int k = 1; k < PASSES; k++) {
      columns.add("(array[%s])[w.miss%d] as score%d".formatted(briefs(INCOMPLETE, "score"), k, k));
      columns.add("(array[%s])[w.miss%d] as missing%d".formatted(briefs(INCOMPLETE, "labels"), k, k));
    }
    return String.join(",\n", columns);
  }

  private static String task(String activityId, int pass, String start, String end, String due, String assignee,
      String completed, String execution, String description) {
    return "(%d, '%s', %s, %s, %s, %s, %s, %s, %s, %s)".formatted(ord(activityId, pass), activityId,
        sqlText(ACTIVITIES.get(activityId).name()), start, end, due,
        assignee == null ? "cast(null as varchar(255))" : assignee, completed, execution, description);
  }

  /**
   * The handoff's process variables as its steps set them: the intake's ids and the kickoff's due
   * date, the brief's score (updated at each pass: its revision counts the passes), the pod and the
   * CSM, the churn's reason. The task forms' local variables are not written: the studio reads none.
   */
  private static void insertVariables(JdbcClient jdbc, Timestamp now) {
    jdbc.sql("""
        insert into ACT_HI_VARINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_,
                                    ACT_INST_ID_, NAME_, VAR_TYPE_, CREATE_TIME_, REV_, LONG_, TEXT_, TEXT2_, STATE_)
        select w.pi || '-v' || v.k, :key, w.def_id, w.pi, w.pi, w.pi, w.pi, v.name, v.type, v.created, v.rev, v.long,
               v.text, case when v.text = '' then '!emptyString!' end, 'CREATED'
        from hd_walk w
        cross join lateral (%s) b
        cross join lateral (values
            (1, 'contractId', 'string', w.t0, cast(null as bigint), cast(w.contract_id as varchar(4000)), 0),
            (2, 'accountExecutive', 'string', w.t0, null, w.ae, 0),
            (3, 'accountId', 'long', w.t0, w.account_id, cast(w.account_id as varchar(4000)), 0),
            (4, 'kickoffDueDate', 'date', w.t0,
                cast(extract(epoch from w.kdue at time zone :zone) * 1000 as bigint), null, 0),
            (5, 'handoffId', 'long', w.t0, w.handoff_id, cast(w.handoff_id as varchar(4000)), 0),
            (6, 'briefScore', 'integer', w.gw1, b.score, cast(b.score as varchar(4000)), b.rev),
            (7, 'briefComplete', 'boolean', w.gw1, case when b.complete then 1 else 0 end, null, b.rev),
            (8, 'briefMissing', 'string', w.gw1, null, b.missing_labels, b.rev),
            (9, 'csPod', 'string', w.dec_e, null, w.pod, 0),
            (10, 'reviewRequired', 'boolean', w.dec_e, case when w.review then 1 else 0 end, null, 0),
            (11, 'csmId', 'string', w.pick_e, null, w.csm, 0),
            (12, 'churnReason', 'string', w.ch, null, w.churn_reason, 0)
        ) v(k, name, type, created, long, text, rev)
        where v.created <= cast(:now as timestamp)
        """.formatted(lastBrief())).param("key", KEY).param("now", now)
        .param("zone", ZoneId.systemDefault().getId()).update();
  }

  /** Every flow taken out of a gateway, when it was taken. */
  private static void insertPaths(JdbcClient jdbc, Timestamp now) {
    List<String> rows = new ArrayList<>();
    rows.add("('mergeStartGw', 'f_merge_announce', w.merge0 + interval '1 millisecond')");
    for (int k = 1; k <= PASSES; k++) {
      String incomplete = k == 1 ? "w.p1" : k == 2 ? "w.p2" : "false";
      rows.add("('mergeBriefGw', 'f_merge_score', w.b%d)".formatted(k));
      rows.add("('briefCompleteGw', case when %s then 'f_brief_incomplete' else 'f_brief_complete' end,"
          .formatted(incomplete) + " w.gw%d + interval '1 millisecond')".formatted(k));
      if (k < PASSES) {
        rows.add("('mergeBriefUpdatesGw', 'f_rescore', w.mu%d)".formatted(k));
      }
    }
    rows.add("('reviewGw', case when w.review then 'f_review_needed' else 'f_no_review' end,"
        + " w.pick_e + interval '1 millisecond')");
    rows.add("('mergeReviewGw', 'f_merge_assign', w.mr + interval '1 millisecond')");
    rows.add("('splitAfterAssignmentGw', 'f_split_notify', w.as_e + interval '1 millisecond')");
    rows.add("('splitAfterAssignmentGw', 'f_split_kickoff', w.as_e + interval '1 millisecond')");
    jdbc.sql("""
        insert into playbook_path (process_definition_key, process_definition_id, process_instance_id, gateway_id,
                                   flow_id, taken_at)
        select :key, w.def_id, w.pi, s.gateway, s.flow, s.taken
        from hd_walk w cross join lateral (values %s) s(gateway, flow, taken)
        where s.taken <= cast(:now as timestamp)
        """.formatted(String.join(",\n", rows))).param("key", KEY).param("now", now).update();
  }

  /** The rows the fill has, table by table. */
  public Counts count(History history) {
    return BulkSql.onOneConnection(dataSource, "playbook history data", jdbc -> {
      String like = history.prefix() + "%";
      return new Counts(
          count(jdbc, "select count(*) from ACT_HI_PROCINST where PROC_INST_ID_ like :like and END_TIME_ is not null", like),
          count(jdbc, "select count(*) from ACT_HI_PROCINST where PROC_INST_ID_ like :like and END_TIME_ is null", like),
          count(jdbc, "select count(*) from ACT_HI_ACTINST where PROC_INST_ID_ like :like", like),
          count(jdbc, "select count(*) from ACT_HI_ACTINST where PROC_INST_ID_ like :like and END_TIME_ is null", like),
          count(jdbc, "select count(*) from ACT_HI_TASKINST where PROC_INST_ID_ like :like", like),
          count(jdbc, "select count(*) from ACT_HI_TASKINST where PROC_INST_ID_ like :like and END_TIME_ is null", like),
          count(jdbc, "select count(*) from ACT_HI_VARINST where PROC_INST_ID_ like :like", like),
          count(jdbc, "select count(*) from playbook_path where process_instance_id like :like", like),
          count(jdbc, "select count(*) from account where crm_account_id like :like", like),
          count(jdbc, "select count(*) from contract where contract_id like :like", like),
          count(jdbc, "select count(*) from handoff where contract_id like :like", like));
    });
  }

  private static long count(JdbcClient jdbc, String sql, String like) {
    return jdbc.sql(sql).param("like", like).query(Long.class).single();
  }

  /** Removes what the fill made: its history rows, paths, handoffs, contracts and accounts. */
  public void delete(History history) {
    BulkSql.onOneConnection(dataSource, "playbook history data", jdbc -> {
      String like = history.prefix() + "%";
      for (String sql : new String[] {
          "delete from playbook_path where process_instance_id like :like",
          "delete from ACT_HI_VARINST where PROC_INST_ID_ like :like",
          "delete from ACT_HI_TASKINST where PROC_INST_ID_ like :like",
          "delete from ACT_HI_ACTINST where PROC_INST_ID_ like :like",
          "delete from ACT_HI_PROCINST where PROC_INST_ID_ like :like",
          "delete from handoff where contract_id like :like",
          "delete from contract where contract_id like :like"}) {
        jdbc.sql(sql).param("like", like).update();
      }
      jdbc.sql("delete from account where id between :lo and :hi and crm_account_id like :like")
          .param("lo", history.firstAccountId()).param("hi", history.lastAccountId()).param("like", like).update();
      return null;
    });
  }

  // The generator's SQL shorthand, expanded before a statement runs: H(seed) and U(seed) are the
  // instance's hash for a seed (0 .. 2^31-1) and a number in (0, 1) from it; LL(median, shape, cap,
  // seed) draws a log-logistic time in milliseconds (median * (u / (1 - u))^(1 / shape): half below
  // the median, a heavy tail the shape thins), capped; durations written 90, 2s, 10m, 7h, 3d are
  // milliseconds; MS(x) is x milliseconds as an interval; BD1(t) and BD2(t) are 1 and 2 business days
  // after t, and INV2(t) the days back to the moment whose 2 business days end at t.
  private static final Pattern CALL = Pattern.compile("\\b(H|U|LL|MS|BD1|BD2|INV2)\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)");
  private static final Pattern DURATION = Pattern.compile("\\b(\\d+)(s|m|h|d)\\b");

  static String expand(String sql) {
    String expanded = sql;
    // Durations first, inside and outside the calls.
    Matcher duration = DURATION.matcher(expanded);
    StringBuilder withDurations = new StringBuilder();
    while (duration.find()) {
      long unit = switch (duration.group(2)) {
        case "s" -> SECOND;
        case "m" -> MINUTE;
        case "h" -> HOUR;
        default -> DAY;
      };
      duration.appendReplacement(withDurations, String.valueOf(Long.parseLong(duration.group(1)) * unit));
    }
    duration.appendTail(withDurations);
    expanded = withDurations.toString();
    Matcher call;
    while ((call = CALL.matcher(expanded)).find()) {
      StringBuilder out = new StringBuilder();
      do {
        call.appendReplacement(out, Matcher.quoteReplacement(call(call.group(1), call.group(2).trim())));
      } while (call.find());
      call.appendTail(out);
      expanded = out.toString();
    }
    return expanded;
  }

  private static String call(String name, String arguments) {
    String[] args = arguments.split("\\s*,\\s*");
    return switch (name) {
      case "H" -> "(hashint8extended(n, " + args[0] + ") & 2147483647)";
      case "U" -> "cast(((hashint8extended(n, " + args[0] + ") & 2147483647) % 1000000 + 0.5) / 1000000.0 as float8)";
      case "LL" -> "least(%s, %s * power(U(%s) / (1 - U(%s)), 1.0 / %s))".formatted(args[2], args[0], args[3], args[3],
          args[1]);
      case "MS" -> "(interval '1 millisecond' * round(" + arguments + "))";
      case "BD1" -> afterBusinessDays(arguments, 1);
      case "BD2" -> afterBusinessDays(arguments, 2);
      case "INV2" -> "(array[%s])[extract(isodow from %s)::int]".formatted(daysBack(2), arguments);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** t plus the business days, by a table from {@link BusinessDays}: the days it adds, by t's weekday. */
  private static String afterBusinessDays(String t, int businessDays) {
    List<String> days = new ArrayList<>();
    for (int isoDay = 1; isoDay <= 7; isoDay++) {
      ZonedDateTime from = MONDAY.plusDays(isoDay - 1);
      days.add(String.valueOf(ChronoUnit.DAYS.between(from, BusinessDays.add(from, businessDays))));
    }
    return "(%s + interval '1 day' * (array[%s])[extract(isodow from %s)::int])".formatted(t, String.join(", ", days), t);
  }

  /** By the weekday of a deadline, the days back to where {@code businessDays} business days end there. */
  private static String daysBack(int businessDays) {
    List<String> days = new ArrayList<>();
    for (int isoDay = 1; isoDay <= 7; isoDay++) {
      ZonedDateTime deadline = MONDAY.plusWeeks(1).plusDays(isoDay - 1);
      int back = 1;
      while (back < 8 && !BusinessDays.add(deadline.minusDays(back), businessDays).equals(deadline)) {
        back++;
      }
      // No deadline falls on a weekend: those weekdays are never looked up.
      days.add(back < 8 ? String.valueOf(back) : "null");
    }
    return String.join(", ", days);
  }

  private static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 1, 5, 10, 0, 0, 0, ZoneId.of("UTC"));
}
