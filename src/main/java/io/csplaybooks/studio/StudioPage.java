package io.csplaybooks.studio;

import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.ReportPeriod;
import io.csplaybooks.workspace.DrawsDiagrams;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import io.csplaybooks.workspace.WorkspacePages;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The playbook studio: each playbook on its own diagram with its figures from the engine's history
 * (waiting now, passed, median and 90th percentile time, deadlines missed, the paths out of each
 * gateway) in a heat map, over a period and for a version or all; the accounts waiting in a step;
 * the outcomes version by version; the versions and what changed between two. For CS managers.
 * The figures are the analytics API's ({@link PlaybookAnalytics}), for the same period.
 */
@Controller
@WorkspacePages
class StudioPage {

  /** Accounts listed for a step; the step's count says how many there are in all. */
  static final int WAITING_LISTED = 200;
  /** Heat levels 0 (quickest) to 4 (slowest). */
  static final int HEAT_LEVELS = 5;
  /** A median this short is as quick as a step gets. */
  static final Duration QUICK = Duration.ofMinutes(1);
  /** A BPMN element id (an XML name), in any script. */
  private static final Pattern ACTIVITY_ID = Pattern.compile("^[\\p{L}_][\\p{L}\\p{N}_.-]{0,254}$");

  private final PlaybookVersions versions;
  private final PlaybookAnalytics analytics;
  private final PlaybookModels models;
  private final StudioQueries queries;
  private final MessageSource messages;

  StudioPage(PlaybookVersions versions, PlaybookAnalytics analytics, PlaybookModels models, StudioQueries queries,
      MessageSource messages) {
    this.versions = versions;
    this.analytics = analytics;
    this.models = models;
    this.queries = queries;
    this.messages = messages;
  }

  @GetMapping("/studio")
  @Page(Audience.MANAGERS)
  String playbooks(Model model) {
    model.addAttribute("playbooks", versions.all());
    return "workspace/studio-list";
  }

  @GetMapping("/studio/playbooks/{key}")
  @Page(Audience.MANAGERS)
  @DrawsDiagrams
  String studio(@PathVariable String key, @RequestParam(required = false) Integer version,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String step, @RequestParam(required = false) Integer older,
      @RequestParam(required = false) Integer newer, Locale locale, Model model) {
    PlaybookVersions.Playbook playbook = versions.get(key);
    String definitionId = versions.definitionId(playbook, version);
    ReportPeriod period = ReportPeriod.of(from, to);
    if (step != null && !ACTIVITY_ID.matcher(step).matches()) {
      throw new InvalidInputException("step", "must be the id of a step of the playbook");
    }
    PlaybookAnalytics.Analytics figures = analytics.of(key, version, definitionId, period.start(), period.end());
    // The chosen version is drawn; for all versions, the newest (the versions come newest first).
    PlaybookVersions.Version drawn = version == null ? playbook.versions().get(0)
        : playbook.versions().stream().filter(v -> v.processDefinitionId().equals(definitionId)).findFirst().orElseThrow();

    List<StepRow> rows = rows(figures.steps(), locale);
    model.addAttribute("playbook", playbook);
    model.addAttribute("version", version);
    model.addAttribute("drawnVersion", drawn.version());
    model.addAttribute("period", period);
    model.addAttribute("a", figures);
    model.addAttribute("rows", rows);
    String stepLink = UriComponentsBuilder.fromPath("/studio/playbooks/{key}").queryParamIfPresent("version", Optional.ofNullable(version))
        .queryParam("from", period.from()).queryParam("to", period.to()).buildAndExpand(key).encode().toUriString();
    model.addAttribute("marks", marks(figures, rows, models.model(drawn.processDefinitionId()), stepLink, locale));
    List<PlaybookAnalytics.Outcomes> outcomes = figures.outcomesByVersion();
    model.addAttribute("outcomes", outcomes);
    Map<String, String> outcomeLabels = new LinkedHashMap<>();
    outcomes.forEach(o -> o.counts().keySet().forEach(outcome -> outcomeLabels.put(outcome,
        messages.getMessage("outcome." + outcome, null, outcome, locale))));
    model.addAttribute("outcomeLabels", outcomeLabels);
    model.addAttribute("now", EngineClock.now());
    diff(playbook, older, newer, model);
    if (step != null) {
      model.addAttribute("step", step);
      model.addAttribute("stepRow", rows.stream().filter(r -> r.id().equals(step)).findFirst().orElse(null));
      model.addAttribute("waiting", queries.waiting(key, definitionId, step, WAITING_LISTED));
      // A step whose name holds an expression ("Set up …"): each account's task says what it is.
      model.addAttribute("named", models.model(drawn.processDefinitionId()).getModelElementById(step)
          instanceof FlowElement element && StepNames.hasExpression(element.getName()));
    }
    return "workspace/studio";
  }

  /** What changed between two versions: by default the newest and the one before it. */
  private void diff(PlaybookVersions.Playbook playbook, Integer older, Integer newer, Model model) {
    if (playbook.versions().size() < 2) {
      return;
    }
    int newest = playbook.latestVersion();
    int to = newer == null ? newest : newer;
    int from = older == null ? playbook.versions().get(1).version() : older;
    String fromId = versions.definitionId(playbook, from);
    String toId = versions.definitionId(playbook, to);
    model.addAttribute("older", from);
    model.addAttribute("newer", to);
    model.addAttribute("diff", PlaybookDiff.between(models.model(fromId), models.model(toId)));
  }

  /**
   * A version's BPMN as deployed, for the page's viewer to draw. Plain text, never rendered: the file
   * is whatever its author wrote.
   */
  @GetMapping("/studio/playbooks/{key}/diagram")
  @Page(Audience.MANAGERS)
  ResponseEntity<String> diagram(@PathVariable String key, @RequestParam(required = false) Integer version,
      HttpServletResponse response) {
    ProcessDefinition definition = models.definition(key, version);
    return plainText(new String(models.file(definition.getId()), StandardCharsets.UTF_8), response);
  }

  /** A file a person wrote, as text that no browser renders or runs, even when opened on its own. */
  static ResponseEntity<String> plainText(String text, HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
        .header("Content-Disposition", "inline; filename=\"diagram.txt\"")
        .body(text);
  }

  /** A step as the page lists it, with its times in words and its heat level. */
  record StepRow(String id, String name, String type, long open, long passed, long canceled, String median, String p90,
      long deadlinesMissed, int heat) {}

  private List<StepRow> rows(List<PlaybookAnalytics.Step> steps, Locale locale) {
    long slowest = steps.stream().filter(s -> s.medianMillis() != null && isWork(s.type()))
        .mapToLong(PlaybookAnalytics.Step::medianMillis).max().orElse(0);
    long quickest = QUICK.toMillis();
    List<StepRow> rows = new ArrayList<>();
    for (PlaybookAnalytics.Step s : steps) {
      String name = StepNames.readable(s.name());
      rows.add(new StepRow(s.activityId(), name == null ? s.activityId() : name, s.type(), s.open(), s.passed(),
          s.canceled(), human(s.medianMillis(), locale), human(s.p90Millis(), locale), s.deadlinesMissed(),
          isWork(s.type()) ? heat(s.medianMillis(), quickest, slowest) : -1));
    }
    return rows;
  }

  /**
   * A task or sub-process, where people and the application work; not an event, where a playbook
   * waits for a date or a message by design (a renewal's 120 days before the date would be the
   * "slowest step" of every renewal).
   */
  static boolean isWork(String type) {
    return type != null && !type.startsWith("intermediate") && !type.startsWith("boundary")
        && !type.toLowerCase(Locale.ROOT).contains("event");
  }

  /**
   * Where a step's median time stands between a minute (what the application does at once) and the
   * slowest step's, on a logarithmic scale (people take hours to weeks): 0 the quickest, 4 the
   * slowest; -1 when nobody passed it.
   */
  static int heat(Long median, long quickest, long slowest) {
    if (median == null) {
      return -1;
    }
    if (slowest <= quickest || median <= quickest) {
      return 0;
    }
    double position = Math.log((double) median / quickest) / Math.log((double) slowest / quickest);
    return (int) Math.min(HEAT_LEVELS - 1, Math.floor(position * HEAT_LEVELS));
  }

  /** A time in the largest units that say it: "3 d 4 h", "5 h 10 min", "45 s". */
  String human(Long millis, Locale locale) {
    if (millis == null) {
      return null;
    }
    Duration d = Duration.ofMillis(millis);
    if (d.toDays() > 0) {
      return messages.getMessage("duration.days-hours", new Object[] {d.toDays(), d.toHoursPart()}, locale);
    }
    if (d.toHours() > 0) {
      return messages.getMessage("duration.hours-minutes", new Object[] {d.toHours(), d.toMinutesPart()}, locale);
    }
    if (d.toMinutes() > 0) {
      return messages.getMessage("duration.minutes", new Object[] {d.toMinutes()}, locale);
    }
    return messages.getMessage("duration.seconds", new Object[] {d.toSeconds()}, locale);
  }

  /**
   * The figures on the diagram: each step's heat, waiting, passed, missed deadlines and median time,
   * a link to its waiting accounts; each way out of a gateway, how often it was taken (and its share,
   * where one way is taken of several: exclusive and event-based gateways).
   */
  private String marks(PlaybookAnalytics.Analytics figures, List<StepRow> rows, BpmnModelInstance drawn, String stepLink,
      Locale locale) {
    DiagramMarks marks = new DiagramMarks();
    for (StepRow r : rows) {
      if (r.heat() >= 0) {
        marks.marker(r.id(), "heat-" + r.heat());
      }
      if (r.open() > 0) {
        marks.badge(r.id(), "waiting", String.valueOf(r.open()), text("studio.badge.waiting.title", locale, r.open()));
      }
      marks.badge(r.id(), "passed", String.valueOf(r.passed()), text("studio.badge.passed.title", locale, r.passed()));
      if (r.deadlinesMissed() > 0) {
        marks.badge(r.id(), "missed", String.valueOf(r.deadlinesMissed()),
            text("studio.badge.missed.title", locale, r.deadlinesMissed()));
      }
      if (r.median() != null) {
        marks.badge(r.id(), "time", r.median(), text("studio.badge.time.title", locale, r.median(), r.p90()));
      }
      marks.marker(r.id(), "clickable")
          .link(r.id(), stepLink + "&step=" + URLEncoder.encode(r.id(), StandardCharsets.UTF_8) + "#waiting-card");
    }
    for (PlaybookAnalytics.Gateway gateway : figures.gateways()) {
      boolean oneWay = drawn.getModelElementById(gateway.gatewayId()) instanceof ExclusiveGateway
          || drawn.getModelElementById(gateway.gatewayId()) instanceof EventBasedGateway;
      for (PlaybookAnalytics.Path path : gateway.paths()) {
        String share = String.format(locale, "%.0f%%", path.share().doubleValue() * 100);
        marks.badge(path.flowId(), "path", oneWay ? share + " · " + path.taken() : "×" + path.taken(),
            text("studio.badge.path.title", locale, path.taken(), gateway.passed()));
      }
    }
    return marks.json();
  }

  private String text(String key, Locale locale, Object... arguments) {
    return messages.getMessage(key, arguments, locale);
  }

}
