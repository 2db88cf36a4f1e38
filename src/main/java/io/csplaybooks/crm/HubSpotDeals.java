package io.csplaybooks.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a HubSpot delivery says, before anything is recorded. HubSpot sends a deal in two shapes:
 * <ul>
 *   <li><b>full</b>: a workflow's "Send a webhook" with all the deal's properties, {@code {"objectId":
 *       ..., "properties": {"amount": {"value": "120000", ...}, ...}}}, read with
 *       {@code csp.crm.hubspot.fields};
 *   <li><b>flat</b>: the same action with "Customize request body", each chosen property a top-level
 *       key ({@code {"hs_object_id": "...", "amount": "120000", "dealstage": "closedwon", ...}}), read
 *       with the same mapping where {@code /properties/<name>/value} becomes {@code /<name>} and
 *       {@code /objectId} becomes {@code /hs_object_id} (or {@code csp.crm.hubspot.flat-fields}).
 * </ul>
 * A list of webhook subscription events (an app's {@code deal.propertyChange}) names only the changed
 * property, not the deal, so a closed-won event in it is refused with that reason. A stage that is
 * not closed-won is skipped (HubSpot sends every stage change); a pipeline the configuration does not
 * know is refused, since whether its stage is closed-won cannot be told.
 */
final class HubSpotDeals {

  static final String FULL = "full";
  static final String FLAT = "flat";
  static final String STAGE = "stage";
  static final String PIPELINE = "pipeline";

  /** What to do with a delivery. */
  sealed interface Reading permits Take, Skip {}

  /** A closed-won deal: hand it off. */
  record Take(JsonNode payload, CrmMapping mapping, String format, String stage, String pipeline) implements Reading {}

  /** Understood, and nothing to hand off: answered 2xx and counted as skipped. */
  record Skip(String reason, String detail) implements Reading {}

  /** A delivery the app cannot take: answered 4xx, kept and counted as ignored. */
  static final class Refusal extends RuntimeException {
    private final String reason;
    private final transient List<FieldError> errors;

    Refusal(String reason, List<FieldError> errors) {
      super(errors.toString());
      this.reason = reason;
      this.errors = List.copyOf(errors);
    }

    Refusal(String reason, String field, String why) {
      this(reason, List.of(new FieldError(field, why)));
    }

    String reason() {
      return reason;
    }

    List<FieldError> errors() {
      return errors;
    }
  }

  private final ObjectMapper json;
  private final Map<String, List<String>> closedWon;
  private final Map<String, Pointers> formats = new LinkedHashMap<>();

  /** Where the deal's id, stage and pipeline are, and the handoff mapping, in one shape. */
  private record Pointers(CrmMapping mapping, String id, String stage, String pipeline) {}

  HubSpotDeals(ObjectMapper json, CrmSettings.HubSpot settings) {
    this.json = json;
    this.closedWon = settings.closedWonStages();
    if (closedWon.isEmpty()) {
      throw new IllegalStateException("csp.crm.hubspot.closed-won-stages names no pipeline: give at least"
          + " default: [closedwon]");
    }
    String stage = stageField(settings);
    String pipeline = pipelineField(settings);
    Map<String, String> full = settings.fields();
    formats.put(FULL, new Pointers(new CrmMapping("hubspot", full), full.getOrDefault("contractId", "/objectId"),
        stage, pipeline));
    Map<String, String> flat = flatPointers(settings);
    String flatStage = flat.remove(STAGE);
    String flatPipeline = flat.remove(PIPELINE);
    formats.put(FLAT, new Pointers(new CrmMapping("hubspot", flat), flat.getOrDefault("contractId", "/hs_object_id"),
        flatStage, flatPipeline));
  }

  static String stageField(CrmSettings.HubSpot settings) {
    return orDefault(settings.stageField(), "/properties/dealstage/value");
  }

  static String pipelineField(CrmSettings.HubSpot settings) {
    return orDefault(settings.pipelineField(), "/properties/pipeline/value");
  }

  /**
   * Where each field is in a workflow's customized body: the full payload's pointers made flat, then
   * {@code csp.crm.hubspot.flat-fields}; with the keys {@value #STAGE} and {@value #PIPELINE}.
   */
  static Map<String, String> flatPointers(CrmSettings.HubSpot settings) {
    Map<String, String> flat = new LinkedHashMap<>();
    settings.fields().forEach((field, pointer) -> flat.put(field, flat(pointer)));
    flat.put(STAGE, flat(stageField(settings)));
    flat.put(PIPELINE, flat(pipelineField(settings)));
    flat.putAll(settings.flatFields());
    return flat;
  }

  /** A pointer of the full payload in the flat one: {@code /properties/amount/value} is {@code /amount}. */
  static String flat(String pointer) {
    if (pointer.equals("/objectId")) {
      return "/hs_object_id";
    }
    return pointer.matches("/properties/[^/]+/value") ? pointer.substring("/properties".length(),
        pointer.length() - "/value".length()) : pointer;
  }

  Reading read(String body) {
    JsonNode payload;
    try {
      payload = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Refusal("unreadable", "body", "is not well-formed JSON");
    }
    if (payload == null || !(payload.isObject() || payload.isArray())) {
      throw new Refusal("unreadable", "body", "must be a HubSpot deal (a JSON object) or a list of webhook events");
    }
    if (payload.isArray()) {
      return events(payload);
    }
    String format = payload.path("properties").isObject() ? FULL : FLAT;
    Pointers at = formats.get(format);
    if (text(payload, at.id()) == null) {
      throw new Refusal("unknown-shape", "body", format.equals(FULL)
          ? "has properties but no deal id at " + at.id()
          : "is neither HubSpot's deal (objectId and properties) nor a workflow's customized body with the"
              + " deal's id at " + at.id() + " (add the property 'Record ID' with the key hs_object_id)");
    }
    String stage = text(payload, at.stage());
    if (stage == null) {
      throw new Refusal("no-stage", "stage (hubspot " + at.stage() + ")", "is missing: the app hands off only a"
          + " closed-won deal, so the body must carry the deal stage (key dealstage)");
    }
    String pipeline = text(payload, at.pipeline());
    if (pipeline != null && !closedWon.containsKey(pipeline)) {
      throw new Refusal("unknown-pipeline", "pipeline (hubspot " + at.pipeline() + ")", "'" + pipeline
          + "' has no closed-won stages in csp.crm.hubspot.closed-won-stages (known: "
          + String.join(", ", new TreeSet<>(closedWon.keySet())) + "): add it, then replay this delivery");
    }
    if (!isClosedWon(pipeline, stage)) {
      return new Skip("not-closed-won", "the deal is at stage '" + stage + "'" + (pipeline == null ? ""
          : " of pipeline '" + pipeline + "'") + ", not closed-won (" + String.join(", ", closedWonOf(pipeline))
          + "): nothing to hand off");
    }
    return new Take(payload, at.mapping(), format, stage, pipeline);
  }

  /** Closed-won in its pipeline; without a pipeline, in any (HubSpot's stage ids are unique in a portal). */
  private boolean isClosedWon(String pipeline, String stage) {
    return closedWonOf(pipeline).stream().anyMatch(s -> s.equalsIgnoreCase(stage));
  }

  private List<String> closedWonOf(String pipeline) {
    if (pipeline != null) {
      return closedWon.get(pipeline);
    }
    return closedWon.values().stream().flatMap(List::stream).distinct().toList();
  }

  private Reading events(JsonNode events) {
    List<String> closed = new ArrayList<>();
    for (JsonNode event : events) {
      if (!event.isObject() || !event.hasNonNull("subscriptionType")) {
        throw new Refusal("unknown-shape", "body", "is a list, but not of HubSpot webhook events (each with a"
            + " subscriptionType)");
      }
      if ("dealstage".equals(event.path("propertyName").asText())
          && isClosedWon(null, event.path("propertyValue").asText())) {
        closed.add(event.path("objectId").asText());
      }
    }
    if (!closed.isEmpty()) {
      throw new Refusal("subscription-events", "body", "is a list of webhook subscription events, which name the"
          + " changed property but not the deal's fields: deal " + String.join(", ", closed) + " moved to closed-won;"
          + " send the deal from a workflow's \"Send a webhook\" instead");
    }
    return new Skip("not-closed-won", "no event of the " + events.size() + " moves a deal to a closed-won stage:"
        + " nothing to hand off");
  }

  private static String text(JsonNode payload, String pointer) {
    JsonNode node = payload.at(pointer);
    if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
      return null;
    }
    String text = node.asText().trim();
    return text.isEmpty() ? null : text;
  }

  private static String orDefault(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }
}
