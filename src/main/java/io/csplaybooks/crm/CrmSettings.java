package io.csplaybooks.crm;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CRMs that send closed deals in their own shape.
 *
 * @param hubspot HubSpot's deal webhook: the app's client secret (signatures v2 and v3; empty turns
 *     the endpoint off), the closed-won stages of each pipeline, and where each field is
 * @param salesforce a Salesforce Opportunity as a Flow's HTTP callout sends it: the stage that
 *     means closed-won, and where each field is
 * @param ignoredBodyLimit how many bytes of a delivery the app could not take are kept for replay
 */
@ConfigurationProperties("csp.crm")
record CrmSettings(HubSpot hubspot, Salesforce salesforce, Integer ignoredBodyLimit) {

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
   */
  public record HubSpot(String clientSecret, Map<String, List<String>> closedWonStages, String stageField,
      String pipelineField, Map<String, String> fields, Map<String, String> flatFields) {

    public HubSpot {
      closedWonStages = closedWonStages == null ? Map.of() : Map.copyOf(closedWonStages);
      fields = fields == null ? Map.of() : fields;
      flatFields = flatFields == null ? Map.of() : flatFields;
    }
  }

  public record Salesforce(String closedWonStage, String stageField, Map<String, String> fields) {}
}
