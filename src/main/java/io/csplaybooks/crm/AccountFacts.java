package io.csplaybooks.crm;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the application knows of an account that the CRM shows beside its own data: the health score
 * and band, the CSM, the lifecycle stage, and the open renewal's forecast and date (null when there is
 * none, so the CRM's field is cleared).
 */
record AccountFacts(long accountId, Integer healthScore, String healthBand, String csm, String lifecycleStage,
    String renewalForecast, LocalDate renewalDate) {

  /** The facts a mapping may name, by the name configuration uses. */
  enum Fact {
    HEALTH_SCORE("healthScore", AccountFacts::healthScore),
    HEALTH_BAND("healthBand", AccountFacts::healthBand),
    CSM("csm", AccountFacts::csm),
    LIFECYCLE_STAGE("lifecycleStage", AccountFacts::lifecycleStage),
    RENEWAL_FORECAST("renewalForecast", AccountFacts::renewalForecast),
    RENEWAL_DATE("renewalDate", facts -> facts.renewalDate() == null ? null : facts.renewalDate().toString());

    final String key;
    private final Function<AccountFacts, Object> value;

    Fact(String key, Function<AccountFacts, Object> value) {
      this.key = key;
      this.value = value;
    }

    static Optional<Fact> named(String key) {
      return Arrays.stream(values()).filter(fact -> fact.key.equals(key)).findFirst();
    }
  }

  /**
   * The Salesforce fields with their values, in the mapping's order: a number stays a number, a date is
   * YYYY-MM-DD, and a fact the application does not know is null, which clears the field.
   */
  Map<String, Object> salesforceFields(Map<Fact, String> mapping) {
    Map<String, Object> body = new LinkedHashMap<>();
    mapping.forEach((fact, field) -> body.put(field, fact.value.apply(this)));
    return body;
  }

  /**
   * The HubSpot properties with their values: HubSpot takes every property value as a string (a date as
   * YYYY-MM-DD), and clears a property with "".
   */
  Map<String, Object> hubspotProperties(Map<Fact, String> mapping) {
    Map<String, Object> body = new LinkedHashMap<>();
    mapping.forEach((fact, property) -> {
      Object value = fact.value.apply(this);
      body.put(property, value == null ? "" : value.toString());
    });
    return body;
  }

  /** A mapping from configuration (fact name to CRM field), refused at start when it names an unknown fact. */
  static Map<Fact, String> mapping(String property, Map<String, String> configured) {
    Map<Fact, String> mapping = new java.util.EnumMap<>(Fact.class);
    if (configured == null) {
      return mapping;
    }
    configured.forEach((key, field) -> {
      Fact fact = Fact.named(key).orElseThrow(() -> new IllegalStateException(property + "." + key
          + " is not a fact the application writes back; use " + String.join(", ",
              Arrays.stream(Fact.values()).map(f -> f.key).toList())));
      if (field == null || field.isBlank()) {
        throw new IllegalStateException(property + "." + key + " names no field");
      }
      mapping.put(fact, field.trim());
    });
    return mapping;
  }
}
