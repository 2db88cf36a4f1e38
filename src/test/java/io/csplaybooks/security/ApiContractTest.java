package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI contract a CRM admin imports (Salesforce's External Services and HTTP callout, an iPaaS):
 * every /api endpoint and the CRM webhooks with who may call them, their answers and problem details,
 * in a form importers accept; the tour's closed deal (docs/daily-work.md) as the example of a handoff,
 * valid against the request's schema; and docs/openapi.json, the copy CI validates, equal to it.
 */
class ApiContractTest extends IntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;
  @Autowired ObjectMapper json;
  @Value("${csp.base-url}") String baseUrl;

  static final Path COMMITTED = Path.of("docs", "openapi.json");

  @Test
  void theContractListsEveryEndpointWithWhoMayCallItAndItsProblems() throws Exception {
    ResponseEntity<String> answer = http.getForEntity("/v3/api-docs", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode contract = json.readTree(answer.getBody());

    Set<String> documented = new TreeSet<>();
    contract.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      documented.add(method.toUpperCase() + " " + path.getKey());
      JsonNode op = path.getValue().get(method);
      assertThat(op.get("responses").has("400")).as(method + " " + path.getKey() + ": 400").isTrue();
      if (path.getKey().startsWith("/api/")) {
        assertThat(op.has("x-teams")).as(method + " " + path.getKey() + ": x-teams").isTrue();
        assertThat(op.get("responses").get("403").toString()).contains("#/components/schemas/Problem");
      }
    }));
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/api/") || pattern.startsWith("/webhooks/")) {
          info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + pattern));
        }
      }
    }
    assertThat(documented).isEqualTo(mapped);
    assertThat(contract.at("/paths/~1api~1handoffs/post/x-teams").toString()).isEqualTo("[\"cs-managers\",\"sales\"]");
    assertThat(contract.at("/paths/~1api~1handoffs/post/x-scopes").toString()).isEqualTo("[\"handoffs\"]");
    assertThat(contract.at("/components/securitySchemes").toString()).contains("basic", "bearer");
    assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /**
   * What Salesforce's External Services and the validators in CI (.ci/lint) need: OpenAPI 3.0, every
   * reference resolves, every operation named and summed up, a success and problem details for each
   * error, the app's configured address as the server.
   */
  @Test
  void theContractIsOneImportersAccept() throws Exception {
    JsonNode contract = json.readTree(http.getForEntity("/v3/api-docs", String.class).getBody());
    assertThat(contract.path("openapi").asText()).startsWith("3.0.");
    assertThat(contract.path("servers").size()).isEqualTo(1);
    assertThat(contract.at("/servers/0/url").asText()).isEqualTo(baseUrl).startsWith("http");

    List<String> refs = new ArrayList<>();
    collectRefs(contract, refs);
    assertThat(refs).hasSizeGreaterThan(100);
    for (String ref : refs) {
      assertThat(ref).as("a local reference").startsWith("#/");
      assertThat(contract.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse();
    }
    assertThat(refs).contains("#/components/schemas/Problem");

    Set<String> operationIds = new HashSet<>();
    contract.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
      String where = method.getKey().toUpperCase() + " " + path.getKey();
      JsonNode op = method.getValue();
      assertThat(op.path("summary").asText()).as(where + ": summary").isNotBlank();
      assertThat(operationIds.add(op.path("operationId").asText())).as(where + ": operationId "
          + op.path("operationId") + " once").isTrue();
      assertThat(op.path("operationId").asText()).as(where + ": operationId").matches("[a-z][A-Za-z]+");
      List<String> statuses = new ArrayList<>();
      op.get("responses").fieldNames().forEachRemaining(statuses::add);
      assertThat(statuses).as(where + ": a success").anyMatch(status -> status.startsWith("2"));
      assertThat(statuses).as(where).contains("400", "503");
      op.get("responses").fields().forEachRemaining(response -> {
        assertThat(response.getValue().toString()).as(where + " " + response.getKey()).doesNotContain("*/*");
        if (response.getKey().charAt(0) >= '4') {
          assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asText())
              .as(where + " " + response.getKey()).isEqualTo("#/components/schemas/Problem");
        }
      });
    }));
  }

  /** The two CRMs' bodies are typed with the fields the app reads, and every answer of theirs is declared. */
  @Test
  void theCrmBodiesAreTypedWithTheirFields() throws Exception {
    JsonNode contract = json.readTree(http.getForEntity("/v3/api-docs", String.class).getBody());
    JsonNode salesforce = contract.at("/paths/~1api~1crm~1salesforce~1opportunities/post");
    assertThat(salesforce.at("/requestBody/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/SalesforceOpportunity");
    JsonNode opportunity = contract.at("/components/schemas/SalesforceOpportunity/properties");
    assertThat(opportunity.at("/Amount/type").asText()).isEqualTo("number");
    assertThat(opportunity.at("/StageName/type").asText()).isEqualTo("string");
    assertThat(opportunity.at("/Account/properties/Name/type").asText()).isEqualTo("string");
    assertThat(opportunity.at("/Owner/properties/Email/type").asText()).isEqualTo("string");
    assertThat(opportunity.at("/Technical_Requirements__c/description").asText()).contains("technicalRequirements");
    assertThat(fieldNames(salesforce.get("responses")))
        .containsExactlyInAnyOrder("200", "201", "202", "400", "401", "403", "409", "415", "429", "503");
    assertThat(salesforce.at("/responses/201/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/HandoffView");

    JsonNode hubspot = contract.at("/paths/~1webhooks~1hubspot~1deals/post");
    // HubSpot's two deal bodies (all properties, or a workflow's customized flat one) and an app's events.
    assertThat(hubspot.at("/requestBody/content/application~1json/schema/oneOf").findValuesAsText("$ref"))
        .containsExactly("#/components/schemas/HubSpotDeal", "#/components/schemas/HubSpotDealFlat",
            "#/components/schemas/HubSpotWebhookEvents");
    JsonNode deal = contract.at("/components/schemas/HubSpotDeal/properties");
    assertThat(deal.at("/objectId/type").asText()).isEqualTo("integer");
    assertThat(deal.at("/properties/properties/dealstage/properties/value/type").asText()).isEqualTo("string");
    assertThat(deal.at("/properties/properties/amount/properties/value/type").asText()).isEqualTo("string");
    assertThat(deal.at("/properties/properties/pipeline/properties/value/type").asText()).isEqualTo("string");
    JsonNode flat = contract.at("/components/schemas/HubSpotDealFlat/properties");
    assertThat(flat.at("/hs_object_id/type").asText()).isEqualTo("string");
    assertThat(flat.at("/amount/description").asText()).contains("arr");
    assertThat(flat.at("/dealstage/type").asText()).isEqualTo("string");
    assertThat(flat.at("/pipeline/type").asText()).isEqualTo("string");
    // Either signature: v3 from an app, v2 from a workflow.
    assertThat(hubspot.at("/security/0").has("hubspotSignature")).isTrue();
    assertThat(hubspot.at("/security/1").has("hubspotSignatureV2")).isTrue();
    assertThat(fieldNames(hubspot.get("responses")))
        .containsExactlyInAnyOrder("200", "201", "202", "400", "401", "404", "409", "415", "503");
  }

  /** The problem details as the app answers them fit the contract's Problem: a 400 of the CRM endpoint, a 401. */
  @Test
  void theProblemIsWhatTheAppAnswers() throws Exception {
    JsonNode contract = json.readTree(http.getForEntity("/v3/api-docs", String.class).getBody());
    JsonNode schemas = contract.get("components").get("schemas");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> refused = as("ada").postForEntity("/api/crm/salesforce/opportunities",
        new HttpEntity<>("{\"Id\": \"006-contract-" + System.nanoTime() + "\", \"StageName\": \"Closed Won\","
            + " \"Amount\": \"lots\"}", headers), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode problem = json.readTree(refused.getBody());
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("arr (salesforce /Amount)");
    fits(problem, schemas.get("Problem"), schemas, "400");

    ResponseEntity<String> unauthenticated = http.postForEntity("/api/crm/salesforce/opportunities",
        new HttpEntity<>("{}", headers), String.class);
    assertThat(unauthenticated.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    fits(json.readTree(unauthenticated.getBody()), schemas.get("Problem"), schemas, "401");
  }

  private static void collectRefs(JsonNode node, List<String> into) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        if (field.getKey().equals("$ref")) {
          into.add(field.getValue().asText());
        } else {
          collectRefs(field.getValue(), into);
        }
      });
    } else if (node.isArray()) {
      node.forEach(item -> collectRefs(item, into));
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * {@code docs/openapi.json} is the served contract, so CI's validators (.ci/lint) read what the app
   * serves without building it. After a change of an endpoint, regenerate it with
   * {@code mvn -B test -Dtest=ApiContractTest -Dcsp.openapi.write=true} and commit it.
   */
  @Test
  void theCommittedContractIsTheServedOne() throws Exception {
    String served = json.writerWithDefaultPrettyPrinter()
        .writeValueAsString(json.readTree(http.getForEntity("/v3/api-docs", String.class).getBody())) + "\n";
    if (Boolean.getBoolean("csp.openapi.write")) {
      Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
    }
    assertThat(COMMITTED).as(COMMITTED + " (regenerate: see ApiContractTest)").exists();
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as(COMMITTED + " (regenerate: see ApiContractTest)").isEqualTo(served);
  }

  @Test
  void theToursClosedDealIsTheContractsExampleAndFitsItsSchema() throws Exception {
    JsonNode contract = json.readTree(http.getForEntity("/v3/api-docs", String.class).getBody());
    Matcher curl = Pattern.compile("http://localhost:8080/api/handoffs -d '(\\{.*?\\})'\\n", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("docs", "daily-work.md")));
    assertThat(curl.find()).as("docs/daily-work.md's curl of POST /api/handoffs").isTrue();
    JsonNode readme = json.readTree(curl.group(1));
    JsonNode schemas = contract.get("components").get("schemas");

    assertThat(schemas.get("HandoffRequest").get("example")).isEqualTo(readme);
    fits(readme, schemas.get("HandoffRequest"), schemas, "");
    // Every request body's schema has an example, and it fits.
    contract.get("paths").forEach(path -> path.forEach(op -> {
      // A body's schema, or each of the bodies an operation takes (oneOf).
      JsonNode body = op.at("/requestBody/content/application~1json/schema");
      body.findValuesAsText("$ref").forEach(ref -> {
        JsonNode schema = schemas.get(ref.replace("#/components/schemas/", ""));
        assertThat(schema.has("example")).as(ref + " has an example").isTrue();
        fits(schema.get("example"), schema, schemas, ref);
      });
    }));
    ResponseEntity<Map> posted = as("ada").postForEntity("/api/handoffs",
        json.readValue(curl.group(1).replace("CRM-2026-0042", "CRM-" + System.nanoTime())
            .replace("CRM-GLOBEX", "CRM-G-" + System.nanoTime())
            // The tour's account executive is the demo's; the tests' is ada.
            .replace("\"accountExecutive\": \"alex\"", "\"accountExecutive\": \"ada\""), Map.class), Map.class);
    assertThat(posted.getStatusCode()).as(String.valueOf(posted.getBody())).isEqualTo(HttpStatus.CREATED);
  }

  /** Every field of the example is a property of its schema, of the schema's type. */
  private static void fits(JsonNode value, JsonNode declared, JsonNode schemas, String where) {
    JsonNode schema = declared.has("$ref")
        ? schemas.get(declared.get("$ref").asText().replace("#/components/schemas/", "")) : declared;
    String type = schema.path("type").asText();
    switch (type) {
      case "object" -> {
        assertThat(value.isObject()).as(where + " is an object").isTrue();
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!schema.has("properties") && schema.has("additionalProperties")) {
            // A map: every value fits the one schema.
            fits(value.get(name), schema.get("additionalProperties"), schemas, where + "." + name);
            continue;
          }
          assertThat(schema.get("properties").has(name)).as(where + "." + name + " is in the schema").isTrue();
          fits(value.get(name), schema.get("properties").get(name), schemas, where + "." + name);
        }
      }
      case "array" -> {
        assertThat(value.isArray()).as(where + " is a list").isTrue();
        value.forEach(item -> fits(item, schema.get("items"), schemas, where + "[]"));
      }
      case "number", "integer" -> assertThat(value.isNumber()).as(where + " is a number").isTrue();
      case "string" -> assertThat(value.isTextual()).as(where + " is a text").isTrue();
      case "boolean" -> assertThat(value.isBoolean()).as(where + " is true or false").isTrue();
      default -> throw new AssertionError(where + ": a schema of type '" + type + "'");
    }
  }
}
