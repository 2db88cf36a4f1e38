package io.csplaybooks.workspace;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.ReportPeriod;
import io.csplaybooks.health.HealthBacktest;
import io.csplaybooks.health.HealthCalibration;
import io.csplaybooks.health.HealthModels;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Does the health score predict? Beside the portfolio, for CS managers: the renewals decided in a
 * period against the live model's scores and against each shadow model (as if it had scored the same
 * accounts from the same measures), side by side, with the churn by decile and each measure's power
 * as charts; a shadow model is made live here with a reason. The figures are the API's
 * ({@link HealthBacktest}, {@link HealthModels}).
 */
@Controller
class HealthModelPage {

  /**
   * One column: the scores as the accounts had them (model null: whichever models were live then), or
   * a model's, live or shadow, as it would have scored the same measures.
   */
  record Compared(String key, HealthModels.Model model, String kind, HealthBacktest.Report report) {}

  private final HealthBacktest backtest;
  private final HealthModels models;
  private final HealthCalibration calibration;
  private final MessageSource messages;

  HealthModelPage(HealthBacktest backtest, HealthModels models, HealthCalibration calibration, MessageSource messages) {
    this.backtest = backtest;
    this.models = models;
    this.calibration = calibration;
    this.messages = messages;
  }

  @GetMapping("/portfolio/health")
  @Page(Audience.MANAGERS)
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String horizon, @RequestParam(required = false) String segment,
      @RequestParam(required = false) String suggest, Locale locale, Model model) {
    ReportPeriod period = ReportPeriod.of(from, to);
    int days = horizon(horizon);
    String part = segment == null || segment.isBlank() ? null : segment.trim();
    if (part != null && !HealthModels.SEGMENTS.contains(part)) {
      throw new InvalidInputException("segment", "must be one of " + String.join(", ", HealthModels.SEGMENTS));
    }
    // The model that scores the part of the portfolio shown, and the shadows that would score it.
    HealthModels.InUse inUse = models.inUse();
    HealthModels.Model live = part == null ? inUse.forAll() : inUse.liveFor(part);
    List<HealthModels.Model> shadows = inUse.shadowsOf(part);
    List<Compared> compared = new ArrayList<>();
    compared.add(new Compared("as-scored", null, "scored", backtest.run(period.from(), period.to(), days, null, part)));
    List<HealthModels.Model> columns = new ArrayList<>(List.of(live));
    columns.addAll(shadows);
    for (HealthModels.Model column : columns) {
      compared.add(new Compared(column.version(), column, column == live ? "live" : "shadow", backtest.runWith(
          period.from(), period.to(), days, column.weights(), column.version(), column.redBelow(), column.greenAbove(),
          part)));
    }
    model.addAttribute("period", period);
    model.addAttribute("horizon", days);
    model.addAttribute("segment", part);
    model.addAttribute("segments", HealthModels.SEGMENTS);
    model.addAttribute("measures", HealthModels.MEASURES);
    model.addAttribute("compared", compared);
    model.addAttribute("live", live);
    model.addAttribute("shadows", shadows);
    model.addAttribute("all", inUse.all());
    model.addAttribute("switches", models.switches());
    // A new shadow model's form: the live weights, or the weights the renewals suggest.
    HealthCalibration.Suggestion suggestion = suggest == null ? null
        : calibration.suggest(period.from(), period.to(), days, part);
    model.addAttribute("suggestion", suggestion);
    model.addAttribute("draft", suggestion == null || suggestion.weights().isEmpty() ? live.weights()
        : suggestion.asWeights());
    model.addAttribute("liftChart", liftChart(compared).json());
    model.addAttribute("measureChart", measureChart(compared.get(0).report(), locale).json());
    return "workspace/health-model";
  }

  @PostMapping("/portfolio/health/models")
  @Page(Audience.MANAGERS)
  String create(@RequestParam Map<String, String> form, WorkspaceUser me, RedirectAttributes flash) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String measure : HealthModels.MEASURES) {
      String value = form.get("weight." + measure);
      if (value != null && !value.isBlank()) {
        try {
          weights.put(measure, Double.valueOf(value.trim()));
        } catch (NumberFormatException e) {
          throw new InvalidInputException("weights." + measure, "must be a number 0-100");
        }
      }
    }
    HealthModels.Model created = models.create(new HealthModels.NewModel(form.get("version"), weights,
        number(form, "redBelow"), number(form, "greenAbove"), form.get("basedOn"),
        form.get("segment") == null || form.get("segment").isBlank() ? null : form.get("segment")), me.id());
    flash.addFlashAttribute("created", created.version());
    return "redirect:/portfolio/health" + (created.segment() == null ? "" : "?segment=" + created.segment());
  }

  private static Integer number(Map<String, String> form, String field) {
    String value = form.get(field);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(field, "must be a whole number 0-100");
    }
  }

  @PostMapping("/portfolio/health/models/{version}/live")
  @Page(Audience.MANAGERS)
  String switchTo(@PathVariable String version, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String horizon, WorkspaceUser me, RedirectAttributes flash) {
    HealthModels.Model now = models.switchTo(version, reason, me.id());
    flash.addFlashAttribute("switchedTo", now.version());
    // Back to the same period, now with the model live.
    ReportPeriod period = ReportPeriod.of(from, to);
    return "redirect:" + UriComponentsBuilder.fromPath("/portfolio/health").queryParam("from", period.from())
        .queryParam("to", period.to()).queryParam("horizon", horizon(horizon))
        .queryParamIfPresent("segment", java.util.Optional.ofNullable(now.segment())).encode().build().toUriString();
  }

  private static int horizon(String value) {
    if (value == null || value.isBlank()) {
      return 90;
    }
    return switch (value.trim()) {
      case "30" -> 30;
      case "60" -> 60;
      case "90" -> 90;
      default -> throw new InvalidInputException("horizon", "must be 30, 60 or 90 (days before the renewal date)");
    };
  }

  /** Each model's churn rate over the whole, decile by decile, riskiest first: bars side by side. */
  private static Chart liftChart(List<Compared> compared) {
    List<String> labels = new ArrayList<>();
    for (int d = 1; d <= 10; d++) {
      labels.add(String.valueOf(d));
    }
    List<Chart.Series> series = new ArrayList<>();
    for (Compared c : compared) {
      List<Double> lifts = new ArrayList<>();
      for (int d = 0; d < 10; d++) {
        lifts.add(d < c.report().deciles().size() ? c.report().deciles().get(d).lift() : 0.0);
      }
      series.add(new Chart.Series(c.kind(), c.model() == null ? c.key() : c.model().version(), lifts));
    }
    return Chart.groupedBars(labels, series);
  }

  /** Each measure's own AUC under the live scores, strongest first. */
  private Chart measureChart(HealthBacktest.Report report, Locale locale) {
    List<String> labels = report.measures().stream()
        .map(m -> messages.getMessage("measure." + m.measure(), null, m.measure(), locale)).toList();
    List<Double> values = report.measures().stream().map(m -> m.auc().value()).toList();
    return Chart.groupedBars(labels, List.of(new Chart.Series("live", "AUC", values)));
  }
}
