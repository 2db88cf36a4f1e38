package io.csplaybooks.account;

/**
 * A stakeholder of an account was added or changed role (a contract names a new executive sponsor,
 * the former one became a user): published (a Spring application event) when the change is recorded,
 * for the triggers that watch such changes, so that they need not wait for the night.
 *
 * @param accountId the account whose stakeholders changed
 */
public record StakeholderChanged(long accountId) {}
