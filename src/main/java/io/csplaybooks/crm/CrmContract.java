package io.csplaybooks.crm;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The CRM endpoints in the OpenAPI contract as the CRMs call them: the body a Salesforce Flow's HTTP
 * callout or a HubSpot workflow sends, with the fields this installation reads
 * ({@code csp.crm.<crm>.fields} and the stage field, so a changed mapping changes the contract), and
 * every answer of {@link CrmWebhooks}. The app reads the body as text to name a CRM's field in a
 * refusal; without this, the contract would say "a string".
 */
@Component
class CrmContract implements OpenApiCustomizer, Ordered {

  static final String SALESFORCE_PATH = "/api/crm/salesforce/opportunities";
  static final String HUBSPOT_PATH = "/webhooks/hubspot/deals";
  static final String SALESFORCE_BODY = "SalesforceOpportunity";
  static final String HUBSPOT_BODY = "HubSpotDeal";
  static final String HUBSPOT_FLAT_BODY = "HubSpotDealFlat";
  static final String HUBSPOT_EVENTS = "HubSpotWebhookEvents";
  static final String HUBSPOT_SIGNATURE = "hubspotSignature";
  static final String HUBSPOT_SIGNATURE_V2 = "hubspotSignatureV2";
  private static final String HANDOFF = "#/components/schemas/HandoffView";

  private final CrmSettings settings;

  CrmContract(CrmSettings settings) {
    this.settings = settings;
  }

  @Override
  public int getOrder() {
    return 0;
  }

  @Override
  public void customise(OpenAPI openApi) {
    Operation salesforce = post(openApi, SALESFORCE_PATH);
    if (salesforce != null) {
      openApi.getComponents().addSchemas(SALESFORCE_BODY, body(settings.salesforce().fields(),
          Map.of(settings.salesforce().stageField(), "The deal's stage: only '" + settings.salesforce().closedWonStage()
              + "' starts a handoff, another is skipped (202)"), Map.of("arr", "number"),
          "A Salesforce Opportunity with its Account and Owner, as a record-triggered Flow's HTTP callout sends it"));
      salesforce.operationId("salesforceOpportunity")
          .summary("A Salesforce Opportunity at Closed Won: start its handoff")
          .requestBody(body(SALESFORCE_BODY))
          .responses(answers());
    }
    Operation hubspot = post(openApi, HUBSPOT_PATH);
    if (hubspot != null) {
      CrmSettings.HubSpot settings = this.settings.hubspot();
      // Not the configured stages themselves: they are the portal's, and the contract is the same for each.
      String stages = "The deal stage: a closed-won stage of its pipeline (csp.crm.hubspot.closed-won-stages, by"
          + " default closedwon of the pipeline default) starts a handoff, another stage is skipped (202)";
      String pipelines = "The deal's pipeline id (default, or a number); a pipeline without closed-won stages in"
          + " csp.crm.hubspot.closed-won-stages is refused (400) and kept for replay";
      openApi.getComponents().addSchemas(HUBSPOT_BODY, body(settings.fields(), Map.of(
              HubSpotDeals.stageField(settings), stages, HubSpotDeals.pipelineField(settings), pipelines),
          Map.of("contractId", "integer"), "A HubSpot deal as a workflow's \"Send a webhook\" sends it with all the"
              + " deal's properties: each property's value is a text"));
      Map<String, String> flat = new TreeMap<>(HubSpotDeals.flatPointers(settings));
      Map<String, String> flatStage = Map.of(flat.remove(HubSpotDeals.STAGE), stages,
          flat.remove(HubSpotDeals.PIPELINE), pipelines);
      openApi.getComponents().addSchemas(HUBSPOT_FLAT_BODY, body(flat, flatStage, Map.of(),
          "A HubSpot deal as a workflow's \"Send a webhook\" sends it with \"Customize request body\": each"
              + " chosen property at the top, under its internal name (or csp.crm.hubspot.flat-fields)"));
      ObjectSchema event = new ObjectSchema();
      event.addProperty("subscriptionType", new StringSchema().example("deal.propertyChange"));
      event.addProperty("objectId", new IntegerSchema().format("int64"));
      event.addProperty("propertyName", new StringSchema().example("dealstage"));
      event.addProperty("propertyValue", new StringSchema().example("closedwon"));
      openApi.getComponents().addSchemas(HUBSPOT_EVENTS, new ArraySchema().items(event).example(List.of(Map.of(
          "subscriptionType", "deal.propertyChange", "objectId", 19872364512L, "propertyName", "dealstage",
          "propertyValue", "contractsent"))).description("An app's"
          + " webhook subscription events: they name the changed property, not the deal, so one that moves a deal"
          + " to closed-won is refused (400, kept) and the others are skipped (202); send deals from a workflow"));
      openApi.getComponents().addSecuritySchemes(HUBSPOT_SIGNATURE, new SecurityScheme()
          .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(CrmWebhooks.SIGNATURE_V3)
          .description("HubSpot's request signature v3: Base64 of HMAC-SHA256 with the app's client secret over"
              + " method, URI (its %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B decoded), body and"
              + " X-HubSpot-Request-Timestamp, at most 5 minutes old"));
      openApi.getComponents().addSecuritySchemes(HUBSPOT_SIGNATURE_V2, new SecurityScheme()
          .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-HubSpot-Signature")
          .description("HubSpot's request signature v2, as a workflow's \"Send a webhook\" signs: hex of SHA-256"
              + " over client secret + method + URI (as called, undecoded) + body, with X-HubSpot-Signature-Version:"
              + " v2. When X-HubSpot-Signature-v3 is present, only v3 is checked"));
      ApiResponses answers = answers()
          .addApiResponse("401", new ApiResponse().description("The signature is missing, wrong or (v3) older than"
              + " 5 minutes: nothing kept"))
          .addApiResponse("404", new ApiResponse().description("HubSpot is not connected: csp.crm.hubspot.client-secret is empty"));
      answers.get("400").description("A delivery the app cannot take: errors[] names each field as HubSpot sends it"
          + " (for example arr (hubspot /properties/amount/value), pipeline (hubspot /pipeline)); the delivery is"
          + " kept, ignoredDelivery is where an administrator reads and replays it");
      answers.get("409").description("The same deal with other values: fields names them (amend the contract"
          + " instead); the delivery is kept as ignored");
      hubspot.operationId("hubspotDeal")
          .summary("A HubSpot deal moved to closed-won: start its handoff")
          .description("Called by HubSpot, signed with the app's client secret instead of a token: v2 (a workflow's"
              + " request signature) or v3. The body is the deal with all its properties, a workflow's customized"
              + " body, or (refused or skipped) an app's webhook events.")
          .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
              new MediaType().schema(new ComposedSchema().oneOf(List.of(
                  new Schema<>().$ref("#/components/schemas/" + HUBSPOT_BODY),
                  new Schema<>().$ref("#/components/schemas/" + HUBSPOT_FLAT_BODY),
                  new Schema<>().$ref("#/components/schemas/" + HUBSPOT_EVENTS)))))))
          .responses(answers)
          .security(List.of(new SecurityRequirement().addList(HUBSPOT_SIGNATURE),
              new SecurityRequirement().addList(HUBSPOT_SIGNATURE_V2)));
    }
  }

  private static Operation post(OpenAPI openApi, String path) {
    PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
    return item == null ? null : item.getPost();
  }

  private static RequestBody body(String schema) {
    return new RequestBody().required(true).content(new Content().addMediaType("application/json",
        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
  }

  /** What {@link CrmWebhooks#deal} answers; ApiContract adds the problems every operation may answer. */
  private static ApiResponses answers() {
    ObjectSchema skipped = new ObjectSchema();
    skipped.addProperty("skipped", new StringSchema().example("the deal is at stage 'Negotiation', not Closed Won:"
        + " nothing to hand off"));
    skipped.addProperty("reason", new StringSchema().example("not-closed-won"));
    return new ApiResponses()
        .addApiResponse("201", handoff("A new handoff: the body says how complete the brief was"))
        .addApiResponse("200", handoff("The same deal again with the same values: the handoff that exists"))
        .addApiResponse("202", new ApiResponse().description("The deal is at a stage that is not closed-won: nothing"
            + " started, counted in csp_crm_deliveries_skipped_total")
            .content(new Content().addMediaType("application/json", new MediaType().schema(skipped))))
        .addApiResponse("400", new ApiResponse().description("Invalid input: errors[] names each field as the CRM"
            + " calls it, for example arr (salesforce /Amount)"))
        .addApiResponse("409", new ApiResponse().description("The same deal with other values: fields names them"
            + " (amend the contract instead)"));
  }

  private static ApiResponse handoff(String description) {
    return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
        new MediaType().schema(new Schema<>().$ref(HANDOFF))));
  }

  /**
   * The body as nested objects, one property per JSON pointer of the mapping: {@code /Account/Name}
   * is {@code {"Account": {"Name": ...}}}. A value is a text unless the CRM sends the field otherwise.
   */
  static Schema<?> body(Map<String, String> fields, Map<String, String> described, Map<String, String> types,
      String description) {
    Map<String, String> pointers = new TreeMap<>(fields);
    ObjectSchema root = new ObjectSchema();
    root.description(description + ". The fields are csp.crm's mapping; others are allowed and not read.");
    pointers.forEach((field, pointer) -> put(root, pointer, typed(types.get(field))
        .description("The handoff's " + field + (field.startsWith("contract") && !field.equals("contractId")
            ? " (YYYY-MM-DD, a date-time or epoch milliseconds)" : "")
            + (List.of("businessGoals", "successCriteria", "useCases", "technicalRequirements", "knownRisks")
                .contains(field) ? " (one item per line or ';')" : ""))));
    new TreeMap<>(described).forEach((pointer, text) -> {
      if (pointer != null && !pointer.isBlank()) {
        put(root, pointer, new StringSchema().description(text));
      }
    });
    return root;
  }

  private static Schema<?> typed(String type) {
    return switch (type == null ? "string" : type) {
      case "number" -> new NumberSchema();
      case "integer" -> new IntegerSchema().format("int64");
      default -> new StringSchema();
    };
  }

  private static void put(ObjectSchema root, String pointer, Schema<?> leaf) {
    String[] steps = pointer.substring(1).split("/");
    Schema<?> at = root;
    for (int i = 0; i < steps.length; i++) {
      String name = steps[i].replace("~1", "/").replace("~0", "~");
      if (i == steps.length - 1) {
        at.addProperty(name, leaf);
      } else {
        Schema<?> next = at.getProperties() == null ? null : at.getProperties().get(name);
        if (next == null) {
          next = new ObjectSchema();
          at.addProperty(name, next);
        }
        at = next;
      }
    }
  }
}
