package io.csplaybooks.workspace;

import io.csplaybooks.metrics.MetricsQueries;
import io.csplaybooks.metrics.PortfolioFilter;
import io.csplaybooks.metrics.PortfolioReport;
import io.csplaybooks.common.ReportPeriod;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The CS managers' portfolio: health now and over twelve months, the accounts in the red or at risk,
 * the renewal pipeline, retention by quarter, each CSM's book and time to first value by tier, for
 * the whole portfolio or a segment, region or CSM. The figures are the API's ({@link PortfolioReport}).
 */
@Controller
class PortfolioPage {

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  private final PortfolioReport report;
  private final MessageSource messages;

  PortfolioPage(PortfolioReport report, MessageSource messages) {
    this.report = report;
    this.messages = messages;
  }

  @GetMapping("/portfolio")
  @Page(Audience.MANAGERS)
  String portfolio(@RequestParam(required = false) String segment, @RequestParam(required = false) String region,
      @RequestParam(required = false) String csm, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, Locale locale, Model model) {
    PortfolioFilter filter = PortfolioFilter.of(segment, region, csm);
    ReportPeriod period = ReportPeriod.of(from, to);
    PortfolioReport.Portfolio portfolio = report.portfolio(period.from(), period.to(), filter);
    model.addAttribute("filter", filter);
    model.addAttribute("period", period);
    model.addAttribute("choices", portfolio.filterChoices());
    model.addAttribute("p", portfolio);
    model.addAttribute("m", portfolio.metrics());
    model.addAttribute("bands", PortfolioReport.BANDS);
    model.addAttribute("healthChart", healthChart(portfolio.healthByMonth(), locale).json());
    model.addAttribute("pipelineChart", pipelineChart(portfolio.metrics().renewalPipeline(), locale).json());
    return "workspace/portfolio";
  }

  private Chart healthChart(List<PortfolioReport.HealthMonth> months, Locale locale) {
    List<String> labels = months.stream().map(m -> m.day().format(MONTH)).toList();
    List<Chart.Series> series = new ArrayList<>();
    for (String band : PortfolioReport.BANDS) {
      series.add(new Chart.Series(band, messages.getMessage("band." + band, null, locale),
          months.stream().map(m -> m.accounts().getOrDefault(band, 0)).toList()));
    }
    return Chart.bars(labels, series);
  }

  /** The pipeline's ARR, a bar per month stacked by forecast. */
  private Chart pipelineChart(List<MetricsQueries.PipelineRow> rows, Locale locale) {
    Map<String, Map<String, BigDecimal>> months = new LinkedHashMap<>();
    TreeSet<String> forecasts = new TreeSet<>();
    for (MetricsQueries.PipelineRow row : rows) {
      months.computeIfAbsent(row.label(), m -> new LinkedHashMap<>()).merge(row.forecast(), row.arr(), BigDecimal::add);
      forecasts.add(row.forecast());
    }
    List<Chart.Series> series = new ArrayList<>();
    for (String forecast : forecasts) {
      series.add(new Chart.Series(forecast, messages.getMessage("forecast." + forecast.replace(' ', '-'), null,
          forecast, locale), months.values().stream().map(m -> m.getOrDefault(forecast, BigDecimal.ZERO)).toList()));
    }
    return Chart.bars(List.copyOf(months.keySet()), series);
  }
}
