package io.csplaybooks.handoff;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.Validation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import io.csplaybooks.playbook.PlaybookStep;

/**
 * "Register closed contract": the Tasklist start form's way in. It records the contract exactly as
 * the REST intake does; invalid input or a contract that already has a handoff fails the start, so
 * the person sees why and nothing is kept.
 */
@PlaybookStep("registerClosedContract")
public class RegisterClosedContract implements JavaDelegate {

  static final String ACCOUNT_NAME = "accountName";
  static final String CRM_ACCOUNT_ID = "crmAccountId";
  static final String SEGMENT = "segment";
  static final String REGION = "region";
  static final String ARR = "arr";
  static final String CONTRACT_START = "contractStart";
  static final String CONTRACT_END = "contractEnd";
  static final String INITIATOR = "initiator";
  static final List<String> START_FORM_FIELDS = List.of(ACCOUNT_NAME, CRM_ACCOUNT_ID, SEGMENT, REGION, ARR,
      CONTRACT_START, CONTRACT_END, INITIATOR);

  private final HandoffRegistry registry;
  private final HandoffRepository handoffs;

  public RegisterClosedContract(HandoffRegistry registry, HandoffRepository handoffs) {
    this.registry = registry;
    this.handoffs = handoffs;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> form = execution.getVariables();
    Validation v = new Validation();
    HandoffBrief brief = BriefForm.parse(form, v);
    BigDecimal arr = number(form.get(ARR), ARR, v);
    LocalDate start = date(form.get(CONTRACT_START), CONTRACT_START, v);
    LocalDate end = date(form.get(CONTRACT_END), CONTRACT_END, v);
    v.throwIfInvalid();
    String accountExecutive = text(form.get(HandoffVariables.ACCOUNT_EXECUTIVE));
    HandoffRequest request = new HandoffRequest(
        text(form.get(HandoffVariables.CONTRACT_ID)),
        new AccountDetails(text(form.get(ACCOUNT_NAME)), text(form.get(SEGMENT)), text(form.get(REGION)),
            text(form.get(CRM_ACCOUNT_ID))),
        arr, start, end,
        accountExecutive == null ? text(form.get(INITIATOR)) : accountExecutive,
        brief.businessGoals(), brief.successCriteria(), brief.useCases(), brief.technicalRequirements(),
        brief.promisedItems(), brief.knownRisks(), brief.stakeholders());
    Registration registration;
    try {
      registration = registry.register(request);
    } catch (DuplicateHandoffException e) {
      throw new InvalidInputException(HandoffVariables.CONTRACT_ID, "contract " + request.contractId()
          + " already has a handoff (process instance " + e.existing().processInstanceId() + ")");
    }
    handoffs.linkProcessInstance(registration.handoffId(), execution.getProcessInstanceId());
    // As for the CRM's handoffs: the contract id is the business key.
    execution.setProcessBusinessKey(registration.contractId());
    // The form's fields now live in the application's tables; the process keeps identifiers only.
    List<String> formFields = new ArrayList<>(START_FORM_FIELDS);
    formFields.addAll(BriefForm.EDITABLE_FIELDS);
    execution.removeVariables(formFields);
    execution.setVariables(registration.processVariables());
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static BigDecimal number(Object value, String field, Validation v) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      v.reject(field, "must be a number");
      return null;
    }
  }

  private static LocalDate date(Object value, String field, Validation v) {
    if (value instanceof Date d) {
      return d.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    }
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      // Camunda Forms' date picker answers YYYY-MM-DD; a date-time is cut to its day.
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      v.reject(field, "must be a date (YYYY-MM-DD)");
      return null;
    }
  }
}
