package io.csplaybooks.account;

import java.time.Instant;

/** One move of an account in its lifecycle; the first has no "from". */
record LifecycleMove(LifecycleStage from, LifecycleStage to, String reason, String by, Instant at) {}
