package io.csplaybooks.account;

/**
 * An account's CSM or lifecycle stage changed: published (a Spring application event) in the
 * transaction that changed it, for those who keep a copy elsewhere (the CRM's write-back).
 */
public record AccountChanged(long accountId) {}
