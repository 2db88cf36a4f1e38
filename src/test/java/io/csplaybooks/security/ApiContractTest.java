package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI contract a CRM admin imports (Salesforce's HTTP callout, an iPaaS): every /api
 * endpoint with who may call it and its problem details, and the tour's closed deal (docs/daily-work.md)
 * as the example of a handoff, valid against the request's schema.
 */
class ApiContractTest extends IntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;
  @Autowired ObjectMapper json;

  @Test
  void theContractListsEveryEndpointWithWhoMayCallItAndItsProblems() throws Exception {
    ResponseEntity<String> answer = http.getForEntity("/v3/api-docs", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode contract = json.readTree(answer.getBody());

    Set<String> documented = new TreeSet<>();
    contract.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      documented.add(method.toUpperCase() + " " + path.getKey());
      JsonNode op = path.getValue().get(method);
      assertThat(op.has("x-teams")).as(method + " " + path.getKey() + ": x-teams").isTrue();
      assertThat(op.get("responses").has("400")).as(method + " " + path.getKey() + ": 400").isTrue();
      assertThat(op.get("responses").get("403").toString()).contains("#/components/schemas/Problem");
    }));
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/api/")) {
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
      JsonNode body = op.at("/requestBody/content/application~1json/schema/$ref");
      if (!body.isMissingNode()) {
        JsonNode schema = schemas.get(body.asText().replace("#/components/schemas/", ""));
        assertThat(schema.has("example")).as(body.asText() + " has an example").isTrue();
        fits(schema.get("example"), schema, schemas, body.asText());
      }
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
