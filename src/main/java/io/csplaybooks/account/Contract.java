package io.csplaybooks.account;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A contract term; its end date is the renewal date. */
public record Contract(String contractId, long accountId, LocalDate startDate, LocalDate endDate, BigDecimal arr) {}
