package io.csplaybooks.handoff;

import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.TaskForm;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The brief as the Camunda Forms show it: one text area per list, one line per item; promised
 * items as a dynamic list ({@link #PROMISED_ITEM_FIELDS}: what was promised and by when), or, in a
 * form of an earlier playbook version (or one that only shows them), lines "description | YYYY-MM-DD";
 * champion and executive sponsor as name and email fields.
 */
public final class BriefForm {

  public static final String BUSINESS_GOALS = "businessGoals";
  public static final String SUCCESS_CRITERIA = "successCriteria";
  public static final String USE_CASES = "useCases";
  public static final String TECHNICAL_REQUIREMENTS = "technicalRequirements";
  public static final String PROMISED_ITEMS = "promisedItems";
  public static final String KNOWN_RISKS = "knownRisks";
  public static final String CHAMPION_NAME = "championName";
  public static final String CHAMPION_EMAIL = "championEmail";
  public static final String SPONSOR_NAME = "sponsorName";
  public static final String SPONSOR_EMAIL = "sponsorEmail";
  public static final String OTHER_STAKEHOLDERS = "otherStakeholders";

  public static final List<String> EDITABLE_FIELDS = List.of(BUSINESS_GOALS, SUCCESS_CRITERIA, USE_CASES,
      TECHNICAL_REQUIREMENTS, PROMISED_ITEMS, KNOWN_RISKS, CHAMPION_NAME, CHAMPION_EMAIL, SPONSOR_NAME, SPONSOR_EMAIL);

  /** The fields of a promised item row, as the form's dynamic list names them. */
  public static final List<String> PROMISED_ITEM_FIELDS = List.of("description", "dueDate");

  private BriefForm() {}

  /** The brief as the field values of a form that shows promised items as text lines. */
  public static Map<String, Object> fields(HandoffBrief brief) {
    return fields(brief, new TaskForm(java.util.Set.of()));
  }

  /** The brief as the field values of the given form: rows for its dynamic lists, text lines otherwise. */
  public static Map<String, Object> fields(HandoffBrief brief, TaskForm form) {
    Map<String, Object> fields = new HashMap<>();
    fields.put(BUSINESS_GOALS, lines(brief.businessGoals()));
    fields.put(SUCCESS_CRITERIA, lines(brief.successCriteria()));
    fields.put(USE_CASES, lines(brief.useCases()));
    fields.put(TECHNICAL_REQUIREMENTS, lines(brief.technicalRequirements()));
    fields.put(KNOWN_RISKS, lines(brief.knownRisks()));
    fields.put(PROMISED_ITEMS, form.rows(PROMISED_ITEMS, brief.promisedItems().stream().map(p -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("description", p.description());
      row.put("dueDate", p.dueDate() == null ? null : p.dueDate().toString());
      return row;
    }).toList(), () -> brief.promisedItems().stream()
        .map(p -> p.dueDate() == null ? p.description() : p.description() + " | " + p.dueDate())
        .collect(Collectors.joining("\n"))));
    BriefStakeholder champion = brief.inRole(StakeholderRole.CHAMPION.code()).orElse(null);
    BriefStakeholder sponsor = brief.inRole(StakeholderRole.EXECUTIVE_SPONSOR.code()).orElse(null);
    fields.put(CHAMPION_NAME, champion == null ? "" : nullToEmpty(champion.name()));
    fields.put(CHAMPION_EMAIL, champion == null ? "" : nullToEmpty(champion.email()));
    fields.put(SPONSOR_NAME, sponsor == null ? "" : nullToEmpty(sponsor.name()));
    fields.put(SPONSOR_EMAIL, sponsor == null ? "" : nullToEmpty(sponsor.email()));
    fields.put(OTHER_STAKEHOLDERS, brief.stakeholders().stream()
        .filter(s -> !StakeholderRole.CHAMPION.code().equals(s.role())
            && !StakeholderRole.EXECUTIVE_SPONSOR.code().equals(s.role()))
        .map(s -> s.name() + " (" + s.role() + ")" + (s.email() == null ? "" : " <" + s.email() + ">"))
        .collect(Collectors.joining("\n")));
    return fields;
  }

  /**
   * Reads a submitted form back into a brief. Champion and executive sponsor come back as the
   * only stakeholders; other stakeholders are not edited in the form.
   */
  public static HandoffBrief parse(Map<String, Object> values, Validation v) {
    List<BriefStakeholder> stakeholders = new ArrayList<>();
    stakeholder(values, v, CHAMPION_NAME, CHAMPION_EMAIL, StakeholderRole.CHAMPION).ifPresent(stakeholders::add);
    stakeholder(values, v, SPONSOR_NAME, SPONSOR_EMAIL, StakeholderRole.EXECUTIVE_SPONSOR).ifPresent(stakeholders::add);
    return new HandoffBrief(
        FormValues.texts(values.get(BUSINESS_GOALS)),
        FormValues.texts(values.get(SUCCESS_CRITERIA)),
        FormValues.texts(values.get(USE_CASES)),
        FormValues.texts(values.get(TECHNICAL_REQUIREMENTS)),
        promisedItems(FormValues.list(values, PROMISED_ITEMS), v),
        FormValues.texts(values.get(KNOWN_RISKS)),
        stakeholders);
  }

  private static java.util.Optional<BriefStakeholder> stakeholder(Map<String, Object> values, Validation v,
      String nameField, String emailField, StakeholderRole role) {
    String name = text(values.get(nameField));
    String email = text(values.get(emailField));
    if (name.isEmpty() && email.isEmpty()) {
      return java.util.Optional.empty();
    }
    if (name.isEmpty()) {
      v.reject(nameField, "is required when " + emailField + " is given");
    }
    v.maxLength(nameField, name, 200);
    v.email(emailField, email);
    return java.util.Optional.of(new BriefStakeholder(name, role.code(), email.isEmpty() ? null : email));
  }

  /**
   * The promised items of the form's list, or of an older form's lines. A row is checked here with
   * the API's rules ({@code HandoffRegistry.checkLimits}), so that the refusal names the row the
   * person sees, and only a valid row is kept.
   */
  private static List<PromisedItem> promisedItems(Object value, Validation v) {
    if (value != null && !FormValues.isLines(value)) {
      List<PromisedItem> items = new ArrayList<>();
      for (FormValues.Row row : FormValues.rows(value, PROMISED_ITEMS, PROMISED_ITEM_FIELDS, v)) {
        int before = v.errors().size();
        String description = row.requiredText("description", HandoffRegistry.MAX_PROMISE, v);
        LocalDate due = row.date("dueDate", v);
        if (due != null && (due.isBefore(HandoffRegistry.EARLIEST_START) || due.isAfter(HandoffRegistry.LATEST_START))) {
          v.reject(row.field("dueDate"), "must be between " + HandoffRegistry.EARLIEST_START + " and "
              + HandoffRegistry.LATEST_START);
        }
        if (v.errors().size() == before) {
          items.add(new PromisedItem(description, due));
        }
      }
      return items;
    }
    List<PromisedItem> items = new ArrayList<>();
    for (FormValues.Line numbered : FormValues.lines(value)) {
      String line = numbered.text();
      int bar = line.lastIndexOf('|');
      if (bar < 0) {
        items.add(new PromisedItem(line, null));
        continue;
      }
      String description = line.substring(0, bar).trim();
      String date = line.substring(bar + 1).trim();
      try {
        items.add(new PromisedItem(description, date.isEmpty() ? null : LocalDate.parse(date)));
      } catch (DateTimeParseException e) {
        v.reject(PROMISED_ITEMS, numbered.where() + "'" + date + "' is not a date (YYYY-MM-DD)");
      }
      if (description.isEmpty()) {
        v.reject(PROMISED_ITEMS, numbered.where() + "needs a description before the '|'");
      }
    }
    return items;
  }


  static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }

  private static String lines(List<String> items) {
    return String.join("\n", items);
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
