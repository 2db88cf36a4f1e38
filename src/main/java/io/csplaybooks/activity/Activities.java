package io.csplaybooks.activity;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.common.ConflictException;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.UniqueInsert;
import io.csplaybooks.common.Validation;
import io.csplaybooks.health.Signal;
import io.csplaybooks.health.SignalIntake;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the activities of an account: checks them, stores them once (an integration's external id
 * makes a resend the same activity), counts a call or a meeting as contact for the health score
 * (an engagement signal through the health module's intake, which scores the account again at once),
 * and gives the next step as a one-off task. All of it in one transaction, or none of it.
 */
@Service
public class Activities {

  public static final int SUMMARY_CHARS = 2000;
  public static final int EXTERNAL_ID_CHARS = 200;
  public static final int MOST_STAKEHOLDERS = 20;
  /** The most activities a page or the API lists at once. */
  public static final int MOST = 500;
  /** The engagement signal an activity gave has this id and the activity's. */
  static final String SIGNAL_PREFIX = "activity-";

  /** The activity, and whether this call stored it (false: it was there, sent before). */
  public record Recorded(Activity activity, boolean created) {}

  private final ActivityRepository activities;
  private final Accounts accounts;
  private final SignalIntake signals;
  private final OneOffTasks tasks;
  private final UniqueInsert unique;
  private final ActivitySettings settings;

  Activities(ActivityRepository activities, Accounts accounts, SignalIntake signals, OneOffTasks tasks,
      UniqueInsert unique, ActivitySettings settings) {
    this.activities = activities;
    this.accounts = accounts;
    this.signals = signals;
    this.tasks = tasks;
    this.unique = unique;
    this.settings = settings;
  }

  /**
   * Records the activity of {@code by} (the signed-in person, or an integration's token) on the
   * account. The same external id again: the activity stored then, if this one says the same; a
   * 409 naming the fields that differ otherwise.
   */
  @Transactional
  public Recorded record(long accountId, NewActivity in, String by) {
    if (accounts.findById(accountId).isEmpty()) {
      throw new NotFoundException("no account " + accountId);
    }
    Optional<Activity> before = in.externalId() == null || in.externalId().isBlank() ? Optional.empty()
        : activities.byExternalId(in.externalId().trim());
    Checked checked = check(accountId, in, before.isPresent());
    if (before.isPresent()) {
      return new Recorded(same(before.get(), accountId, checked), false);
    }
    // Two deliveries of one external id at once: the unique key lets one store it, the other finds it.
    Optional<Long> stored = unique.unlessPresent(() -> activities.insert(accountId, checked.kind(), checked.occurredAt(),
        by, checked.stakeholders(), checked.summary(), checked.nextStep(), checked.externalId()));
    if (stored.isEmpty()) {
      return new Recorded(same(activities.byExternalId(checked.externalId()).orElseThrow(), accountId, checked), false);
    }
    long id = stored.get();
    if (checked.kind().contact()) {
      signals.store(List.of(new Signal(SIGNAL_PREFIX + id, accountId, "engagement",
          checked.occurredAt().atOffset(ZoneOffset.UTC), null, null, null, null, null, null, null, null, true, null,
          null)));
    }
    if (checked.nextStep() != null) {
      NewActivity.NextStep next = checked.nextStep();
      String description = checked.kind().code() + " on " + LocalDateTime.ofInstant(checked.occurredAt(),
          ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ') + ": "
          + checked.summary();
      activities.attachTask(id, tasks.start(accountId, new OneOffTasks.NewTask(next.text(),
          description.length() <= OneOffTasks.DESCRIPTION_CHARS ? description
              : description.substring(0, OneOffTasks.DESCRIPTION_CHARS - 1) + "…",
          next.dueDate(), next.assignee(), next.team()), by));
    }
    return new Recorded(activities.find(id).orElseThrow(), true);
  }

  /** The account's activities, newest first. */
  public List<Activity> ofAccount(long accountId, int limit) {
    if (limit < 1 || limit > MOST) {
      throw new InvalidInputException("limit", "must be between 1 and " + MOST);
    }
    return activities.ofAccount(accountId, limit);
  }

  /** An activity as checked: trimmed, its stakeholders without repeats, its time to the millisecond. */
  private record Checked(ActivityKind kind, Instant occurredAt, Set<Long> stakeholders, String summary,
      String externalId, NewActivity.NextStep nextStep) {}

  private Checked check(long accountId, NewActivity in, boolean resent) {
    Validation v = new Validation();
    Optional<ActivityKind> kind = Optional.empty();
    if (v.required("kind", in.kind())) {
      kind = ActivityKind.of(in.kind().trim());
      if (kind.isEmpty()) {
        v.reject("kind", "must be one of " + String.join(", ", ActivityKind.CODES));
      }
    }
    Instant now = EngineClock.now();
    if (v.required("occurredAt", in.occurredAt())) {
      if (in.occurredAt().toInstant().isAfter(now.plus(settings.futureToleranceMinutes(), ChronoUnit.MINUTES))) {
        v.reject("occurredAt", "must not be in the future");
      } else if (in.occurredAt().getYear() < 2000) {
        v.reject("occurredAt", "must be in 2000 or later");
      }
    }
    if (v.required("summary", in.summary())) {
      v.maxLength("summary", in.summary().trim(), SUMMARY_CHARS);
    }
    if (in.externalId() != null) {
      if (in.externalId().isBlank()) {
        v.reject("externalId", "must not be blank: leave it out when there is none");
      }
      v.maxLength("externalId", in.externalId().trim(), EXTERNAL_ID_CHARS);
    }
    Set<Long> stakeholders = new LinkedHashSet<>();
    List<Long> asked = in.stakeholderIds() == null ? List.of() : in.stakeholderIds();
    v.maxSize("stakeholderIds", asked, MOST_STAKEHOLDERS);
    Set<Long> ours = accounts.stakeholdersOf(accountId).stream().map(Stakeholder::id).collect(Collectors.toSet());
    for (int i = 0; i < asked.size() && i < MOST_STAKEHOLDERS; i++) {
      Long id = asked.get(i);
      if (id == null) {
        v.reject("stakeholderIds[" + i + "]", "must not be empty");
      } else if (!ours.contains(id)) {
        v.reject("stakeholderIds[" + i + "]", "is not a stakeholder of account " + accountId);
      } else {
        stakeholders.add(id);
      }
    }
    NewActivity.NextStep next = in.nextStep();
    if (next != null) {
      tasks.validate(new OneOffTasks.NewTask(next.text(), null, next.dueDate(), next.assignee(), next.team()),
          "nextStep.", "text", resent, v);
      next = new NewActivity.NextStep(next.text() == null ? null : next.text().trim(), next.dueDate(),
          blankToNull(next.assignee()), blankToNull(next.team()));
    }
    v.throwIfInvalid();
    return new Checked(kind.orElseThrow(), in.occurredAt().toInstant().truncatedTo(ChronoUnit.MILLIS), stakeholders,
        in.summary().trim(), in.externalId() == null ? null : in.externalId().trim(), next);
  }

  /** The activity sent before, if the resend says the same; else a 409 naming what differs. */
  private static Activity same(Activity before, long accountId, Checked again) {
    List<String> differ = new ArrayList<>();
    if (before.accountId() != accountId) {
      differ.add("accountId");
    }
    if (before.kind() != again.kind()) {
      differ.add("kind");
    }
    if (!before.occurredAt().truncatedTo(ChronoUnit.MILLIS).equals(again.occurredAt())) {
      differ.add("occurredAt");
    }
    if (!new TreeSet<>(before.stakeholderIds()).equals(new TreeSet<>(again.stakeholders()))) {
      differ.add("stakeholderIds");
    }
    if (!before.summary().equals(again.summary())) {
      differ.add("summary");
    }
    NewActivity.NextStep next = again.nextStep();
    if (!Objects.equals(before.nextStep(), next == null ? null : next.text())
        || !Objects.equals(before.nextStepDue(), next == null ? null : next.dueDate())
        || !Objects.equals(before.nextStepAssignee(), next == null ? null : next.assignee())
        || !Objects.equals(before.nextStepTeam(), next == null ? null : next.team())) {
      differ.add("nextStep");
    }
    if (!differ.isEmpty()) {
      throw new ConflictException("activity " + again.externalId() + " was recorded before with other "
          + String.join(", ", differ), differ);
    }
    return before;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
