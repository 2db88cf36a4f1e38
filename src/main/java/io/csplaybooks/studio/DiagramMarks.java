package io.csplaybooks.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the studio's script (studio.js) puts on a diagram, by element id: CSS markers (a heat level,
 * a problem, a mapped step), small badges with figures, a title to read on hover and a link to
 * follow on click. The page decides every word; the script only places them, as text.
 */
final class DiagramMarks {

  /** A badge: its kind (its colour and place on the element), its text and what it means. */
  record Badge(String kind, String text, String title) {}

  record Mark(List<String> markers, List<Badge> badges, List<String> titles, String link) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Mark> marks = new LinkedHashMap<>();

  DiagramMarks marker(String elementId, String marker) {
    mark(elementId).markers().add(marker);
    return this;
  }

  DiagramMarks badge(String elementId, String kind, String text, String title) {
    mark(elementId).badges().add(new Badge(kind, text, title));
    return this;
  }

  DiagramMarks title(String elementId, String title) {
    mark(elementId).titles().add(title);
    return this;
  }

  DiagramMarks link(String elementId, String link) {
    Mark mark = mark(elementId);
    marks.put(elementId, new Mark(mark.markers(), mark.badges(), mark.titles(), link));
    return this;
  }

  private Mark mark(String elementId) {
    return marks.computeIfAbsent(elementId, id -> new Mark(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), null));
  }

  String json() {
    try {
      return JSON.writeValueAsString(marks);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
