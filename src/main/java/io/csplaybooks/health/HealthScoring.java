package io.csplaybooks.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores accounts: all open accounts (the scheduled portfolio run) or the ones whose signals just
 * arrived. Set-based: the inputs of many accounts come from one query, the scores go back in
 * batches. An account whose band falls into red announces "HealthTurnedRed" at once.
 */
@Service
public class HealthScoring {

  static final int CHUNK = 1000;

  private final HealthRepository health;
  private final HealthModels models;
  private final HealthModelRepository modelRows;
  private final ObjectMapper json;
  private final PlaybookEvents events;
  private final ApplicationEventPublisher published;

  public HealthScoring(HealthRepository health, HealthModels models, HealthModelRepository modelRows, ObjectMapper json,
      PlaybookEvents events, ApplicationEventPublisher published) {
    this.health = health;
    this.models = models;
    this.modelRows = modelRows;
    this.json = json;
    this.events = events;
    this.published = published;
  }

  public record Outcome(int scored, List<Long> turnedRed) {}

  /**
   * Scores the accounts by the live model (every open account when ids is null); the portfolio run
   * also scores them by each shadow model, beside, without touching the accounts.
   */
  @Transactional
  public Outcome score(Collection<Long> ids, String reason) {
    Instant now = EngineClock.now();
    // Each live model (the one for every segment, and each segment's own) and, on the portfolio run,
    // each shadow, with the scorecard it scores by.
    HealthModels.InUse inUse = models.inUse();
    Map<String, Scoring> live = new HashMap<>();
    for (HealthModels.Model model : inUse.lives()) {
      live.put(model.segment() == null ? "" : model.segment(), new Scoring(model, models.scoring(model)));
    }
    List<Scoring> shadows = ids != null ? List.of()
        : inUse.shadows().stream().map(shadow -> new Scoring(shadow, models.scoring(shadow))).toList();
    List<ScorecardInputs> inputs = health.inputs(ids, now, live.get("").health().windowDays());
    List<Long> turnedRed = new ArrayList<>();
    List<Long> bandChanged = new ArrayList<>();
    for (int from = 0; from < inputs.size(); from += CHUNK) {
      List<ScorecardInputs> chunk = inputs.subList(from, Math.min(inputs.size(), from + CHUNK));
      Map<Long, HealthRepository.Standing> standing = health.standing(chunk.stream().map(ScorecardInputs::accountId)
          .toList());
      turnedRed.addAll(scoreChunk(live, standing, chunk, now, reason, bandChanged));
      if (!shadows.isEmpty()) {
        List<HealthModelRepository.ShadowScore> beside = new ArrayList<>(chunk.size() * shadows.size());
        for (Scoring shadow : shadows) {
          for (ScorecardInputs in : chunk) {
            if (shadow.model().scores(standing.get(in.accountId()).segment())) {
              Scorecard.Result result = shadow.scorecard().score(in);
              beside.add(new HealthModelRepository.ShadowScore(result.modelVersion(), in.accountId(), now, result.score(),
                  result.band() == null ? null : result.band().code(), measures(result)));
            }
          }
        }
        modelRows.saveShadowScores(beside);
      }
    }
    for (Long accountId : turnedRed) {
      events.publish(PlaybookEvent.HEALTH_TURNED_RED, new AccountId(accountId), Map.of());
    }
    published.publishEvent(new HealthChanged(bandChanged, ids == null,
        ids == null ? List.of() : inputs.stream().map(ScorecardInputs::accountId).toList()));
    return new Outcome(inputs.size(), turnedRed);
  }

  /** A model as it scores: its record, its health model (bands) and its scorecard. */
  private record Scoring(HealthModels.Model model, HealthModel health, Scorecard scorecard) {

    Scoring(HealthModels.Model model, HealthModel health) {
      this(model, health, new Scorecard(health));
    }
  }

  private List<Long> scoreChunk(Map<String, Scoring> live, Map<Long, HealthRepository.Standing> standing,
      List<ScorecardInputs> chunk, Instant now, String reason, List<Long> bandChanged) {
    List<Long> ids = chunk.stream().map(ScorecardInputs::accountId).toList();
    Map<Long, Integer> monthAgo = health.scoresAt(ids, now.minusSeconds(30L * 86_400));
    Map<Long, HealthOverride> overrides = health.activeOverrides(ids, LocalDate.ofInstant(now, ZoneId.systemDefault()));
    List<HealthRecord> records = new ArrayList<>(chunk.size());
    List<Long> turnedRed = new ArrayList<>();
    for (ScorecardInputs in : chunk) {
      // The segment's own live model, or the one for every segment.
      HealthRepository.Standing before = standing.get(in.accountId());
      Scoring scoring = live.getOrDefault(String.valueOf(before.segment()), live.get(""));
      Scorecard.Result result = scoring.scorecard().score(in);
      HealthOverride override = overrides.get(in.accountId());
      Integer score = override != null ? Integer.valueOf(override.score()) : result.score();
      HealthBand band = score == null ? null : scoring.health().band(score);
      Integer monthBefore = monthAgo.get(in.accountId());
      records.add(new HealthRecord(in.accountId(), now, score, band, result.score(), result.modelVersion(),
          measures(result), score == null || monthBefore == null ? null : score - monthBefore, reason, override));
      if (band == HealthBand.RED && !HealthBand.RED.code().equals(before.band())) {
        turnedRed.add(in.accountId());
      }
      if (!java.util.Objects.equals(band == null ? null : band.code(), before.band())) {
        bandChanged.add(in.accountId());
      }
    }
    health.save(records);
    return turnedRed;
  }

  private String measures(Scorecard.Result result) {
    try {
      return json.writeValueAsString(result.measures());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
