package io.csplaybooks.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.ConflictException;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.health.HealthModelRepository.Row;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The health models a CS team keeps: one live model scores the accounts; shadow models (at most
 * {@value #MAX_SHADOWS}) score beside it every night without touching an account, so the backtest can
 * compare them; a CS manager makes a shadow live with a reason, which is recorded. A model is its
 * version, its weights (summing to 100) and its bands; how each measure is normalised stays in
 * {@code csp.health}. The model configured there is imported once as the first version.
 */
@Service
public class HealthModels {

  static final int MAX_SHADOWS = 3;
  static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

  /** The measures a model weighs, in the order the scorecard lists them. */
  public static final List<String> MEASURES = Scorecard.MEASURES;

  /** The segments a model may be for (null: every segment without a model of its own). */
  public static final List<String> SEGMENTS = List.of("strategic", "enterprise", "mid-market", "scaled");

  /** @param segment the segment it scores, or null: every segment without a live model of its own */
  public record Model(String version, String segment, Map<String, Double> weights, int redBelow, int greenAbove,
      String status, String basedOn, String createdBy, Instant createdAt) {

    /** Whether it scores an account of the segment: its own, or any when it is for every segment. */
    public boolean scores(String accountSegment) {
      return segment == null || segment.equals(accountSegment);
    }
  }

  /** A new shadow model; bands default to the live model's; no segment: for every segment. */
  public record NewModel(String version, Map<String, Double> weights, Integer redBelow, Integer greenAbove,
      String basedOn, String segment) {

    public NewModel(String version, Map<String, Double> weights, Integer redBelow, Integer greenAbove, String basedOn) {
      this(version, weights, redBelow, greenAbove, basedOn, null);
    }
  }

  public record Switch(String fromVersion, String toVersion, String reason, String switchedBy, Instant switchedAt) {}

  private final HealthModelRepository rows;
  private final HealthModel configured;
  private final ObjectMapper json;

  HealthModels(HealthModelRepository rows, HealthSettings settings, ObjectMapper json) {
    this.rows = rows;
    this.configured = settings.health();
    this.json = json;
  }

  /**
   * The models as they stand, from one read: the live model for every segment (the configured one,
   * imported on the first read), each segment's own live model, the shadows, and every version.
   */
  public record InUse(Model forAll, List<Model> segments, List<Model> shadows, List<Model> all) {

    /** Every live model: the one for every segment first, then each segment's own. */
    public List<Model> lives() {
      List<Model> lives = new java.util.ArrayList<>(List.of(forAll));
      lives.addAll(segments);
      return lives;
    }

    /** The model that scores an account of the segment: the segment's own live model, or the one for all. */
    public Model liveFor(String segment) {
      return segments.stream().filter(m -> m.segment().equals(segment)).findFirst().orElse(forAll);
    }

    /** The shadows that would score the part of the portfolio: all of it (null) or one segment. */
    public List<Model> shadowsOf(String segment) {
      return shadows.stream().filter(m -> segment == null ? m.segment() == null : m.scores(segment)).toList();
    }
  }

  public InUse inUse() {
    List<Model> all = all();
    Model forAll = all.stream().filter(m -> "live".equals(m.status()) && m.segment() == null).findFirst().orElse(null);
    if (forAll == null) {
      importConfigured();
      all = all();
    }
    Model live = all.stream().filter(m -> "live".equals(m.status()) && m.segment() == null).findFirst()
        .orElseThrow(() -> new IllegalStateException("no live health model after importing " + configured.version()));
    return new InUse(live, all.stream().filter(m -> "live".equals(m.status()) && m.segment() != null).toList(),
        all.stream().filter(m -> "shadow".equals(m.status())).toList(), all);
  }

  /** The model that scores every segment without a live model of its own. */
  public Model live() {
    return inUse().forAll();
  }

  public List<Model> shadows() {
    return inUse().shadows();
  }

  public List<Model> all() {
    return rows.all().stream().map(this::model).toList();
  }

  public List<Switch> switches() {
    return rows.switches();
  }

  /** Adds a shadow model; a 400 names what is wrong, a 409 says the version is taken. */
  @Transactional
  public Model create(NewModel model, String by) {
    Model live = live();
    Validation v = new Validation();
    if (v.required("version", model.version()) && !VERSION.matcher(model.version()).matches()) {
      v.reject("version", "must be 1-40 letters, digits, dots, dashes or underscores, starting with a letter or digit");
    }
    if (v.required("weights", model.weights())) {
      double sum = 0;
      for (Map.Entry<String, Double> weight : model.weights().entrySet()) {
        if (!Scorecard.MEASURES.contains(weight.getKey())) {
          v.reject("weights." + weight.getKey(), "is not a measure; the measures are " + String.join(", ", Scorecard.MEASURES));
        } else if (weight.getValue() == null || weight.getValue() < 0 || weight.getValue() > 100
            || weight.getValue().isNaN()) {
          v.reject("weights." + weight.getKey(), "must be 0-100");
        } else {
          sum += weight.getValue();
        }
      }
      if (Math.abs(sum - 100) > 0.001) {
        v.reject("weights", "must sum to 100 (they sum to " + Math.round(sum * 100) / 100.0 + ")");
      }
    }
    int red = model.redBelow() == null ? live.redBelow() : model.redBelow();
    int green = model.greenAbove() == null ? live.greenAbove() : model.greenAbove();
    if (red < 0 || red > 100) {
      v.reject("redBelow", "must be 0-100");
    }
    if (green < 0 || green > 100 || green < red) {
      v.reject("greenAbove", "must be 0-100 and not below redBelow");
    }
    if (model.basedOn() != null) {
      v.maxLength("basedOn", model.basedOn(), 300);
    }
    if (model.segment() != null && !SEGMENTS.contains(model.segment())) {
      v.reject("segment", "must be one of " + String.join(", ", SEGMENTS) + ", or left out for every segment");
    }
    if (shadows().size() >= MAX_SHADOWS) {
      v.reject("version", "at most " + MAX_SHADOWS + " shadow models score beside the live one; make one live or"
          + " retire one first");
    }
    v.throwIfInvalid();
    Map<String, Double> weights = new LinkedHashMap<>();
    Scorecard.MEASURES.forEach(m -> weights.put(m, model.weights().getOrDefault(m, 0.0)));
    Row row = new Row(model.version(), model.segment(), write(weights), red, green, "shadow",
        model.basedOn() == null || model.basedOn().isBlank() ? "entered by " + by : model.basedOn().trim(), by,
        EngineClock.now());
    if (!rows.insert(row)) {
      throw new ConflictException("a health model " + model.version() + " exists already", List.of("version"));
    }
    return model(row);
  }

  /**
   * Makes a model live with a reason, for its segment (or every segment without its own); the model
   * live there before is retired. Scores from the next scoring on carry its version.
   */
  @Transactional
  public Model switchTo(String version, String reason, String by) {
    Model target = all().stream().filter(m -> m.version().equals(version)).findFirst()
        .orElseThrow(() -> new NotFoundException("no health model " + version));
    Validation v = new Validation();
    if (v.required("reason", reason)) {
      v.maxLength("reason", reason, 1000);
    }
    if ("live".equals(target.status())) {
      v.reject("version", "is live already");
    }
    v.throwIfInvalid();
    // The model in the same place: for every segment, or the segment's own (none before its first).
    Model before = inUse().liveFor(target.segment() == null ? "" : target.segment());
    String replaced = target.segment() == null || before.segment() != null ? before.version() : null;
    if (!rows.switchLive(replaced, target.version())) {
      throw new ConflictException("the live model changed meanwhile; look again", List.of("version"));
    }
    rows.recordSwitch(new Switch(before.version(), version, reason.trim(), by, EngineClock.now()));
    return all().stream().filter(m -> m.version().equals(version)).findFirst().orElseThrow();
  }

  /** Retires a shadow model: it scores no more. */
  @Transactional
  public void retire(String version) {
    retire(version, "system");
  }

  /**
   * Retires a shadow model (it scores no more) or a segment's own live model (the segment's accounts
   * are scored by the model for every segment again, which is recorded as a switch).
   */
  @Transactional
  public void retire(String version, String by) {
    Model model = all().stream().filter(m -> m.version().equals(version)).findFirst()
        .orElseThrow(() -> new NotFoundException("no health model " + version));
    if ("live".equals(model.status()) && model.segment() != null) {
      rows.retireLive(version);
      rows.recordSwitch(new Switch(version, live().version(), "the " + model.segment()
          + " segment's own model retired", by, EngineClock.now()));
      return;
    }
    if (!"shadow".equals(model.status())) {
      throw new ConflictException("only a shadow model or a segment's own live model is retired; " + version + " is "
          + model.status() + (model.segment() == null ? " for every segment" : ""), List.of("version"));
    }
    rows.retire(version);
  }

  /** The configured normalisation with the model's weights, bands and version: what a Scorecard scores by. */
  HealthModel scoring(Model model) {
    return new HealthModel(model.version(), model.weights(), model.redBelow(), model.greenAbove(),
        configured.engagementFullDays(), configured.engagementZeroDays(), configured.supportPointsPerTicket(),
        configured.supportPointsPerEscalation(), configured.supportPointsPerCritical(), configured.windowDays(),
        configured.portfolioHoldAtMost(), configured.portfolioHoldAtLeast());
  }

  private void importConfigured() {
    Map<String, Double> weights = new LinkedHashMap<>();
    double sum = configured.weights().values().stream().mapToDouble(Double::doubleValue).sum();
    // Stored as shares of 100, as every later model is; the scores are the same (a weighted mean).
    Scorecard.MEASURES.forEach(m -> weights.put(m, sum == 0 ? 0 : Math.round(10_000 * configured.weights()
        .getOrDefault(m, 0.0) / sum) / 100.0));
    rows.insert(new Row(configured.version(), null, write(weights), configured.redBelow(), configured.greenAbove(), "live",
        "configured in csp.health, imported once", "system", EngineClock.now()));
    // Another node may have imported it first: what is stored counts (read again by the caller).
  }

  private Model model(Row row) {
    try {
      Map<String, Double> weights = json.readValue(row.weightsJson(), new TypeReference<LinkedHashMap<String, Double>>() {});
      return new Model(row.version(), row.segment(), weights, row.redBelow(), row.greenAbove(), row.status(),
          row.basedOn(), row.createdBy(), row.createdAt());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("health model " + row.version() + " has weights that are not JSON", e);
    }
  }

  private String write(Map<String, Double> weights) {
    try {
      return json.writeValueAsString(weights);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
