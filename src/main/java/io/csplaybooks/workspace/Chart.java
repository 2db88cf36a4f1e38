package io.csplaybooks.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * A chart as the page's script draws it (workspace.js): labels along the axis and one series of
 * values per line or bar, written into the canvas' data-chart attribute as JSON.
 */
record Chart(String type, List<String> labels, List<Series> series, boolean stacked, Integer min, Integer max) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One series: its key (a band's colour, say), its label in the page's language, its values. */
  record Series(String key, String label, List<? extends Number> values) {}

  static Chart bars(List<String> labels, List<Series> series) {
    return new Chart("bar", labels, series, true, null, null);
  }

  /** Bars side by side, one per series at each label. */
  static Chart groupedBars(List<String> labels, List<Series> series) {
    return new Chart("bar", labels, series, false, null, null);
  }

  static Chart line(List<String> labels, List<Series> series, Integer min, Integer max) {
    return new Chart("line", labels, series, false, min, max);
  }

  String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
