package io.csplaybooks.health;

/**
 * What the signals of one account say, over the model's window: the latest usage, support load,
 * the latest NPS and sentiment, and days since the last contact. Null where there is no signal.
 */
record ScorecardInputs(
    long accountId,
    Integer activeUsers,
    Integer licensedSeats,
    Integer featuresUsed,
    Integer featuresTotal,
    Integer daysSinceContact,
    Integer ticketsOpened,
    Integer ticketsEscalated,
    Integer criticalTickets,
    Integer latestNps,
    String latestSentiment) {}
