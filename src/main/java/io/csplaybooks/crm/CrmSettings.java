package io.csplaybooks.crm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CRMs that send closed deals in their own shape, and the facts the application writes back to
 * them.
 *
 * @param hubspot HubSpot's deal webhook: the app's client secret (signatures v2 and v3; empty turns
 *     the endpoint off), the closed-won stages of each pipeline, and where each field is; the company
 *     write-back
 * @param salesforce a Salesforce Opportunity as a Flow's HTTP callout sends it: the stage that
 *     means closed-won, and where each field is; the Account write-back
 * @param writeBack how often the write-back looks for work and how it retries
 * @param ignoredBodyLimit how many bytes of a delivery the app could not take are kept for replay
 */
@ConfigurationProperties("csp.crm")
record CrmSettings(HubSpot hubspot, Salesforce salesforce, WriteBackTiming writeBack, Integer ignoredBodyLimit) {

  static final int DEFAULT_IGNORED_BODY_LIMIT = 256 * 1024;

  int bodyLimit() {
    return ignoredBodyLimit == null || ignoredBodyLimit <= 0 ? DEFAULT_IGNORED_BODY_LIMIT : ignoredBodyLimit;
  }

  /**
   * @param closedWonStages by pipeline id ({@code default} is HubSpot's first pipeline; others have
   *     numeric ids), the stage ids that mean closed-won
   * @param stageField the deal stage in the full payload (a JSON pointer)
   * @param pipelineField the pipeline in the full payload
   * @param fields where each handoff field is in the full payload
   * @param flatFields where a field is in a workflow's customized body, when its key is not the
   *     property's internal name (which the app assumes otherwise)
   * @param writeBack the company write-back
   */
  public record HubSpot(String clientSecret, Map<String, List<String>> closedWonStages, String stageField,
      String pipelineField, Map<String, String> fields, Map<String, String> flatFields, HubSpotWriteBack writeBack) {

    public HubSpot {
      closedWonStages = closedWonStages == null ? Map.of() : Map.copyOf(closedWonStages);
      fields = fields == null ? Map.of() : fields;
      flatFields = flatFields == null ? Map.of() : flatFields;
    }
  }

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
