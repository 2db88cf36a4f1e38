package io.csplaybooks.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Writes the facts to the Salesforce Account (REST API: {@code PATCH
 * /services/data/vXX.X/sobjects/Account/{id}}, 204 without a body), with an access token from the
 * OAuth 2.0 client credentials flow ({@code POST /services/oauth2/token} on the org's My Domain). The
 * token is kept until Salesforce refuses it: a 401 gets a new token once, and a second 401 fails.
 */
class SalesforceAccounts {

  static final String CRM = "salesforce";

  /** A token and the instance it is for; never logged. */
  private record Granted(String accessToken, String instanceUrl) {
    @Override
    public String toString() {
      return "Granted[" + instanceUrl + "]";
    }
  }

  private record Answer(int status, HttpHeaders headers, String body) {}

  private final RestClient http;
  private final ObjectMapper json;
  private final CrmSettings.SalesforceWriteBack settings;
  private final Duration firstRetry;
  private final AtomicReference<Granted> token = new AtomicReference<>();

  SalesforceAccounts(RestClient http, ObjectMapper json, CrmSettings.SalesforceWriteBack settings,
      Duration firstRetry) {
    this.http = http;
    this.json = json;
    this.settings = settings;
    this.firstRetry = firstRetry;
    if (settings.on()) {
      require(settings.baseUrl(), "base-url");
      require(settings.clientId(), "client-id");
      require(settings.clientSecret(), "client-secret");
    }
  }

  private static void require(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("csp.crm.salesforce.write-back.fields is set, so csp.crm.salesforce.write-back."
          + property + " is needed too");
    }
  }

  /** The next call asks for a new token. */
  void forgetToken() {
    token.set(null);
  }

  Delivery send(String accountId, Map<String, Object> fields, Instant now) {
    try {
      Granted current = token.get();
      if (current == null) {
        Object fresh = newToken(now);
        if (fresh instanceof Delivery refused) {
          return refused;
        }
        current = (Granted) fresh;
      }
      Answer answer = patch(current, accountId, fields);
      if (answer.status() == 401) {
        token.compareAndSet(current, null);
        Object fresh = newToken(now);
        if (fresh instanceof Delivery refused) {
          return refused;
        }
        answer = patch((Granted) fresh, accountId, fields);
        if (answer.status() == 401) {
          token.set(null);
          return new Delivery.Refused(401, "Salesforce refused a new token too: " + Delivery.shortly(answer.body()));
        }
      }
      return delivery(answer, now);
    } catch (ResourceAccessException e) {
      return new Delivery.Unavailable(0, "Salesforce did not answer: " + e.getMostSpecificCause().getMessage());
    }
  }

  private Answer patch(Granted current, String accountId, Map<String, Object> fields) {
    return http.method(HttpMethod.PATCH)
        .uri(current.instanceUrl() + "/services/data/{version}/sobjects/Account/{id}", settings.apiVersion(), accountId)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + current.accessToken())
        .contentType(MediaType.APPLICATION_JSON)
        .body(fields)
        .exchange((request, response) -> new Answer(response.getStatusCode().value(), response.getHeaders(),
            body(response.getBody())), true);
  }

  /** A new token, or the delivery that says why there is none. */
  private Object newToken(Instant now) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "client_credentials");
    form.add("client_id", settings.clientId());
    form.add("client_secret", settings.clientSecret());
    Answer answer = http.post()
        .uri(stripSlash(settings.baseUrl()) + "/services/oauth2/token")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(form)
        .exchange((request, response) -> new Answer(response.getStatusCode().value(), response.getHeaders(),
            body(response.getBody())), true);
    if (answer.status() != 200) {
      Delivery failed = delivery(answer, now);
      return failed instanceof Delivery.Sent ? new Delivery.Refused(answer.status(), "no token") : withPrefix(failed);
    }
    try {
      JsonNode granted = json.readTree(answer.body());
      String access = granted.path("access_token").asText("");
      String instance = granted.path("instance_url").asText("");
      if (access.isBlank()) {
        return new Delivery.Refused(200, "Salesforce's token response has no access_token");
      }
      Granted fresh = new Granted(access, instance.isBlank() ? stripSlash(settings.baseUrl()) : stripSlash(instance));
      token.set(fresh);
      return fresh;
    } catch (IOException e) {
      return new Delivery.Refused(200, "Salesforce's token response is not JSON");
    }
  }

  private static Delivery withPrefix(Delivery failed) {
    if (failed instanceof Delivery.Refused refused) {
      return new Delivery.Refused(refused.status(), "Salesforce gave no token: " + refused.detail());
    }
    if (failed instanceof Delivery.Unavailable unavailable) {
      return new Delivery.Unavailable(unavailable.status(), "Salesforce gave no token: " + unavailable.detail());
    }
    return failed;
  }

  private Delivery delivery(Answer answer, Instant now) {
    int status = answer.status();
    if (status >= 200 && status < 300) {
      return new Delivery.Sent(status);
    }
    if (status == 429) {
      return new Delivery.RateLimited(Delivery.retryAt(answer.headers(), now, firstRetry), Delivery.shortly(answer.body()));
    }
    if (status >= 500) {
      return new Delivery.Unavailable(status, Delivery.shortly(answer.body()));
    }
    return new Delivery.Refused(status, Delivery.shortly(answer.body()));
  }

  private static String body(java.io.InputStream in) throws IOException {
    return in == null ? "" : StreamUtils.copyToString(in, StandardCharsets.UTF_8);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
