package io.csplaybooks.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators create, list and revoke the integrations' tokens. */
@RestController
@RequestMapping("/api/tokens")
class ApiTokenController {

  private final ApiTokens tokens;

  public ApiTokenController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  public record NewToken(String name, List<String> scopes) {}

  /** 201 with the secret, which is shown this once: store it in the integration (for example a named credential). */
  @PostMapping
  @Operation(operationId = "createToken", summary = "Make an integration token (its secret is shown once)")
  @ApiResponse(responseCode = "201", description = "The token, with its secret", useReturnTypeSchema = true)
  public ResponseEntity<Map<String, Object>> create(@RequestBody NewToken request) {
    ApiTokens.Created created = tokens.create(request.name(), request.scopes(), ApiUser.current().id());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", created.token());
    body.put("secret", created.secret());
    body.put("use", "Authorization: Bearer " + created.secret());
    return ResponseEntity.created(URI.create("/api/tokens/" + created.token().id())).body(body);
  }

  @GetMapping
  @Operation(operationId = "listTokens", summary = "The integration tokens")
  public List<ApiTokens.Token> list() {
    return tokens.list();
  }

  @DeleteMapping("/{id}")
  @Operation(operationId = "revokeToken", summary = "Revoke an integration token")
  public ApiTokens.Token revoke(@PathVariable long id) {
    return tokens.revoke(id, ApiUser.current().id());
  }
}
