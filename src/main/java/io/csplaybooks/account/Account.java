package io.csplaybooks.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

public record Account(
    long id,
    String crmAccountId,
    String name,
    Segment segment,
    String region,
    BigDecimal arr,
    String currency,
    LifecycleStage lifecycleStage,
    String csmId,
    String accountExecutiveId,
    String renewalOwnerId,
    LocalDate firstValueOn,
    Integer timeToFirstValueDays,
    Integer healthScore,
    String healthBand,
    Instant createdAt,
    Instant updatedAt) {}
