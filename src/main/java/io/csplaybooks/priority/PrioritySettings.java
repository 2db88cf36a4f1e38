package io.csplaybooks.priority;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a CS team tunes about task priority ({@code csp.priority}); the rules themselves are the
 * decision table {@code bpmn/task-priority.dmn}.
 *
 * @param urgentFrom a task of this priority or more is urgent: its notification says so
 */
@ConfigurationProperties("csp.priority")
record PrioritySettings(@DefaultValue("85") int urgentFrom) {

  PrioritySettings {
    if (urgentFrom < 0 || urgentFrom > 100) {
      throw new IllegalArgumentException("csp.priority.urgent-from must be 0-100, not " + urgentFrom);
    }
  }
}
