package io.csplaybooks.health;

import java.time.OffsetDateTime;

/**
 * One customer signal. Which fields a type needs:
 * usage (activeUsers, licensedSeats, optionally featuresUsed and featuresTotal),
 * support (ticketsOpened, optionally ticketsEscalated and severity),
 * nps (npsScore 0-10, optionally comment),
 * engagement (meetingHeld: a meeting or other contact with the customer),
 * sentiment (sentiment noted by the CSM: positive, neutral, negative).
 */
public record Signal(
    String signalId,
    Long accountId,
    String type,
    OffsetDateTime occurredAt,
    Integer activeUsers,
    Integer licensedSeats,
    Integer featuresUsed,
    Integer featuresTotal,
    Integer ticketsOpened,
    Integer ticketsEscalated,
    String severity,
    Integer npsScore,
    Boolean meetingHeld,
    String sentiment,
    String comment) {}
