package io.csplaybooks.studio;

import io.csplaybooks.common.ReportPeriod;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Playbooks for CS managers: versions, moving accounts to a new version, how the plays perform. */
@RestController
@RequestMapping("/api/playbooks")
class PlaybookController {

  private final PlaybookVersions versions;
  private final PlaybookMigrations migrations;
  private final PlaybookAnalytics analytics;

  public PlaybookController(PlaybookVersions versions, PlaybookMigrations migrations, PlaybookAnalytics analytics) {
    this.versions = versions;
    this.migrations = migrations;
    this.analytics = analytics;
  }

  @GetMapping
  @Operation(operationId = "listPlaybooks", summary = "The deployed playbooks and their versions")
  public List<PlaybookVersions.Playbook> list() {
    return versions.all();
  }

  /**
   * Builds the migration plan from one version to another and reports what cannot be mapped; with
   * {@code "confirm": true} moves the accounts that can be moved.
   */
  @PostMapping("/{key}/migrations")
  @Operation(operationId = "migratePlaybook", summary = "Move running playbooks from one version to another")
  public PlaybookMigrations.Report migrate(@PathVariable String key,
      @RequestBody(required = false) PlaybookMigrations.Request request) {
    return migrations.migrate(key, request);
  }

  /**
   * Per step: passed, median and 90th percentile time spent, deadlines missed, waiting now; per gateway
   * the paths taken; outcome shares. Over all of history, or what ended from {@code from} to {@code to}
   * (dates, both included; either given, the other defaults as a report's period does).
   */
  @GetMapping("/{key}/analytics")
  @Operation(operationId = "playbookAnalytics", summary = "How a playbook's runs went, step by step")
  public PlaybookAnalytics.Analytics analytics(@PathVariable String key,
      @RequestParam(required = false) Integer version, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    String definitionId = versions.definitionId(versions.get(key), version);
    if (from == null && to == null) {
      return analytics.of(key, version, definitionId);
    }
    ReportPeriod period = ReportPeriod.of(from, to);
    return analytics.of(key, version, definitionId, period.start(), period.end());
  }
}
