package io.csplaybooks.trigger;

import io.csplaybooks.account.Segment;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.playbook.PlaybookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The triggers CS managers declare: listed with how often each fired, declared, changed, switched off
 * and on. Every refusal names its field and why ("conditions[1].percent: must be from 1 to 100"), and
 * a refused request changes nothing. The event a trigger sends is named once, when it is declared
 * (from its name unless given): playbooks deployed since wait for it, so it never changes.
 */
@Service
public class Triggers {

  public static final int MAX_NAME = 120;
  public static final int MAX_CONDITIONS = 3;
  /** The days a trigger's figures count back ("fired in the last 30 days"). */
  public static final int FIGURES_DAYS = 30;
  /** A BPMN message name as the application's own are written: ContractClosed, HealthTurnedRed. */
  static final Pattern MESSAGE = Pattern.compile("^[A-Z][A-Za-z0-9]{2,59}$");
  /** Where a kind looks back when the CS manager gives no days: the 30 days the field counts in. */
  static final int DEFAULT_DAYS = 30;
  static final List<String> ROLES = List.of(StakeholderRole.CHAMPION.code(), StakeholderRole.EXECUTIVE_SPONSOR.code());

  private final TriggerRepository triggers;

  Triggers(TriggerRepository triggers) {
    this.triggers = triggers;
  }

  /** Every trigger, by name, with its figures. */
  public List<Trigger> list() {
    Map<Long, TriggerRepository.Figures> figures = triggers.figures(EngineClock.now().minusSeconds(86_400L * FIGURES_DAYS));
    return triggers.all().stream().map(t -> withFigures(t, figures.getOrDefault(t.id(), TriggerRepository.Figures.NONE)))
        .toList();
  }

  public Trigger find(long id) {
    return list().stream().filter(t -> t.id() == id).findFirst()
        .orElseThrow(() -> new NotFoundException("no trigger " + id));
  }

  /** Declares a trigger as {@code by}; 400 naming each field that is wrong. */
  @Transactional
  public Trigger declare(TriggerInput input, String by) {
    Validation v = new Validation();
    String name = name(input == null ? null : input.name(), v);
    String message = null;
    if (input != null && input.message() != null && !input.message().isBlank()) {
      message = input.message().strip();
      if (!MESSAGE.matcher(message).matches()) {
        v.reject("message", "must be one word of 3 to 60 Latin letters and digits starting with a capital, like"
            + " ExecutiveSponsorChanged");
        message = null;
      }
    } else if (name != null) {
      message = messageFor(name);
      if (message == null) {
        v.reject("message", "cannot be made from the name: give the event's name in Latin letters, like"
            + " ExecutiveSponsorChanged");
      }
    }
    if (message != null) {
      String taken = message;
      if (PlaybookEvent.messages().stream().anyMatch(m -> m.equalsIgnoreCase(taken))) {
        v.reject(input.message() == null || input.message().isBlank() ? "name" : "message",
            "names the application's own event " + taken + ": choose another name");
      } else {
        triggers.nameOfMessage(taken).ifPresent(other -> v.reject(
            input.message() == null || input.message().isBlank() ? "name" : "message",
            "the trigger '" + other + "' sends the event " + taken + " already: choose another name"));
      }
    }
    List<TriggerCondition> conditions = conditions(input == null ? null : input.conditions(), v);
    List<String> segments = segments(input == null ? null : input.segments(), v);
    v.throwIfInvalid();
    Instant now = EngineClock.now();
    long id = triggers.insert(name, message, conditions, segments, input.enabled() == null || input.enabled(),
        by, now);
    return find(id);
  }

  /** Changes a trigger's name, conditions, segments and whether it is on; its event stays. */
  @Transactional
  public Trigger change(long id, TriggerInput input, String by) {
    TriggerRepository.Stored stored = triggers.find(id).orElseThrow(() -> new NotFoundException("no trigger " + id));
    Validation v = new Validation();
    String name = name(input == null ? null : input.name(), v);
    if (input != null && input.message() != null && !input.message().isBlank()
        && !input.message().strip().equals(stored.message())) {
      v.reject("message", "stays " + stored.message() + ": playbooks may wait for it; declare a new trigger for"
          + " another event");
    }
    List<TriggerCondition> conditions = conditions(input == null ? null : input.conditions(), v);
    List<String> segments = segments(input == null ? null : input.segments(), v);
    v.throwIfInvalid();
    triggers.update(id, name, conditions, segments, input.enabled() == null ? stored.enabled() : input.enabled(), by,
        EngineClock.now());
    return find(id);
  }

  /** Switches a trigger off (it neither fires nor ends episodes) or on again. */
  @Transactional
  public Trigger enable(long id, boolean enabled, String by) {
    if (triggers.find(id).isEmpty()) {
      throw new NotFoundException("no trigger " + id);
    }
    triggers.enable(id, enabled, by, EngineClock.now());
    return find(id);
  }

  /**
   * The event's name made from the trigger's: its Latin words, each with a capital ("Executive sponsor
   * changed" gives ExecutiveSponsorChanged); "When" before a name that starts with a number.
   */
  static String messageFor(String name) {
    StringBuilder message = new StringBuilder();
    for (String word : name.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        message.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    if (message.length() > 0 && Character.isDigit(message.charAt(0))) {
      message.insert(0, "When");
    }
    String made = message.length() > 60 ? message.substring(0, 60) : message.toString();
    return MESSAGE.matcher(made).matches() ? made : null;
  }

  private static String name(String name, Validation v) {
    if (!v.required("name", name == null || name.isBlank() ? null : name)) {
      return null;
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_NAME) {
      v.reject("name", "must be at most " + MAX_NAME + " characters");
      return null;
    }
    if (stripped.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029
        || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069)) {
      v.reject("name", "must be one line of text, without control characters");
      return null;
    }
    return stripped;
  }

  /** The conditions, checked kind by kind, with the days a kind defaults to filled in. */
  static List<TriggerCondition> conditions(List<TriggerCondition> given, Validation v) {
    if (given == null || given.isEmpty()) {
      v.reject("conditions", "is required: at least one thing the trigger watches");
      return List.of();
    }
    if (given.size() > MAX_CONDITIONS) {
      v.reject("conditions", "at most " + MAX_CONDITIONS + ", all of which must hold");
      return List.of();
    }
    List<TriggerCondition> conditions = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String at = "conditions[" + i + "]";
      TriggerCondition c = given.get(i);
      if (c == null) {
        v.reject(at, "must not be empty");
        continue;
      }
      TriggerKind kind = TriggerKind.fromCode(c.kind()).orElse(null);
      if (kind == null) {
        v.reject(at + ".kind", c.kind() == null || c.kind().isBlank() ? "is required: one of " + TriggerKind.codes()
            : "must be one of " + TriggerKind.codes());
        continue;
      }
      int before = v.errors().size();
      Set<String> reads = kind.parameters();
      rejectUnread(v, at, kind, "band", c.band() != null && !c.band().isBlank(), reads);
      rejectUnread(v, at, kind, "points", c.points() != null, reads);
      rejectUnread(v, at, kind, "days", c.days() != null, reads);
      rejectUnread(v, at, kind, "percent", c.percent() != null, reads);
      rejectUnread(v, at, kind, "role", c.role() != null && !c.role().isBlank(), reads);
      String band = null;
      String role = null;
      Integer points = null;
      Integer days = null;
      Integer percent = null;
      switch (kind) {
        case HEALTH_BAND -> band = choice(v, at + ".band", c.band(), List.of("yellow", "red"));
        case SCORE_DROP -> {
          points = number(v, at + ".points", c.points(), 1, 100, null);
          days = number(v, at + ".days", c.days(), 1, 365, null);
        }
        case USAGE_DROP -> {
          percent = number(v, at + ".percent", c.percent(), 1, 100, null);
          days = number(v, at + ".days", c.days(), 7, 180, DEFAULT_DAYS);
        }
        case NPS_DETRACTOR -> days = number(v, at + ".days", c.days(), 1, 365, DEFAULT_DAYS);
        case RENEWAL_NEAR, NO_CONTACT -> days = number(v, at + ".days", c.days(), 1, 365, null);
        case STAKEHOLDER_CHANGED -> {
          role = choice(v, at + ".role", c.role(), ROLES);
          days = number(v, at + ".days", c.days(), 1, 365, DEFAULT_DAYS);
        }
        default -> throw new IllegalStateException("unknown kind " + kind);
      }
      if (v.errors().size() == before) {
        conditions.add(new TriggerCondition(kind.code(), band, points, days, percent, role));
      }
    }
    return conditions;
  }

  private static void rejectUnread(Validation v, String at, TriggerKind kind, String parameter, boolean given,
      Set<String> reads) {
    if (given && !reads.contains(parameter)) {
      v.reject(at + "." + parameter, "is not read by '" + kind.code() + "', which reads " + String.join(" and ",
          reads.stream().sorted().toList()) + ": leave it out");
    }
  }

  private static String choice(Validation v, String field, String value, List<String> allowed) {
    if (value == null || value.isBlank()) {
      v.reject(field, "is required: one of " + String.join(", ", allowed));
      return null;
    }
    String code = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(code)) {
      v.reject(field, "must be one of " + String.join(", ", allowed));
      return null;
    }
    return code;
  }

  private static Integer number(Validation v, String field, Integer value, int min, int max, Integer otherwise) {
    if (value == null) {
      if (otherwise == null) {
        v.reject(field, "is required: a whole number from " + min + " to " + max);
      }
      return otherwise;
    }
    if (value < min || value > max) {
      v.reject(field, "must be from " + min + " to " + max);
      return null;
    }
    return value;
  }

  static List<String> segments(List<String> given, Validation v) {
    if (given == null) {
      return List.of();
    }
    Set<String> segments = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String code = given.get(i);
      if (code == null || code.isBlank() || Segment.fromCode(code.strip()).isEmpty()) {
        v.reject("segments[" + i + "]", "must be one of " + Segment.codes());
      } else {
        segments.add(Segment.fromCode(code.strip()).orElseThrow().code());
      }
    }
    return List.copyOf(segments);
  }

  private static Trigger withFigures(TriggerRepository.Stored t, TriggerRepository.Figures f) {
    return new Trigger(t.id(), t.name(), t.message(), t.conditions(), t.segments(), t.enabled(), t.createdBy(),
        t.createdAt(), t.updatedBy(), t.updatedAt(), f.firedSince(), f.lastFiredAt(), f.holdingNow());
  }
}
