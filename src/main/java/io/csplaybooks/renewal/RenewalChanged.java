package io.csplaybooks.renewal;

/**
 * An account's renewal opened, got a forecast or was decided: published (a Spring application event)
 * in the transaction that changed it, for those who keep a copy elsewhere (the CRM's write-back).
 */
public record RenewalChanged(long accountId) {}
