package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Authentication of /api in isolation: throttling per address, no Basic challenge, body types. */
class ApiSecurityFilterTest {

  IdentityService identity = mock(IdentityService.class, org.mockito.Answers.RETURNS_DEEP_STUBS);
  ApiTokens tokens = mock(ApiTokens.class);
  LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), Duration.ofMinutes(5));
  ApiSecurityFilter filter = new ApiSecurityFilter(new CredentialCache(identity, Duration.ZERO), tokens, throttle);

  @BeforeEach
  void people() {
    when(identity.checkPassword(anyString(), anyString())).thenReturn(false);
    when(identity.checkPassword("crm", "right")).thenReturn(true);
    GroupQuery groups = mock(GroupQuery.class, org.mockito.Answers.RETURNS_SELF);
    when(groups.list()).thenReturn(java.util.List.of());
    when(identity.createGroupQuery()).thenReturn(groups);
    TenantQuery tenants = mock(TenantQuery.class, org.mockito.Answers.RETURNS_SELF);
    when(tenants.list()).thenReturn(java.util.List.of());
    when(identity.createTenantQuery()).thenReturn(tenants);
    when(tokens.authenticate(any())).thenReturn(Optional.empty());
  }

  @Test
  void wrongPasswordsSlowTheAddressDownNotThePerson() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(call("GET", "10.0.0.66", basic("crm", "guess" + i), null).getStatus()).isEqualTo(401);
    }

    MockHttpServletResponse blocked = call("GET", "10.0.0.66", basic("crm", "right"), null);
    assertThat(blocked.getStatus()).isEqualTo(429);
    assertThat(Long.parseLong(blocked.getHeader("Retry-After"))).isBetween(1L, 300L);
    // The integration itself, from its own address, is not locked out by the stranger.
    assertThat(call("GET", "10.0.0.7", basic("crm", "right"), null).getStatus()).isEqualTo(200);
  }

  @Test
  void aRefusalNeverAsksTheBrowserForCredentials() throws Exception {
    MockHttpServletResponse missing = call("GET", "10.0.0.8", null, null);
    MockHttpServletResponse wrong = call("GET", "10.0.0.8", basic("crm", "wrong"), null);

    assertThat(missing.getStatus()).isEqualTo(401);
    assertThat(wrong.getStatus()).isEqualTo(401);
    assertThat(missing.getHeader("WWW-Authenticate")).isNull();
    assertThat(wrong.getHeader("WWW-Authenticate")).isNull();
    assertThat(wrong.getContentType()).startsWith("application/problem+json");
  }

  @ParameterizedTest(name = "POST with {0}: {1}")
  @CsvSource({"text/plain,415", "application/x-www-form-urlencoded,415", "multipart/form-data; boundary=x,415",
      "'',415", "application/json,200", "application/json; charset=UTF-8,200", "application/problem+json,200",
      "text/csv,200"})
  void aPostNeedsABodyTypeABrowserCannotSendCrossSite(String contentType, int status) throws Exception {
    assertThat(call("POST", "10.0.0.9", basic("crm", "right"), contentType.isEmpty() ? null : contentType).getStatus())
        .isEqualTo(status);
  }

  private MockHttpServletResponse call(String method, String address, String authorization, String contentType)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/handoffs");
    request.setRemoteAddr(address);
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    if (contentType != null) {
      request.setContentType(contentType);
      request.setContent("{}".getBytes(StandardCharsets.UTF_8));
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
