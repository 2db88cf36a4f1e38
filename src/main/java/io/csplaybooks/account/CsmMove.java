package io.csplaybooks.account;

import java.time.Instant;

/** An account moved from one CSM to another by a CS manager, with the handover note. */
public record CsmMove(String transferId, long accountId, String from, String to, String note, String by, Instant at) {}
