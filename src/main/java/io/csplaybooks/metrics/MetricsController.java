package io.csplaybooks.metrics;

import io.csplaybooks.common.ReportPeriod;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The numbers a CS team reports: retention (GRR, NRR), logo churn and expansion of the renewals due
 * in the period, the renewal pipeline by month and forecast, health distribution, time to first
 * value, and each CSM's workload. The same figures as the workspace's portfolio page ({@link PortfolioReport}).
 */
@RestController
class MetricsController {

  private final PortfolioReport report;

  public MetricsController(PortfolioReport report) {
    this.report = report;
  }

  @GetMapping("/api/metrics")
  @Operation(operationId = "portfolioMetrics",
      summary = "Portfolio figures between two dates: retention, ARR, health, handoffs")
  public PortfolioReport.Metrics metrics(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    ReportPeriod period = ReportPeriod.of(from, to);
    return report.metrics(period.from(), period.to(), PortfolioFilter.ALL);
  }
}
