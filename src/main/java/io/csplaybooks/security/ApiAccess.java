package io.csplaybooks.security;

import static io.csplaybooks.security.Groups.CS;
import static io.csplaybooks.security.Groups.CS_MANAGERS;
import static io.csplaybooks.security.Groups.ENGINEERING;
import static io.csplaybooks.security.Groups.PRODUCT;
import static io.csplaybooks.security.Groups.SALES;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call each {@code /api} endpoint: the one table of the API's permissions, by team and, for
 * integrations, by token scope. Spring Security applies it at the door (each rule a request matcher
 * behind the firewall, see SecurityConfiguration) and the OpenAPI contract documents it
 * (ApiContract). An endpoint without a rule answers 403 to everyone but administrators
 * (camunda-admin), and a test walks every endpoint against this table. Engineering and product see
 * the customer feedback they work on, not ARR, contracts or health.
 */
public final class ApiAccess {

  /** What an integration token may be allowed to do. */
  public static final String SCOPE_HANDOFFS = "handoffs";
  public static final String SCOPE_SIGNALS = "signals";
  /** Prometheus scraping /actuator/prometheus. */
  public static final String SCOPE_METRICS = "metrics";
  /** A CRM or a calendar sending the notes, calls, meetings and emails of an account. */
  public static final String SCOPE_ACTIVITIES = "activities";
  public static final Set<String> SCOPES = Set.of(SCOPE_HANDOFFS, SCOPE_SIGNALS, SCOPE_METRICS, SCOPE_ACTIVITIES);

  private static final Set<String> ACCOUNT_READERS = Set.of(CS, CS_MANAGERS, SALES);
  private static final Set<String> CUSTOMER_SUCCESS = Set.of(CS, CS_MANAGERS);
  private static final Set<String> FEEDBACK_READERS = Set.of(CS, CS_MANAGERS, ENGINEERING, PRODUCT);
  private static final Set<String> ADMINISTRATORS_ONLY = Set.of();

  /**
   * @param teams the teams that may call it (administrators always may)
   * @param scopes the token scopes that may call it
   */
  public record Rule(HttpMethod method, String pattern, Set<String> teams, Set<String> scopes) {

    public boolean allows(ApiUser user) {
      if (user.isToken()) {
        return user.scopes().stream().anyMatch(scopes::contains);
      }
      return user.groups().contains(Groups.CAMUNDA_ADMIN) || user.groups().stream().anyMatch(teams::contains);
    }

    /** The requests the rule is for: its method and path pattern, as Spring MVC maps the endpoint. */
    public PathPatternRequestMatcher matcher() {
      return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    /** The rule as Spring Security decides it. */
    AuthorizationManager<RequestAuthorizationContext> decision() {
      return (authentication, context) -> new AuthorizationDecision(
          ApiUser.of(authentication.get()).map(this::allows).orElse(false));
    }

    /** "sales or cs-managers", for the 403's words. */
    String who() {
      if (teams.isEmpty()) {
        return "administrators";
      }
      return String.join(" or ", teams.stream().sorted().toList());
    }
  }

  public static final List<Rule> RULES = List.of(
      rule(POST, "/api/handoffs", Set.of(SALES, CS_MANAGERS), SCOPE_HANDOFFS),
      rule(POST, "/api/crm/salesforce/opportunities", Set.of(SALES, CS_MANAGERS), SCOPE_HANDOFFS),
      rule(GET, "/api/handoffs/{contractId}", Set.of(SALES, CS, CS_MANAGERS), SCOPE_HANDOFFS),
      rule(GET, "/api/contracts/{contractId}", Set.of(SALES, CS, CS_MANAGERS), SCOPE_HANDOFFS),
      // Who of sales may amend which account's contract is the account's rule (its executive of record).
      rule(POST, "/api/contracts/{contractId}/amendments", Set.of(SALES, CS_MANAGERS), SCOPE_HANDOFFS),

      rule(GET, "/api/accounts", ACCOUNT_READERS),
      rule(GET, "/api/accounts/{id}", ACCOUNT_READERS),
      rule(GET, "/api/accounts/{id}/timeline", ACCOUNT_READERS),
      rule(POST, "/api/accounts/{id}/churn", Set.of(CS_MANAGERS)),
      // Moving accounts between CSMs (with their open tasks and renewals) is the CS managers' decision.
      rule(POST, "/api/book-transfers", Set.of(CS_MANAGERS)),
      rule(POST, "/api/accounts/{accountId}/risk", CUSTOMER_SUCCESS),
      rule(GET, "/api/accounts/{accountId}/success-plan", ACCOUNT_READERS),
      rule(PUT, "/api/accounts/{accountId}/success-plan", CUSTOMER_SUCCESS),
      rule(GET, "/api/accounts/{accountId}/success-plan/history", ACCOUNT_READERS),
      rule(GET, "/api/accounts/{accountId}/health", ACCOUNT_READERS),
      rule(GET, "/api/accounts/{accountId}/health/history", ACCOUNT_READERS),
      rule(POST, "/api/accounts/{accountId}/health/override", CUSTOMER_SUCCESS),
      rule(GET, "/api/accounts/{accountId}/qbr", ACCOUNT_READERS),
      rule(GET, "/api/accounts/{accountId}/qbr/{round}", ACCOUNT_READERS),
      rule(GET, "/api/accounts/{accountId}/qbr/{round}.html", ACCOUNT_READERS),
      rule(GET, "/api/accounts/{accountId}/feedback", FEEDBACK_READERS),
      rule(POST, "/api/accounts/{id}/activities", CUSTOMER_SUCCESS, SCOPE_ACTIVITIES),
      rule(GET, "/api/accounts/{id}/activities", ACCOUNT_READERS, SCOPE_ACTIVITIES),

      rule(POST, "/api/signals", CUSTOMER_SUCCESS, SCOPE_SIGNALS),
      rule(POST, "/api/signals/csv", CUSTOMER_SUCCESS, SCOPE_SIGNALS),

      rule(GET, "/api/feedback/themes", FEEDBACK_READERS),
      rule(GET, "/api/interventions/outcomes", CUSTOMER_SUCCESS),
      rule(GET, "/api/metrics", ACCOUNT_READERS),
      // Whether the health score predicts, over every account's renewals: the CS managers' question.
      rule(GET, "/api/health/backtest", Set.of(CS_MANAGERS)),
      rule(GET, "/api/health/calibration", Set.of(CS_MANAGERS)),
      rule(GET, "/api/health/forecast", Set.of(CS_MANAGERS)),
      rule(GET, "/api/health/models", Set.of(CS_MANAGERS)),
      rule(POST, "/api/health/models", Set.of(CS_MANAGERS)),
      rule(POST, "/api/health/models/{version}/live", Set.of(CS_MANAGERS)),
      rule(POST, "/api/health/models/{version}/retire", Set.of(CS_MANAGERS)),
      rule(GET, "/api/exchange-rates", ACCOUNT_READERS),
      rule(PUT, "/api/exchange-rates/{currency}", ADMINISTRATORS_ONLY),

      rule(GET, "/api/playbooks", Set.of(CS_MANAGERS)),
      rule(POST, "/api/playbooks/{key}/migrations", Set.of(CS_MANAGERS)),
      rule(GET, "/api/playbooks/{key}/analytics", Set.of(CS_MANAGERS)),

      // Triggers are declared by CS managers; what they fire is their playbooks' business.
      rule(GET, "/api/triggers", Set.of(CS_MANAGERS)),
      rule(GET, "/api/triggers/{id}", Set.of(CS_MANAGERS)),
      rule(POST, "/api/triggers", Set.of(CS_MANAGERS)),
      rule(PUT, "/api/triggers/{id}", Set.of(CS_MANAGERS)),

      // What the application could not write back to the CRMs, and a retry once the cause is fixed.
      rule(GET, "/api/crm/write-backs", ADMINISTRATORS_ONLY),
      rule(POST, "/api/crm/write-backs/{crm}/{accountId}/retry", ADMINISTRATORS_ONLY),
      // HubSpot deliveries the app could not take hold deal data and can start handoffs: administrators.
      rule(GET, "/api/crm/hubspot/ignored-deliveries", ADMINISTRATORS_ONLY),
      rule(GET, "/api/crm/hubspot/ignored-deliveries/{id}", ADMINISTRATORS_ONLY),
      rule(POST, "/api/crm/hubspot/ignored-deliveries/{id}/replay", ADMINISTRATORS_ONLY),

      rule(GET, "/api/tokens", ADMINISTRATORS_ONLY),
      rule(POST, "/api/tokens", ADMINISTRATORS_ONLY),
      rule(DELETE, "/api/tokens/{id}", ADMINISTRATORS_ONLY),

      // The demo profile's mailbox: every team looks at the mails the demo sent.
      rule(GET, "/api/demo/mailbox", Set.copyOf(Groups.TEAMS)));

  private ApiAccess() {}

  /** The rules, most specific path first (a literal segment before a variable), as Spring MVC chooses. */
  static List<Rule> bySpecificity() {
    Comparator<Rule> specific = Comparator.comparing(r -> PathPatternParser.defaultInstance.parse(r.pattern()),
        PathPattern.SPECIFICITY_COMPARATOR);
    return RULES.stream().sorted(specific).toList();
  }

  /** The rule for this request, if any: what a 403 says. */
  static Optional<Rule> ruleFor(HttpServletRequest request) {
    return bySpecificity().stream().filter(r -> r.matcher().matches(request)).findFirst();
  }

  public static Optional<Rule> rule(HttpMethod method, String pattern) {
    return RULES.stream().filter(r -> r.method().equals(method) && r.pattern().equals(pattern)).findFirst();
  }

  private static Rule rule(HttpMethod method, String pattern, Set<String> teams, String... scopes) {
    return new Rule(method, pattern, teams, Set.of(scopes));
  }
}
