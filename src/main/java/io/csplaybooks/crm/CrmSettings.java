package io.csplaybooks.crm;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CRMs that send closed deals in their own shape.
 *
 * @param hubspot HubSpot's deal webhook: the app's client secret (signature v3; empty turns the
 *     endpoint off), the deal stage that means closed-won, and where each field is
 * @param salesforce a Salesforce Opportunity as a Flow's HTTP callout sends it: the stage that
 *     means closed-won, and where each field is
 */
@ConfigurationProperties("csp.crm")
record CrmSettings(HubSpot hubspot, Salesforce salesforce) {

  public record HubSpot(String clientSecret, String closedWonStage, String stageField, Map<String, String> fields) {}

  public record Salesforce(String closedWonStage, String stageField, Map<String, String> fields) {}
}
