package io.csplaybooks.crm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CRMs that send closed deals in their own shape, and the facts the application writes back to
 * them.
 *
 * @param hubspot HubSpot's deal webhook: the app's client secret (signature v3; empty turns the
 *     endpoint off), the deal stage that means closed-won, and where each field is; the company
 *     write-back
 * @param salesforce a Salesforce Opportunity as a Flow's HTTP callout sends it: the stage that
 *     means closed-won, and where each field is; the Account write-back
 * @param writeBack how often the write-back looks for work and how it retries
 */
@ConfigurationProperties("csp.crm")
record CrmSettings(HubSpot hubspot, Salesforce salesforce, WriteBackTiming writeBack) {

  public record HubSpot(String clientSecret, String closedWonStage, String stageField, Map<String, String> fields,
      HubSpotWriteBack writeBack) {}

  public record Salesforce(String closedWonStage, String stageField, Map<String, String> fields,
      SalesforceWriteBack writeBack) {}

  /**
   * The Salesforce Account write-back (REST API, OAuth 2.0 client credentials flow).
   *
   * @param baseUrl the org's My Domain URL: the token comes from {@code /services/oauth2/token} there; the
   *     Account is updated at the {@code instance_url} the token response names
   * @param apiVersion the REST API version, such as v62.0
   * @param clientId the external client app's consumer key
   * @param clientSecret its consumer secret
   * @param fields fact (healthScore, healthBand, csm, lifecycleStage, renewalForecast, renewalDate) to
   *     the Account field's API name; empty turns the write-back off
   */
  public record SalesforceWriteBack(String baseUrl, String apiVersion, String clientId, String clientSecret,
      Map<String, String> fields) {

    boolean on() {
      return fields != null && !fields.isEmpty();
    }
  }

  /**
   * The HubSpot company write-back (CRM v3 objects API, a private app's access token).
   *
   * @param baseUrl https://api.hubapi.com
   * @param token the private app's access token (scope crm.objects.companies.write)
   * @param properties fact to the company property's internal name; empty turns the write-back off
   */
  public record HubSpotWriteBack(String baseUrl, String token, Map<String, String> properties) {

    boolean on() {
      return properties != null && !properties.isEmpty();
    }
  }

  /**
   * @param poll how often each node looks for write-backs due
   * @param retryDelays the waits after a CRM that was down or answered 5xx; when they are spent the
   *     write-back is failed
   * @param batchSize write-backs sent per look
   * @param timeout connect and read timeout of each call to a CRM
   */
  public record WriteBackTiming(Duration poll, List<Duration> retryDelays, int batchSize, Duration timeout) {}
}
