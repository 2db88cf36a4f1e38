package io.csplaybooks.notify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import io.csplaybooks.common.AskedToWait;
import io.csplaybooks.common.EngineClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;

/**
 * Slack's API, as the notifications need it: a message to a team's channel (incoming webhook) or to
 * a person (the bot, users.lookupByEmail then chat.postMessage). A failure throws, so the job that
 * sends it is retried and, when Slack stays away, becomes an incident; the playbook goes on. A 429
 * waits as long as Slack's Retry-After says; people's Slack ids are kept a while (one lookup for many
 * messages).
 */
@Component
public class Slack {

  private static final Logger LOG = LoggerFactory.getLogger(Slack.class);

  private final SlackSettings settings;
  private final SentMails sentMails;
  /**
   * What users.lookupByEmail answered, by email (lower case), for a while: Slack's user id, or empty when
   * Slack has nobody with the email. Bounded: the least recently used go first.
   */
  private final Cache<String, Optional<String>> userIds;
  private final RestClient http;
  private final Counter sent;
  private final Counter failed;

  public Slack(NotifySettings settings, SentMails sentMails, MeterRegistry meters) {
    this.settings = settings.slack();
    this.sentMails = sentMails;
    this.userIds = Caffeine.newBuilder().maximumSize(this.settings.userLookupSize())
        .expireAfterWrite(this.settings.userLookupTtl())
        // The application's clock, which the tests move.
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(EngineClock.now().toEpochMilli()))
        .build();
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(Duration.ofSeconds(5));
    requests.setReadTimeout(Duration.ofSeconds(10));
    this.http = RestClient.builder().requestFactory(requests).build();
    this.sent = Counter.builder("csp.slack.sent").description("Slack messages sent").register(meters);
    this.failed = Counter.builder("csp.slack.failures").description("Slack messages Slack refused or did not take;"
        + " the job retries them").register(meters);
  }

  /**
   * A direct message to a person who wants Slack (their delivery), once for this key whatever the
   * retries of the job that sends it; nothing when they want email only or no bot is set up.
   */
  public void tellOnce(String key, String userId, String email, String text) {
    if (settings.wantsSlack(userId) && canMessagePeople() && email != null) {
      once(key + ":@" + userId, "@" + userId, text, () -> toPerson(email, text));
    }
  }

  /** A message to a team's channel, if the team wants Slack and has one, once for this key. */
  public void postOnce(String key, String team, String text) {
    if (settings.wantsSlack(team) && hasChannel(team)) {
      once(key + ":#" + team, "#" + team, text, () -> toChannel(team, text));
    }
  }

  private void once(String key, String to, String text, Runnable send) {
    if (sentMails.sent(key)) {
      return;
    }
    send.run();
    sentMails.record(key, new Mail(List.of("slack:" + to), null, "Slack message", text), EngineClock.now());
  }

  /**
   * Text as Slack shows it, never as markup: what people typed (a task name from a brief, an account
   * name) cannot mention @channel, link elsewhere or break the message's own link.
   */
  public static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Whether Slack is set up at all: a bot for people, or a channel for a team. */
  public boolean isOn() {
    return canMessagePeople() || !settings.teamWebhooks().isEmpty();
  }

  private boolean hasChannel(String team) {
    return settings.teamWebhooks().containsKey(team);
  }

  private boolean canMessagePeople() {
    return settings.botToken() != null && !settings.botToken().isBlank();
  }

  /** A message to the team's channel. */
  private void toChannel(String team, String text) {
    String webhook = settings.teamWebhooks().get(team);
    try {
      String answer = http.post().uri(webhook).contentType(MediaType.APPLICATION_JSON).body(Map.of("text", text))
          .retrieve().body(String.class);
      if (answer != null && !answer.isBlank() && !"ok".equals(answer.trim())) {
        throw new IllegalStateException("Slack refused the message to #" + team + ": " + answer);
      }
    } catch (RuntimeException e) {
      failed.increment();
      throw busyOr(e, "the webhook of #" + team);
    }
    sent.increment();
    LOG.info("Slack message to team {} sent", team);
  }

  /** A direct message to the person with this email; false when Slack has nobody with it. */
  private boolean toPerson(String email, String text) {
    try {
      Optional<String> id = userId(email);
      if (id.isEmpty()) {
        LOG.info("Slack has no user with the email {}: no direct message", email);
        return false;
      }
      JsonNode posted = http.post().uri(settings.apiUrl() + "/chat.postMessage")
          .header("Authorization", "Bearer " + settings.botToken()).contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("channel", id.get(), "text", text)).retrieve().body(JsonNode.class);
      ok(posted, "chat.postMessage", null);
    } catch (RuntimeException e) {
      failed.increment();
      throw busyOr(e, "a direct message");
    }
    sent.increment();
    return true;
  }

  /** The person's Slack id by their email, from the cache while it is fresh, else from users.lookupByEmail. */
  private Optional<String> userId(String email) {
    String key = email.toLowerCase(Locale.ROOT);
    Optional<String> known = userIds.getIfPresent(key);
    if (known != null) {
      return known;
    }
    JsonNode user = http.get().uri(settings.apiUrl() + "/users.lookupByEmail?email={email}", email)
        .header("Authorization", "Bearer " + settings.botToken()).retrieve().body(JsonNode.class);
    Optional<String> id = ok(user, "users.lookupByEmail", "users_not_found").map(u -> u.path("user").path("id").asText());
    userIds.put(key, id);
    return id;
  }

  /**
   * Slack's 429 (rate limited) as a request to wait as long as its Retry-After says: the job that
   * sends the message is tried again then, its retries kept.
   */
  private static RuntimeException busyOr(RuntimeException failure, String what) {
    if (failure instanceof HttpStatusCodeException http && http.getStatusCode().value() == 429) {
      String retryAfter = http.getResponseHeaders() == null ? null : http.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
      return new AskedToWait("Slack rate-limited " + what, AskedToWait.retryAfter(retryAfter, EngineClock.now()), failure);
    }
    return failure;
  }

  /** Slack answers 200 with {"ok": false, "error": ...}; an expected "not found" is empty, anything else throws. */
  private static Optional<JsonNode> ok(JsonNode answer, String method, String notFound) {
    if (answer != null && answer.path("ok").asBoolean(false)) {
      return Optional.of(answer);
    }
    String error = answer == null ? "no answer" : answer.path("error").asText("no answer");
    if (error.equals(notFound)) {
      return Optional.empty();
    }
    throw new IllegalStateException("Slack " + method + " failed: " + error);
  }
}
