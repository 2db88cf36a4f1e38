package io.csplaybooks.account;

import java.math.BigDecimal;

public record NewAccount(
    String crmAccountId, String name, Segment segment, String region, BigDecimal arr, String accountExecutiveId) {}
