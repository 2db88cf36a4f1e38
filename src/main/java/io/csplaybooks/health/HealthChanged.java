package io.csplaybooks.health;

import java.util.List;

/**
 * Accounts were scored and some changed health band: published (a Spring application event) after
 * every scoring, by signals, an override or the nightly portfolio run, for those who rank work by
 * health (task priority).
 *
 * @param bandChanged the accounts whose band is another than before the scoring
 * @param portfolioRun the scoring was the nightly run over every open account
 * @param scored the accounts scored, when not the portfolio run (their signals arrived: triggers look at them)
 */
public record HealthChanged(List<Long> bandChanged, boolean portfolioRun, List<Long> scored) {

  public HealthChanged {
    bandChanged = List.copyOf(bandChanged);
    scored = List.copyOf(scored);
  }

  public HealthChanged(List<Long> bandChanged, boolean portfolioRun) {
    this(bandChanged, portfolioRun, List.of());
  }
}
