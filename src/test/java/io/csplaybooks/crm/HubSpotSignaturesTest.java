package io.csplaybooks.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** HubSpot's request signatures against the examples on its "Validating requests" page. */
class HubSpotSignaturesTest {

  static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

  @Test
  void v2IsTheHexSha256OfSecretMethodUriAndBodyAsHubSpotsExamplesGiveIt() {
    assertThat(HubSpotSignatures.v2(SECRET, "GET", "https://www.example.com/webhook_uri", ""))
        .isEqualTo("eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e");
    String body = "{\"example_field\":\"example_value\"}";
    assertThat(HubSpotSignatures.v2(SECRET, "POST", "https://www.example.com/webhook_uri", body))
        .isEqualTo("9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900");
    // v1 is the same hash over secret + body only: HubSpot's example, through v2 with no method or URI.
    String event = "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
        + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,\"changeSource\":\"CRM\","
        + "\"changeFlag\":\"NEW\",\"appId\":54321}]";
    assertThat(HubSpotSignatures.v2(SECRET, "", "", event))
        .isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
  }

  @Test
  void v3DecodesOnlyTheEscapesInHubSpotsTable() {
    assertThat(HubSpotSignatures.v3Uri("https://h.example/x?a=%3A%2f%3F%40%21%24%27%28%29%2A%2C%3B&b=c+d%20e%2B%26"))
        .isEqualTo("https://h.example/x?a=:/?@!$'()*,;&b=c+d%20e%2B%26");
  }

  @Test
  void v3ChecksTheTimestampAndTheSignatureAndV2IsCheckedOnlyWithoutV3() {
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    String at = String.valueOf(now.toEpochMilli());
    String uri = "https://cs.example/webhooks/hubspot/deals?x=a+b";
    String v3 = HubSpotSignatures.v3(SECRET, "POST", uri, "{}", at);
    String v2 = HubSpotSignatures.v2(SECRET, "POST", uri, "{}");

    assertThat(HubSpotSignatures.refusal(new HubSpotSignatures.Headers(v3, at, null, null), SECRET, "POST", uri, "{}",
        now)).isNull();
    assertThat(HubSpotSignatures.refusal(new HubSpotSignatures.Headers(v3, at, null, null), SECRET, "POST", uri, "{}",
        now.plusSeconds(301))).contains("older than 5 minutes");
    assertThat(HubSpotSignatures.refusal(new HubSpotSignatures.Headers(null, null, v2, "v2"), SECRET, "POST", uri, "{}",
        now)).isNull();
    assertThat(HubSpotSignatures.refusal(new HubSpotSignatures.Headers(null, null, v2.toUpperCase(), "V2"), SECRET,
        "POST", uri, "{}", now)).isNull();
    assertThat(HubSpotSignatures.refusal(new HubSpotSignatures.Headers(null, null, v2, "v2"), SECRET, "POST",
        uri.replace("+", "%20"), "{}", now)).contains("does not match");
    assertThat(HubSpotSignatures.refusal(new HubSpotSignatures.Headers("AAAA", at, v2, "v2"), SECRET, "POST", uri, "{}",
        now)).contains("v3 signature does not match");
  }
}
