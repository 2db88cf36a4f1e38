package io.csplaybooks.handoff;

public record AccountDetails(String name, String segment, String region, String crmAccountId) {}
