package io.csplaybooks.account;

import java.time.Instant;

/** A change to a contract: its fields before and after (JSON), why, who, when. */
public record ContractAmendment(String contractId, String changes, String reason, String by, Instant at) {}
