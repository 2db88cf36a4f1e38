package io.csplaybooks.account;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** An account with its contracts, stakeholders and the playbooks running for it. */
record AccountView(
    @JsonUnwrapped Account account,
    List<Contract> contracts,
    List<Stakeholder> stakeholders,
    List<OpenPlaybooks.Playbook> openPlaybooks) {}
