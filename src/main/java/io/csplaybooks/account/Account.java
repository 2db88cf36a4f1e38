package io.csplaybooks.account;

import java.math.BigDecimal;
import java.time.Instant;

public record Account(
    long id,
    String crmAccountId,
    String name,
    Segment segment,
    String region,
    BigDecimal arr,
    LifecycleStage lifecycleStage,
    String csmId,
    String accountExecutiveId,
    String renewalOwnerId,
    Instant createdAt,
    Instant updatedAt) {}
