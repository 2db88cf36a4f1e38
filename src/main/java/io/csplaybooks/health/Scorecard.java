package io.csplaybooks.health;

import java.util.ArrayList;
import java.util.List;

/**
 * The health score: each measure normalized to 0-100, weighted, and averaged over the measures
 * that have data (a missing measure does not count as zero, its weight is left out). No measure
 * with data: no score.
 */
class Scorecard {

  public static final String ADOPTION = "adoption";
  public static final String FEATURE_BREADTH = "featureBreadth";
  public static final String ENGAGEMENT = "engagement";
  public static final String SUPPORT = "support";
  public static final String NPS = "nps";
  public static final String SENTIMENT = "sentiment";
  static final List<String> MEASURES = List.of(ADOPTION, FEATURE_BREADTH, ENGAGEMENT, SUPPORT, NPS, SENTIMENT);

  /** One measure: its 0-100 value, its weight, and the inputs it came from, in words. */
  public record Measure(String name, int value, double weight, String inputs) {}

  public record Result(Integer score, HealthBand band, List<Measure> measures, String modelVersion) {}

  private final HealthModel model;

  public Scorecard(HealthModel model) {
    for (String measure : MEASURES) {
      Double weight = model.weights().get(measure);
      if (weight == null || weight < 0) {
        throw new IllegalStateException("csp.health.weights." + measure + " must be set and not negative");
      }
    }
    if (!(model.redBelow() <= model.greenAbove())) {
      throw new IllegalStateException("csp.health.red-below must not be above green-above");
    }
    this.model = model;
  }

  public Result score(ScorecardInputs in) {
    List<Measure> measures = new ArrayList<>();
    if (in.activeUsers() != null && in.licensedSeats() != null && in.licensedSeats() > 0) {
      measures.add(measure(ADOPTION, percent(in.activeUsers(), in.licensedSeats()),
          in.activeUsers() + " active of " + in.licensedSeats() + " licensed seats"));
    }
    if (in.featuresUsed() != null && in.featuresTotal() != null && in.featuresTotal() > 0) {
      measures.add(measure(FEATURE_BREADTH, percent(in.featuresUsed(), in.featuresTotal()),
          in.featuresUsed() + " of " + in.featuresTotal() + " key features used"));
    }
    if (in.daysSinceContact() != null) {
      measures.add(measure(ENGAGEMENT, engagement(in.daysSinceContact()),
          "last contact " + in.daysSinceContact() + " days ago"));
    }
    if (in.ticketsOpened() != null) {
      int escalated = nz(in.ticketsEscalated());
      int critical = nz(in.criticalTickets());
      // In long: a window's tickets times their points must not wrap around to a good score.
      long load = (long) in.ticketsOpened() * model.supportPointsPerTicket()
          + (long) escalated * model.supportPointsPerEscalation() + (long) critical * model.supportPointsPerCritical();
      measures.add(measure(SUPPORT, (int) Math.max(0, 100 - load), in.ticketsOpened() + " tickets, " + escalated
          + " escalated, " + critical + " critical in " + model.windowDays() + " days"));
    }
    if (in.latestNps() != null) {
      measures.add(measure(NPS, in.latestNps() * 10, "latest NPS answer " + in.latestNps()));
    }
    if (in.latestSentiment() != null) {
      int value = switch (in.latestSentiment()) {
        case "positive" -> 100;
        case "neutral" -> 60;
        default -> 20;
      };
      measures.add(measure(SENTIMENT, value, "CSM noted " + in.latestSentiment()));
    }
    double weights = measures.stream().mapToDouble(Measure::weight).sum();
    if (measures.isEmpty() || weights == 0) {
      return new Result(null, null, measures, model.version());
    }
    int score = (int) Math.round(measures.stream().mapToDouble(m -> m.value() * m.weight()).sum() / weights);
    return new Result(score, model.band(score), measures, model.version());
  }

  private Measure measure(String name, int value, String inputs) {
    return new Measure(name, Math.max(0, Math.min(100, value)), model.weights().get(name), inputs);
  }

  private int engagement(int days) {
    if (days <= model.engagementFullDays()) {
      return 100;
    }
    if (days >= model.engagementZeroDays()) {
      return 0;
    }
    double span = model.engagementZeroDays() - model.engagementFullDays();
    return (int) Math.round(100 * (model.engagementZeroDays() - days) / span);
  }

  private static int percent(int part, int whole) {
    return (int) Math.round(100.0 * Math.min(part, whole) / whole);
  }

  private static int nz(Integer value) {
    return value == null ? 0 : value;
  }
}
