package io.csplaybooks.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.account.AccountChanged;
import io.csplaybooks.common.ClusterLock;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.health.HealthChanged;
import io.csplaybooks.renewal.RenewalChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/**
 * Writes what the application knows of a customer (health score and band, CSM, lifecycle stage,
 * renewal forecast and date) back to the CRM record it came from: the Salesforce Account, the HubSpot
 * company. Each CRM's mapping from fact to field is configuration; a CRM without one is not written.
 *
 * <p>It is an outbox. A change of those facts marks the account's write-back pending in the
 * transaction that changed them ({@link HealthChanged}, {@link AccountChanged}, {@link RenewalChanged}),
 * so nothing calls a CRM inside a person's or a playbook's transaction and nothing is lost with a
 * crash. One node at a time ({@link ClusterLock}) sends what is due, reading the facts as they are
 * then: many changes make one call, and the latest facts win. Facts the CRM has already are not sent
 * again (the nightly scoring touches every account). A 429 waits for the time its {@code Retry-After}
 * gives, for every write-back to that CRM; a CRM that is down or answers 5xx is tried again after
 * {@code csp.crm.write-back.retry-delays}; a refusal (4xx, or a 401 after a new Salesforce token) and
 * spent retries leave the write-back failed, counted in {@code csp_crm_write_backs_total} and listed
 * for administrators at {@code GET /api/crm/write-backs}.
 */
@Service
class CrmWriteBack {

  private static final Logger LOG = LoggerFactory.getLogger(CrmWriteBack.class);
  static final String RUN = "crm-write-back";

  private final WriteBackRows rows;
  private final ClusterLock lock;
  private final ObjectMapper json;
  private final CrmSettings.WriteBackTiming timing;
  private final Map<AccountFacts.Fact, String> salesforceFields;
  private final Map<AccountFacts.Fact, String> hubspotProperties;
  private final SalesforceAccounts salesforce;
  private final HubSpotCompanies hubspot;
  private final List<String> on = new ArrayList<>();
  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Long> failedNow = new ConcurrentHashMap<>();

  CrmWriteBack(WriteBackRows rows, ClusterLock lock, ObjectMapper json, CrmSettings settings, MeterRegistry meters) {
    this.rows = rows;
    this.lock = lock;
    this.json = json;
    this.timing = settings.writeBack();
    this.meters = meters;
    this.salesforceFields = AccountFacts.mapping("csp.crm.salesforce.write-back.fields",
        settings.salesforce().writeBack() == null ? null : settings.salesforce().writeBack().fields());
    this.hubspotProperties = AccountFacts.mapping("csp.crm.hubspot.write-back.properties",
        settings.hubspot().writeBack() == null ? null : settings.hubspot().writeBack().properties());
    RestClient http = RestClient.builder().requestFactory(requestFactory(timing.timeout())).build();
    Duration firstRetry = timing.retryDelays().isEmpty() ? Duration.ofMinutes(1) : timing.retryDelays().get(0);
    this.salesforce = salesforceFields.isEmpty() ? null
        : new SalesforceAccounts(http, json, settings.salesforce().writeBack(), firstRetry);
    this.hubspot = hubspotProperties.isEmpty() ? null
        : new HubSpotCompanies(http, settings.hubspot().writeBack(), firstRetry);
    if (salesforce != null) {
      on.add(SalesforceAccounts.CRM);
    }
    if (hubspot != null) {
      on.add(HubSpotCompanies.CRM);
    }
    for (String crm : List.of(SalesforceAccounts.CRM, HubSpotCompanies.CRM)) {
      Gauge.builder("csp.crm.write.backs.failed", failedNow, failed -> failed.getOrDefault(crm, 0L))
          .description("Write-backs to the CRM that failed and wait for an administrator (GET /api/crm/write-backs)")
          .tag("crm", crm).register(meters);
    }
  }

  private static JdkClientHttpRequestFactory requestFactory(Duration timeout) {
    // HTTP/1.1: both CRMs speak it, and the JDK's upgrade to HTTP/2 on a plain connection (a proxy, a
    // stand-in) can cut a PATCH's body off.
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
    factory.setReadTimeout(timeout);
    return factory;
  }

  /** The CRMs written back to. */
  List<String> crms() {
    return List.copyOf(on);
  }

  /** The account is this CRM's record (the closed deal named it): its facts go there from now on. */
  void link(String crm, long accountId, String recordId) {
    if (recordId == null || recordId.isBlank()) {
      return;
    }
    Instant now = EngineClock.now();
    rows.link(accountId, crm, recordId.trim(), now);
    if (on.contains(crm)) {
      rows.request(List.of(accountId), List.of(crm), now);
    }
  }

  @EventListener
  void healthChanged(HealthChanged changed) {
    if (on.isEmpty()) {
      return;
    }
    if (changed.portfolioRun()) {
      rows.request(null, on, EngineClock.now());
      return;
    }
    Set<Long> ids = new LinkedHashSet<>(changed.scored());
    ids.addAll(changed.bandChanged());
    rows.request(ids, on, EngineClock.now());
  }

  @EventListener
  void accountChanged(AccountChanged changed) {
    if (!on.isEmpty()) {
      rows.request(List.of(changed.accountId()), on, EngineClock.now());
    }
  }

  @EventListener
  void renewalChanged(RenewalChanged changed) {
    if (!on.isEmpty()) {
      rows.request(List.of(changed.accountId()), on, EngineClock.now());
    }
  }

  @Scheduled(fixedDelayString = "${csp.crm.write-back.poll:PT10S}", initialDelayString = "${csp.crm.write-back.poll:PT10S}")
  void poll() {
    if (on.isEmpty()) {
      return;
    }
    try {
      if (rows.anyDue(on, EngineClock.now())) {
        lock.runOnOneNode(RUN, Duration.ofMinutes(10), Duration.ZERO, this::sendDue);
      }
      failedNow.clear();
      failedNow.putAll(rows.failedPerCrm());
    } catch (RuntimeException e) {
      LOG.warn("CRM write-back: the look for work failed; next look in {}", timing.poll(), e);
    }
  }

  /**
   * Sends the write-backs due, a batch at a time, for at most five minutes (the cluster lock holds
   * ten). A CRM that answered 429 gets nothing more in this run.
   *
   * @return how many went out
   */
  int sendDue() {
    // A budget of working time, not a date: the wall's nanoseconds, not the engine's clock.
    long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    Set<String> held = new HashSet<>();
    int sent = 0;
    while (System.nanoTime() - until < 0) {
      List<String> open = on.stream().filter(crm -> !held.contains(crm)).toList();
      List<WriteBackRows.Due> due = open.isEmpty() ? List.of() : rows.due(open, EngineClock.now(), timing.batchSize());
      if (due.isEmpty()) {
        break;
      }
      for (WriteBackRows.Due one : due) {
        if (held.contains(one.crm())) {
          continue;
        }
        Delivery delivery;
        try {
          delivery = send(one);
        } catch (RuntimeException e) {
          // Whatever went wrong with this one (an answer the client could not read, say) counts as a
          // failed attempt of it, so it cannot stand at the head of the queue and hold up the others.
          delivery = new Delivery.Unavailable(0, "the write-back could not be made: " + e);
          LOG.warn("CRM write-back to {} for account {} went wrong", one.crm(), one.accountId(), e);
          settle(one, delivery, EngineClock.now(), null);
        }
        if (delivery instanceof Delivery.Sent) {
          sent++;
        } else if (delivery instanceof Delivery.RateLimited) {
          held.add(one.crm());
        }
      }
    }
    return sent;
  }

  private Delivery send(WriteBackRows.Due due) {
    Instant now = EngineClock.now();
    AccountFacts facts = rows.facts(due.accountId());
    boolean toSalesforce = SalesforceAccounts.CRM.equals(due.crm());
    Map<String, Object> body = toSalesforce ? facts.salesforceFields(salesforceFields)
        : facts.hubspotProperties(hubspotProperties);
    String sending = write(body);
    if (sending.equals(due.sentFacts())) {
      rows.unchanged(due, now);
      count(due.crm(), "unchanged");
      return new Delivery.Sent(0);
    }
    Delivery delivery = toSalesforce ? salesforce.send(due.recordId(), body, now) : hubspot.send(due.recordId(), body, now);
    settle(due, delivery, EngineClock.now(), sending);
    return delivery;
  }

  /** Records how the CRM took the write-back: sent, later (429, 5xx) or failed. */
  private void settle(WriteBackRows.Due due, Delivery delivery, Instant after, String sending) {
    if (delivery instanceof Delivery.Sent ok) {
      rows.sent(due, sending, ok.status(), after);
      count(due.crm(), "sent");
    } else if (delivery instanceof Delivery.RateLimited limited) {
      rows.later(due, limited.retryAt(), due.attempts(), 429, "429: " + limited.detail());
      rows.holdCrm(due.crm(), limited.retryAt());
      count(due.crm(), "rate-limited");
      LOG.info("CRM write-back: {} answered 429 for account {}; every write-back to it waits until {}",
          due.crm(), due.accountId(), limited.retryAt());
    } else if (delivery instanceof Delivery.Unavailable down) {
      int attempts = due.attempts() + 1;
      if (attempts > timing.retryDelays().size()) {
        fail(due, attempts, down.status(), down.detail(), after);
      } else {
        Duration wait = timing.retryDelays().get(attempts - 1);
        rows.later(due, after.plus(wait), attempts, down.status(), down.status() + ": " + down.detail());
        count(due.crm(), "retried");
        LOG.info("CRM write-back: {} answered {} for account {}; try {} of {} in {}", due.crm(), down.status(),
            due.accountId(), attempts + 1, timing.retryDelays().size() + 1, wait);
      }
    } else if (delivery instanceof Delivery.Refused refused) {
      fail(due, due.attempts() + 1, refused.status(), refused.detail(), after);
    }
  }

  private void fail(WriteBackRows.Due due, int attempts, int status, String detail, Instant now) {
    rows.failed(due, attempts, status, status + ": " + detail, now);
    count(due.crm(), "failed");
    failedNow.merge(due.crm(), 1L, Long::sum);
    LOG.warn("CRM write-back to {} failed for account {} (record {}) after {} attempt(s): {} {}", due.crm(),
        due.accountId(), due.recordId(), attempts, status, detail);
  }

  private void count(String crm, String outcome) {
    counters.computeIfAbsent(crm + "|" + outcome, key -> Counter.builder("csp.crm.write.backs")
        .description("Write-backs to the CRMs by outcome: sent, unchanged (the CRM had the facts), rate-limited"
            + " (429, waits for Retry-After), retried (down or 5xx), failed (refused or out of retries)")
        .tag("crm", crm).tag("outcome", outcome).register(meters)).increment();
  }

  /** The next call to Salesforce asks for a new token (tests start from none). */
  void forgetTokens() {
    if (salesforce != null) {
      salesforce.forgetToken();
    }
  }

  /** A failed write-back again, now (an administrator fixed the mapping or the credentials). */
  boolean retry(long accountId, String crm) {
    boolean again = rows.retry(accountId, crm, EngineClock.now());
    if (again) {
      failedNow.computeIfPresent(crm, (key, n) -> Math.max(0, n - 1));
    }
    return again;
  }

  List<WriteBackRows.Row> inState(String state, int limit) {
    return rows.inState(state, limit);
  }

  private String write(Map<String, Object> body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
