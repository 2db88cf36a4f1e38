package io.csplaybooks.handoff;

public record BriefStakeholder(String name, String role, String email) {}
