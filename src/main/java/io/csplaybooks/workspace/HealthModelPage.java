package io.csplaybooks.workspace;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.ReportPeriod;
import io.csplaybooks.health.HealthBacktest;
import io.csplaybooks.health.HealthModels;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import java.util.ArrayList;
import java.util.List;
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

  /** One model's backtest: the live model's scores as the accounts had them, or a shadow's. */
  record Compared(HealthModels.Model model, boolean live, HealthBacktest.Report report) {}

  private final HealthBacktest backtest;
  private final HealthModels models;
  private final MessageSource messages;

  HealthModelPage(HealthBacktest backtest, HealthModels models, MessageSource messages) {
    this.backtest = backtest;
    this.models = models;
    this.messages = messages;
  }

  @GetMapping("/portfolio/health")
  @Page(Audience.MANAGERS)
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String horizon, Locale locale, Model model) {
    ReportPeriod period = ReportPeriod.of(from, to);
    int days = horizon(horizon);
    HealthModels.Model live = models.live();
    List<Compared> compared = new ArrayList<>();
    compared.add(new Compared(live, true, backtest.run(period.from(), period.to(), days)));
    for (HealthModels.Model shadow : models.shadows()) {
      compared.add(new Compared(shadow, false, backtest.runWith(period.from(), period.to(), days, shadow.weights(),
          shadow.version(), shadow.redBelow(), shadow.greenAbove())));
    }
    model.addAttribute("period", period);
    model.addAttribute("horizon", days);
    model.addAttribute("compared", compared);
    model.addAttribute("live", live);
    model.addAttribute("shadows", models.shadows());
    model.addAttribute("switches", models.switches());
    model.addAttribute("liftChart", liftChart(compared).json());
    model.addAttribute("measureChart", measureChart(compared.get(0).report(), locale).json());
    return "workspace/health-model";
  }

  @PostMapping("/portfolio/health/models/{version}/live")
  @Page(Audience.MANAGERS)
  String switchTo(@PathVariable String version, @RequestParam(required = false) String reason, WorkspaceUser me,
      RedirectAttributes flash) {
    HealthModels.Model now = models.switchTo(version, reason, me.id());
    flash.addFlashAttribute("switchedTo", now.version());
    return "redirect:" + UriComponentsBuilder.fromPath("/portfolio/health").build().toUriString();
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
      series.add(new Chart.Series(c.live() ? "live" : "shadow", c.model().version(), lifts));
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
