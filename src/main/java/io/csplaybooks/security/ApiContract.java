package io.csplaybooks.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

/**
 * The OpenAPI contract of {@code /api}, served at {@code /v3/api-docs} (and browsable at
 * {@code /swagger-ui.html}): what springdoc reads from the controllers, with who may call each
 * operation from {@link ApiAccess} (the same table that enforces it), the two ways in (HTTP Basic,
 * an integration token) and the problem details every operation may answer.
 */
@Configuration
class ApiContract {

  static final String PROBLEM = "Problem";
  static final String BASIC = "basic";
  static final String TOKEN = "token";

  @Bean
  public OpenAPI cspOpenApi() {
    return new OpenAPI()
        .info(new Info().title("cs-playbooks API").version("1")
            .description("Customer-success playbooks: closed contracts from the CRM, signals, accounts, health,"
                + " success plans, renewals and metrics. A person signs in with HTTP Basic (their user);"
                + " an integration with an integration token (Authorization: Bearer). Each operation says"
                + " which teams (x-teams) and token scopes (x-scopes) may call it. Errors are RFC 9457"
                + " problem details; a 400 names every field that is wrong and why.")
            .license(new License().name("Apache-2.0")))
        .components(new Components()
            .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
            .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An integration token (POST /api/tokens, administrators) with the operation's scope"))
            .addSchemas(PROBLEM, problem()));
  }

  /**
   * Who may call each operation, what it may answer besides its success, and the closed deal of the
   * README as the example of a handoff request ({@code openapi/handoff-request.json}).
   */
  @Bean
  public OpenApiCustomizer cspAccessRules(ObjectMapper json) {
    return openApi -> {
      openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
          describe(path, HttpMethod.valueOf(method.name()), op)));
      // The examples of the request bodies: openapi/<schema>.json, the handoff's the tour's deal (docs/daily-work.md).
      openApi.getComponents().getSchemas().forEach((name, schema) -> {
        String resource = "HandoffRequest".equals(name) ? "openapi/handoff-request.json" : "openapi/" + name + ".json";
        if (new ClassPathResource(resource).exists()) {
          schema.setExample(example(json, resource));
        }
      });
    };
  }

  static Object example(ObjectMapper json, String resource) {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      return json.readValue(in, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI example " + resource, e);
    }
  }

  private static void describe(String path, HttpMethod method, Operation op) {
    ApiAccess.rule(method, path).ifPresent(rule -> {
      op.addExtension("x-teams", rule.teams().isEmpty() ? List.of("administrators") : List.copyOf(new TreeSet<>(rule.teams())));
      op.addExtension("x-scopes", List.copyOf(new TreeSet<>(rule.scopes())));
      String who = "Who: " + rule.who() + (rule.scopes().isEmpty() ? "" : "; tokens with scope "
          + String.join(" or ", new TreeSet<>(rule.scopes())));
      op.setDescription(op.getDescription() == null ? who : op.getDescription() + "\n\n" + who);
      op.addSecurityItem(new SecurityRequirement().addList(BASIC));
      if (!rule.scopes().isEmpty()) {
        op.addSecurityItem(new SecurityRequirement().addList(TOKEN));
      }
    });
    ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
    Map.of("400", "Invalid input: errors[] names each field and why", "401", "No or wrong credentials",
        "403", "The caller's teams or token scopes may not", "503", "The database is away: send the same request"
            + " again after Retry-After seconds")
        .forEach((status, why) -> responses.putIfAbsent(status, problemResponse(why)));
    if (path.contains("{")) {
      responses.putIfAbsent("404", problemResponse("No such resource"));
    }
    op.setResponses(responses);
  }

  private static ApiResponse problemResponse(String description) {
    return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
  }

  private static Schema<?> problem() {
    ObjectSchema error = new ObjectSchema();
    error.addProperty("field", new StringSchema().example("contractEnd"));
    error.addProperty("reason", new StringSchema().example("must be after contractStart"));
    return new ObjectSchema().description("RFC 9457 problem details")
        .addProperty("type", new StringSchema().example("/problems/invalid-input"))
        .addProperty("title", new StringSchema().example("Invalid input"))
        .addProperty("status", new IntegerSchema().example(400))
        .addProperty("detail", new StringSchema().example("contractEnd: must be after contractStart"))
        .addProperty("errors", new ArraySchema().items(error))
        .addProperty("fields", new ArraySchema().items(new StringSchema())
            .description("409: the fields whose recorded values differ"));
  }
}
