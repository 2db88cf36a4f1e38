package io.csplaybooks.notify;

import java.time.Duration;
import java.util.Map;

/**
 * Slack beside email ({@code csp.slack}, part of {@link NotifySettings}). A team's tasks go to its channel through an incoming webhook; a person's to
 * a direct message from the bot, found by their email. Who gets what: {@code delivery} by user id or
 * team id ({@code email}, {@code slack} or {@code both}), else {@code defaultDelivery}.
 *
 * @param apiUrl Slack's Web API (https://slack.com/api), for users.lookupByEmail and chat.postMessage
 * @param botToken the bot's token (xoxb-...); empty: no direct messages
 * @param teamWebhooks incoming webhook URL by team (group id)
 * @param userLookupTtl how long a person's Slack id, found by their email, is used before Slack is asked again
 * @param userLookupSize how many people's Slack ids are kept (the least recently used go first)
 */
record SlackSettings(String apiUrl, String botToken, Map<String, String> teamWebhooks,
    Map<String, String> delivery, String defaultDelivery, Duration userLookupTtl, Integer userLookupSize) {

  public SlackSettings {
    userLookupTtl = userLookupTtl == null || userLookupTtl.isNegative() ? Duration.ofHours(1) : userLookupTtl;
    userLookupSize = userLookupSize == null || userLookupSize < 1 ? 10_000 : userLookupSize;
    teamWebhooks = teamWebhooks == null ? Map.of() : Map.copyOf(teamWebhooks);
    delivery = delivery == null ? Map.of() : Map.copyOf(delivery);
    defaultDelivery = defaultDelivery == null || defaultDelivery.isBlank() ? "email" : defaultDelivery.trim();
  }

  /** How a user or team wants to hear about its tasks. */
  public String deliveryOf(String userOrTeam) {
    return delivery.getOrDefault(userOrTeam, defaultDelivery);
  }

  public boolean wantsEmail(String userOrTeam) {
    return !"slack".equals(deliveryOf(userOrTeam));
  }

  public boolean wantsSlack(String userOrTeam) {
    String delivery = deliveryOf(userOrTeam);
    return "slack".equals(delivery) || "both".equals(delivery);
  }
}
