package io.csplaybooks.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.handoff.AccountDetails;
import io.csplaybooks.handoff.BriefStakeholder;
import io.csplaybooks.handoff.HandoffRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where each field of a handoff is in a CRM's payload: a JSON pointer per field, from
 * configuration ({@code csp.crm.<crm>.fields}), so a CRM admin maps custom fields ("Business goals",
 * "Technical requirements") without code. List fields take a text with one item per line (or ';');
 * dates take YYYY-MM-DD, a date-time or epoch milliseconds (HubSpot's).
 */
final class CrmMapping {

  /** The handoff fields a mapping may name. */
  public static final List<String> FIELDS = List.of("contractId", "kind", "currency", "arr", "contractStart",
      "contractEnd", "accountExecutive", "account.name", "account.segment", "account.region", "account.crmAccountId",
      "businessGoals", "successCriteria", "useCases", "technicalRequirements", "knownRisks", "champion.name",
      "champion.email", "sponsor.name", "sponsor.email");

  private final String crm;
  private final Map<String, String> pointers;

  public CrmMapping(String crm, Map<String, String> pointers) {
    this.crm = crm;
    this.pointers = Map.copyOf(pointers);
    pointers.keySet().stream().filter(field -> !FIELDS.contains(field)).findFirst().ifPresent(field -> {
      throw new IllegalStateException("csp.crm." + crm + ".fields names '" + field + "', which is not one of " + FIELDS);
    });
  }

  /** The CRM this mapping reads: hubspot or salesforce. */
  String crm() {
    return crm;
  }

  /** The closed deal as a handoff request; a value of the wrong kind is refused naming the CRM's field. */
  public HandoffRequest request(JsonNode payload) {
    List<FieldError> errors = new ArrayList<>();
    BigDecimal arr = null;
    String arrText = text(payload, "arr");
    if (arrText != null) {
      try {
        arr = new BigDecimal(arrText.replace(",", ""));
      } catch (NumberFormatException e) {
        errors.add(new FieldError(where("arr"), "must be a number, not '" + arrText + "'"));
      }
    }
    LocalDate start = date(payload, "contractStart", errors);
    LocalDate end = date(payload, "contractEnd", errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    List<BriefStakeholder> stakeholders = new ArrayList<>();
    stakeholder(payload, "champion", "champion", stakeholders);
    stakeholder(payload, "sponsor", "executive-sponsor", stakeholders);
    return new HandoffRequest(text(payload, "contractId"),
        new AccountDetails(text(payload, "account.name"), text(payload, "account.segment"),
            text(payload, "account.region"), text(payload, "account.crmAccountId")),
        arr, start, end, text(payload, "accountExecutive"), lines(payload, "businessGoals"),
        lines(payload, "successCriteria"), lines(payload, "useCases"), lines(payload, "technicalRequirements"),
        List.of(), lines(payload, "knownRisks"), stakeholders, text(payload, "kind"), text(payload, "currency"));
  }

  /** The CRM's name of a handoff field, for a refusal: "arr (/properties/amount/value)". */
  public String where(String field) {
    String pointer = pointers.get(field);
    return pointer == null ? field : field + " (" + crm + " " + pointer + ")";
  }

  /** A refusal of the handoff, with each field named as the CRM sends it. */
  public InvalidInputException inCrmTerms(InvalidInputException refused) {
    return new InvalidInputException(refused.errors().stream()
        .map(e -> new FieldError(where(e.field().replaceAll("\\[\\d+]$", "")), e.reason())).toList());
  }

  String text(JsonNode payload, String field) {
    String pointer = pointers.get(field);
    if (pointer == null) {
      return null;
    }
    JsonNode node = payload.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String text = node.isValueNode() ? node.asText() : node.toString();
    return text.isBlank() ? null : text.trim();
  }

  private List<String> lines(JsonNode payload, String field) {
    String text = text(payload, field);
    return text == null ? List.of()
        : Arrays.stream(text.split("\\R|;")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private LocalDate date(JsonNode payload, String field, List<FieldError> errors) {
    String text = text(payload, field);
    if (text == null) {
      return null;
    }
    try {
      if (text.matches("\\d{9,}")) {
        return Instant.ofEpochMilli(Long.parseLong(text)).atZone(ZoneOffset.UTC).toLocalDate();
      }
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException | NumberFormatException e) {
      errors.add(new FieldError(where(field), "must be a date (YYYY-MM-DD or epoch milliseconds), not '" + text + "'"));
      return null;
    }
  }

  private void stakeholder(JsonNode payload, String prefix, String role, List<BriefStakeholder> into) {
    String name = text(payload, prefix + ".name");
    String email = text(payload, prefix + ".email");
    if (name != null || email != null) {
      into.add(new BriefStakeholder(name, role, email));
    }
  }
}
