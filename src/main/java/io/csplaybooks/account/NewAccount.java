package io.csplaybooks.account;

import java.math.BigDecimal;

/** A new customer: its first contract's ARR, in that contract's currency. */
public record NewAccount(String crmAccountId, String name, Segment segment, String region, BigDecimal arr,
    String currency, String accountExecutiveId) {}
