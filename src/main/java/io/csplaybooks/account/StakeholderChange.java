package io.csplaybooks.account;

import java.time.Instant;

/** A stakeholder added or given a new role by a later contract; "from" is null for a new one. */
record StakeholderChange(String name, StakeholderRole from, StakeholderRole to, String reason, String by,
    Instant at) {}
