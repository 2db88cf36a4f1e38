package io.csplaybooks.handoff;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.FormValues;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.security.People;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Register closed contract": the Tasklist start form's way in. It records the contract exactly as
 * the REST intake does; invalid input or a contract that already has a handoff fails the start, so
 * the person sees why and nothing is kept.
 */
@PlaybookStep(value = "registerClosedContract",
    name = "Register closed contract",
    description = "The handoff's start form: records the closed contract exactly as the CRM's intake does.")
class RegisterClosedContract implements JavaDelegate {

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
  private final People people;

  public RegisterClosedContract(HandoffRegistry registry, HandoffRepository handoffs, People people) {
    this.registry = registry;
    this.handoffs = handoffs;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> form = execution.getVariables();
    Validation v = new Validation();
    HandoffBrief brief = BriefForm.parse(form, v);
    BigDecimal arr = FormValues.number(form.get(ARR), ARR, v);
    LocalDate start = FormValues.date(form.get(CONTRACT_START), CONTRACT_START, v);
    LocalDate end = FormValues.date(form.get(CONTRACT_END), CONTRACT_END, v);
    v.throwIfInvalid();
    String accountExecutive = FormValues.text(form.get(PlaybookVariables.ACCOUNT_EXECUTIVE));
    HandoffRequest request = new HandoffRequest(
        FormValues.text(form.get(PlaybookVariables.CONTRACT_ID)),
        new AccountDetails(FormValues.text(form.get(ACCOUNT_NAME)), FormValues.text(form.get(SEGMENT)), FormValues.text(form.get(REGION)),
            FormValues.text(form.get(CRM_ACCOUNT_ID))),
        arr, start, end,
        accountExecutive == null ? FormValues.text(form.get(INITIATOR)) : accountExecutive,
        brief.businessGoals(), brief.successCriteria(), brief.useCases(), brief.technicalRequirements(),
        brief.promisedItems(), brief.knownRisks(), brief.stakeholders(), null, null);
    String crmAccountId = FormValues.text(form.get(CRM_ACCOUNT_ID));
    if (crmAccountId != null && registry.servesAccount(crmAccountId)) {
      // This playbook is the new-customer handoff; an add-on starts the expansion handoff.
      throw new InvalidInputException(CRM_ACCOUNT_ID, "account " + crmAccountId + " is a customer already: record"
          + " an add-on contract for it through POST /api/handoffs (kind upsell or cross-sell)");
    }
    String initiator = FormValues.text(form.get(INITIATOR));
    Caller caller = new Caller(initiator == null ? "engine" : initiator,
        initiator == null ? Set.of() : Set.copyOf(people.groupsOf(initiator)), false);
    Registration registration;
    try {
      registration = registry.register(request, caller, null);
    } catch (DuplicateHandoffException e) {
      throw new InvalidInputException(PlaybookVariables.CONTRACT_ID, "contract " + request.contractId()
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
}
