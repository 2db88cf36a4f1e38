package io.csplaybooks.common;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every capability may read of the installation ({@code csp.base-url}, {@code csp.regions},
 * {@code csp.cluster.*}). Bound at {@code csp} because these keys sit at the top of the application's
 * own configuration; each capability's own keys are its own record's.
 *
 * @param baseUrl the address people use to reach the app (links in mails and CRM answers point here)
 * @param regions the regions a customer can be in; the assign-csm table routes by them
 * @param cluster this node in the cluster
 */
@ConfigurationProperties("csp")
public record CommonSettings(String baseUrl, List<String> regions, @DefaultValue Cluster cluster) {

  public CommonSettings {
    regions = regions == null ? List.of() : List.copyOf(regions);
  }

  /** The base URL without a trailing slash, ready for a path to be appended. */
  public String baseUrlWithoutSlash() {
    return baseUrl != null && baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** @param nodeName this node's name in the logs and in scheduled_run.locked_by; blank: pid@host */
  public record Cluster(@DefaultValue("") String nodeName) {}
}
