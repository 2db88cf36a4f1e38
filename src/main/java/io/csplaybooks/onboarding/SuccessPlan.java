package io.csplaybooks.onboarding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The CSM's working document with the customer: goals, expected challenges, KPIs, milestones. */
public record SuccessPlan(
    long accountId,
    int version,
    Instant updatedAt,
    String updatedBy,
    List<String> goals,
    List<String> challenges,
    List<Kpi> kpis,
    List<Milestone> milestones) {

  /** A measure the customer agreed to move, from a baseline to a target by a date. */
  public record Kpi(String name, String unit, BigDecimal baseline, BigDecimal target, BigDecimal currentValue,
      LocalDate dueDate) {}

  /** A step of the plan with the team that owns it. Status: open or done. */
  public record Milestone(String name, String ownerTeam, LocalDate dueDate, String status) {

    public static final String OPEN = "open";
    public static final String DONE = "done";

    public boolean done() {
      return DONE.equals(status);
    }
  }

  /** What a client sends to change the plan; {@code version} guards against overwriting a newer plan. */
  public record Content(Integer version, List<String> goals, List<String> challenges, List<Kpi> kpis,
      List<Milestone> milestones) {

    public Content {
      goals = goals == null ? List.of() : goals;
      challenges = challenges == null ? List.of() : challenges;
      kpis = kpis == null ? List.of() : kpis;
      milestones = milestones == null ? List.of() : milestones;
    }
  }

  public Content content() {
    return new Content(version, goals, challenges, kpis, milestones);
  }

  public List<Milestone> openMilestones() {
    return milestones.stream().filter(m -> !m.done()).toList();
  }

  /** One saved version, with who changed the plan, when and why. */
  public record Change(int version, Instant changedAt, String changedBy, String reason, Content plan) {}
}
