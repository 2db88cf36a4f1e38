package io.csplaybooks.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.CommonSettings;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
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
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

/**
 * The OpenAPI contract of {@code /api} (and the CRM webhooks), served at {@code /v3/api-docs} (and
 * browsable at {@code /swagger-ui.html}) as OpenAPI 3.0, the version Salesforce's External Services and
 * the iPaaS tools import: what springdoc reads from the controllers, with who may call each operation
 * from {@link ApiAccess} (the same table that enforces it), the two ways in (HTTP Basic, an integration
 * token), the app's address ({@code csp.base-url}) and the problem details every operation may answer.
 * {@code docs/openapi.json} is a copy that CI validates (ApiContractTest keeps it equal).
 */
@Configuration
class ApiContract {

  static final String PROBLEM = "Problem";
  static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
  static final String BASIC = "basic";
  static final String TOKEN = "token";

  @Bean
  public OpenAPI cspOpenApi(CommonSettings common) {
    return new OpenAPI()
        .info(new Info().title("cs-playbooks API").version("1")
            .description("Customer-success playbooks: closed contracts from the CRM, signals, accounts, health,"
                + " success plans, renewals and metrics. A person signs in with HTTP Basic (their user);"
                + " an integration with an integration token (Authorization: Bearer). Each operation says"
                + " which teams (x-teams) and token scopes (x-scopes) may call it. Errors are RFC 9457"
                + " problem details; a 400 names every field that is wrong and why.")
            .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
        // The configured address, not the one a request happened to come to (a proxy's, a pod's).
        .servers(List.of(new Server().url(common.baseUrlWithoutSlash()).description("csp.base-url")))
        .components(new Components()
            .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
            .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An integration token (POST /api/tokens, administrators) with the operation's scope")));
  }

  /**
   * Schema names that tell nested types apart: {@code BookTransfers.Request} and
   * {@code PlaybookMigrations.Request} would both be "Request", and one would stand for the other.
   */
  @Bean
  public ModelResolver cspSchemaNames() {
    return new ModelResolver(Json.mapper(), new DistinctNames("io.csplaybooks"));
  }

  /**
   * Who may call each operation, what it may answer besides its success, and the examples of the
   * request bodies. Runs after the other customizers (the CRM's bodies), so their schemas get theirs.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  public OpenApiCustomizer cspAccessRules(ObjectMapper json) {
    return openApi -> {
      openApi.getComponents().addSchemas(PROBLEM, problem());
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
    ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
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
      // The perimeter's answers (SecurityProblems).
      responses.putIfAbsent("401", problemResponse("No or wrong credentials"));
      responses.putIfAbsent("403", problemResponse("The caller's teams or token scopes may not"));
      responses.putIfAbsent("429", problemResponse("Too many failed logins from this address: try again after"
          + " Retry-After seconds").addHeaderObject("Retry-After", seconds()));
    });
    responses.putIfAbsent("400", problemResponse("Invalid input: errors[] names each field and why"));
    if (op.getRequestBody() != null) {
      responses.putIfAbsent("415", problemResponse("The body is not of the content type the operation takes"));
    }
    if (path.contains("{")) {
      responses.putIfAbsent("404", problemResponse("No such resource"));
    }
    responses.putIfAbsent("503", problemResponse("The database is away: send the same request again after"
        + " Retry-After seconds").addHeaderObject("Retry-After", seconds()));
    // An error a controller declares in words (a 409) is a problem detail too, whatever springdoc
    // guessed from the method's return type.
    responses.forEach((status, response) -> {
      if (status.charAt(0) >= '4' && (response.getContent() == null
          || !response.getContent().containsKey("application/problem+json"))) {
        response.setContent(problemContent());
      }
    });
    op.setResponses(responses);
  }

  private static Header seconds() {
    return new Header().description("Seconds to wait before sending the same request again")
        .schema(new IntegerSchema());
  }

  static ApiResponse problemResponse(String description) {
    return new ApiResponse().description(description).content(problemContent());
  }

  private static Content problemContent() {
    return new Content().addMediaType("application/problem+json",
        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
  }

  /** The problem details the app answers (ApiExceptionHandler, SecurityProblems). */
  private static Schema<?> problem() {
    ObjectSchema error = new ObjectSchema();
    error.addProperty("field", new StringSchema().example("contractEnd")
        .description("The field as the request named it (a CRM's field: arr (salesforce /Amount))"));
    error.addProperty("reason", new StringSchema().example("must be after contractStart"));
    error.setRequired(List.of("field", "reason"));
    Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details")
        .addProperty("type", new StringSchema().example("/problems/invalid-input")
            .description("/problems/invalid-input, not-found, conflict, forbidden, unauthorized, unavailable"))
        .addProperty("title", new StringSchema().example("Invalid input"))
        .addProperty("status", new IntegerSchema().example(400))
        .addProperty("detail", new StringSchema().example("contractEnd: must be after contractStart"))
        .addProperty("instance", new StringSchema().example("/api/handoffs"))
        .addProperty("errors", new ArraySchema().items(error)
            .description("400: each field that is wrong and why"))
        .addProperty("fields", new ArraySchema().items(new StringSchema())
            .description("409: the fields whose recorded values differ"));
    problem.setRequired(List.of("title", "status"));
    return problem;
  }

  /**
   * A type's schema name is its simple name, unless another class of the app has the same simple name:
   * then it is led by its enclosing class's ({@code BookTransfersRequest}). Read from the class files,
   * so the names do not depend on the order springdoc meets the types in.
   */
  static final class DistinctNames extends TypeNameResolver {

    private final Set<String> ambiguous = new HashSet<>();

    DistinctNames(String basePackage) {
      ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false) {
        @Override
        protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition bean) {
          return true;
        }
      };
      scan.addIncludeFilter((reader, factory) -> true);
      Map<String, Integer> seen = new HashMap<>();
      scan.findCandidateComponents(basePackage).forEach(bean ->
          seen.merge(simpleName(bean.getBeanClassName()), 1, Integer::sum));
      seen.forEach((name, times) -> {
        if (times > 1) {
          ambiguous.add(name);
        }
      });
    }

    @Override
    protected String getNameOfClass(Class<?> type) {
      String name = super.getNameOfClass(type);
      Class<?> outer = type.getEnclosingClass();
      return outer != null && ambiguous.contains(type.getSimpleName()) ? outer.getSimpleName() + name : name;
    }

    private static String simpleName(String className) {
      return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }
  }
}
