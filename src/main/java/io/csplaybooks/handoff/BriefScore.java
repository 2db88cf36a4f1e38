package io.csplaybooks.handoff;

import java.util.List;
import java.util.stream.Collectors;

/** A brief's completeness, 0-100, what is missing, and whether it passes the gate. */
record BriefScore(int score, List<BriefItem> missing, boolean complete) {

  public String missingLabels() {
    return missing.stream().map(BriefItem::label).collect(Collectors.joining(", "));
  }
}
