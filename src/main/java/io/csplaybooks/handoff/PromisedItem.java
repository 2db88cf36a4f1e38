package io.csplaybooks.handoff;

import java.time.LocalDate;

/** Something sales promised the customer: a feature, an integration, a date. */
public record PromisedItem(String description, LocalDate dueDate) {}
