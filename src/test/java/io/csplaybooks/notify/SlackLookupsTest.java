package io.csplaybooks.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.csplaybooks.common.AskedToWait;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's users.lookupByEmail once for many direct messages to a person, and Slack's 429 as a wait of
 * as long as its Retry-After says, against a local stand-in of Slack's API (WireMock).
 */
class SlackLookupsTest {

  final WireMockServer slackApi = new WireMockServer(options().dynamicPort());
  Slack slack;

  @BeforeEach
  void setUp() {
    slackApi.start();
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-07T09:00:00Z")));
    SentMails nothingSentYet = mock(SentMails.class);
    when(nothingSentYet.sent(anyString())).thenReturn(false);
    slack = new Slack(new NotifySettings(new NotifySettings.Email("cs@acme.example", "PT1M"),
        new SlackSettings(slackApi.baseUrl() + "/api", "xoxb-test", Map.of(), Map.of(), "both", Duration.ofHours(1), 100),
        new NotifySettings.Digest(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(1))),
        nothingSentYet, new SimpleMeterRegistry());
    slackApi.stubFor(get(urlPathEqualTo("/api/users.lookupByEmail")).withQueryParam("email", equalTo("carl@example.com"))
        .willReturn(okJson("{\"ok\": true, \"user\": {\"id\": \"U0CARL\"}}")));
    slackApi.stubFor(get(urlPathEqualTo("/api/users.lookupByEmail")).withQueryParam("email", equalTo("nobody@example.com"))
        .willReturn(okJson("{\"ok\": false, \"error\": \"users_not_found\"}")));
    slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\": true}")));
  }

  @AfterEach
  void tearDown() {
    slackApi.stop();
    ClockUtil.reset();
  }

  @Test
  void aPersonIsLookedUpOnceForManyMessagesUntilTheLookupIsOld() {
    slack.tellOnce("task:1", "carl", "carl@example.com", "one");
    slack.tellOnce("task:2", "carl", "Carl@Example.com", "two");
    slack.tellOnce("task:3", "carl", "carl@example.com", "three");
    slack.tellOnce("task:4", "nobody", "nobody@example.com", "four");
    slack.tellOnce("task:5", "nobody", "nobody@example.com", "five");

    slackApi.verify(1, getRequestedFor(urlPathEqualTo("/api/users.lookupByEmail")).withQueryParam("email",
        equalTo("carl@example.com")));
    slackApi.verify(1, getRequestedFor(urlPathEqualTo("/api/users.lookupByEmail")).withQueryParam("email",
        equalTo("nobody@example.com")));
    slackApi.verify(3, postRequestedFor(urlEqualTo("/api/chat.postMessage")));

    // An hour later Slack is asked again (a changed email, a new Slack account show).
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-07T10:00:00Z")));
    slack.tellOnce("task:6", "carl", "carl@example.com", "six");
    slackApi.verify(2, getRequestedFor(urlPathEqualTo("/api/users.lookupByEmail")).withQueryParam("email",
        equalTo("carl@example.com")));
  }

  @Test
  void aRateLimitedMessageWaitsAsLongAsSlackSays() {
    slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage"))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")));

    assertThatThrownBy(() -> slack.tellOnce("task:1", "carl", "carl@example.com", "one"))
        .isInstanceOfSatisfying(AskedToWait.class, wait -> assertThat(wait.waitFor()).isEqualTo(Duration.ofSeconds(17)));

    slackApi.stubFor(get(urlPathEqualTo("/api/users.lookupByEmail")).withQueryParam("email", equalTo("cleo@example.com"))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "Mon, 07 Dec 2026 09:02:00 GMT")));
    assertThatThrownBy(() -> slack.tellOnce("task:2", "cleo", "cleo@example.com", "two"))
        .isInstanceOfSatisfying(AskedToWait.class, wait -> assertThat(wait.waitFor()).isEqualTo(Duration.ofMinutes(2)));
  }

  @Test
  void retryAfterIsReadAsSecondsOrADateWithinBounds() {
    Instant now = Instant.parse("2026-12-07T09:00:00Z");
    assertThat(AskedToWait.retryAfter("30", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(AskedToWait.retryAfter("Mon, 07 Dec 2026 09:00:45 GMT", now)).isEqualTo(Duration.ofSeconds(45));
    assertThat(AskedToWait.retryAfter(null, now)).as("unsaid").isEqualTo(Duration.ofMinutes(1));
    assertThat(AskedToWait.retryAfter("soon", now)).as("unreadable").isEqualTo(Duration.ofMinutes(1));
    assertThat(AskedToWait.retryAfter("0", now)).isEqualTo(Duration.ofSeconds(1));
    assertThat(AskedToWait.retryAfter("604800", now)).isEqualTo(Duration.ofHours(1));
  }
}
