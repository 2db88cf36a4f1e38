package io.csplaybooks.crm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Writes the facts to the HubSpot company (CRM v3: {@code PATCH /crm/v3/objects/companies/{companyId}}
 * with {@code {"properties": {...}}}, 200 with the company), with a private app's access token.
 */
class HubSpotCompanies {

  static final String CRM = "hubspot";

  private final RestClient http;
  private final CrmSettings.HubSpotWriteBack settings;
  private final Duration firstRetry;

  HubSpotCompanies(RestClient http, CrmSettings.HubSpotWriteBack settings, Duration firstRetry) {
    this.http = http;
    this.settings = settings;
    this.firstRetry = firstRetry;
    if (settings.on() && (settings.token() == null || settings.token().isBlank())) {
      throw new IllegalStateException("csp.crm.hubspot.write-back.properties is set, so"
          + " csp.crm.hubspot.write-back.token (the private app's access token) is needed too");
    }
    if (settings.on() && (settings.baseUrl() == null || settings.baseUrl().isBlank())) {
      throw new IllegalStateException("csp.crm.hubspot.write-back.base-url is needed (https://api.hubapi.com)");
    }
  }

  Delivery send(String companyId, Map<String, Object> properties, Instant now) {
    String base = settings.baseUrl().endsWith("/") ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
        : settings.baseUrl();
    try {
      return http.method(HttpMethod.PATCH)
          .uri(base + "/crm/v3/objects/companies/{companyId}", companyId)
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.token())
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("properties", properties))
          .exchange((request, response) -> {
            int status = response.getStatusCode().value();
            String body = response.getBody() == null ? "" : read(response.getBody());
            if (status >= 200 && status < 300) {
              return new Delivery.Sent(status);
            }
            if (status == 429) {
              return new Delivery.RateLimited(Delivery.retryAt(response.getHeaders(), now, firstRetry),
                  Delivery.shortly(body));
            }
            if (status >= 500) {
              return new Delivery.Unavailable(status, Delivery.shortly(body));
            }
            return new Delivery.Refused(status, Delivery.shortly(body));
          }, true);
    } catch (ResourceAccessException e) {
      return new Delivery.Unavailable(0, "HubSpot did not answer: " + e.getMostSpecificCause().getMessage());
    }
  }

  private static String read(java.io.InputStream in) throws IOException {
    return StreamUtils.copyToString(in, StandardCharsets.UTF_8);
  }
}
