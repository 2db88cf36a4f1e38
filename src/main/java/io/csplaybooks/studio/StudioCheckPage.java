package io.csplaybooks.studio;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.sandbox.PlaybookProblem;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import io.csplaybooks.workspace.WorkspacePages;
import io.csplaybooks.workspace.WorkspaceUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Check, then deploy, in the studio: a CS manager drops a playbook's files; the page shows each
 * problem on its element of the diagram and in a list, and where each form the playbook shows was
 * found; when nothing is wrong, one click deploys the set, as that person ({@link PlaybookCheck}).
 */
@Controller
@WorkspacePages
class StudioCheckPage {

  private final PlaybookCheck check;

  StudioCheckPage(PlaybookCheck check) {
    this.check = check;
  }

  @GetMapping("/studio/check")
  @Page(Audience.MANAGERS)
  String drop() {
    return "workspace/studio-check";
  }

  @PostMapping("/studio/check")
  @Page(Audience.MANAGERS)
  String dropped(@RequestParam(name = "files", required = false) List<MultipartFile> files, HttpServletRequest request)
      throws IOException {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
      if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
        continue;
      }
      String name = baseName(file.getOriginalFilename());
      if (contents.containsKey(name)) {
        throw new InvalidInputException("files", "two files are named " + name + ": drop one of them");
      }
      contents.put(name, file.getBytes());
    }
    PlaybookCheck.checkFiles(contents);
    StudioDrafts.Draft draft = StudioDrafts.keep(request.getSession(), contents);
    return "redirect:/studio/check/" + draft.id();
  }

  @GetMapping("/studio/check/{draft}")
  @Page(Audience.MANAGERS)
  String checked(@PathVariable String draft, HttpServletRequest request, Model model) {
    StudioDrafts.Draft files = draft(request, draft);
    show(files, check.check(files.files()), model);
    return "workspace/studio-checked";
  }

  /** A dropped playbook's BPMN, for the page's viewer: plain text, never rendered. */
  @GetMapping("/studio/check/{draft}/files/{index}")
  @Page(Audience.MANAGERS)
  ResponseEntity<String> file(@PathVariable String draft, @PathVariable int index, HttpServletRequest request,
      HttpServletResponse response) {
    List<Map.Entry<String, byte[]>> files = new ArrayList<>(new TreeMap<>(draft(request, draft).files()).entrySet());
    if (index < 0 || index >= files.size()) {
      throw new NotFoundException("no file " + index);
    }
    return StudioPage.plainText(new String(files.get(index).getValue(), StandardCharsets.UTF_8), response);
  }

  @PostMapping("/studio/check/{draft}/deploy")
  @Page(Audience.MANAGERS)
  String deploy(@PathVariable String draft, WorkspaceUser me, HttpServletRequest request, Model model) {
    StudioDrafts.Draft files = draft(request, draft);
    try {
      PlaybookCheck.Deployed deployed = check.deploy(files.files(), me.id(), me.groups());
      model.addAttribute("deployed", deployed);
      return "workspace/studio-deployed";
    } catch (PlaybookCheck.Rejected rejected) {
      show(files, rejected.result(), model);
      model.addAttribute("rejected", true);
      return "workspace/studio-checked";
    }
  }

  /** A problem as the page lists it, with the diagram it is drawn on (if any). */
  record ProblemRow(String resource, String elementId, String message, String diagram) {}

  /** A dropped playbook as the page draws it. */
  record DiagramRow(String id, String resource, String key, String name, String url, String marks) {}

  /** Problems the page lists and marks; a file with more has the count and the first of them. */
  static final int PROBLEMS_SHOWN = 200;

  private static void show(StudioDrafts.Draft draft, PlaybookCheck.Result result, Model model) {
    List<PlaybookProblem> shown = result.problems().size() > PROBLEMS_SHOWN
        ? result.problems().subList(0, PROBLEMS_SHOWN) : result.problems();
    List<String> sorted = new ArrayList<>(new TreeMap<>(draft.files()).keySet());
    List<DiagramRow> diagrams = new ArrayList<>();
    Map<String, String> diagramOf = new LinkedHashMap<>();
    for (PlaybookCheck.Playbook playbook : result.playbooks()) {
      String id = "diagram-" + diagrams.size();
      diagramOf.put(playbook.resource(), id);
      DiagramMarks marks = new DiagramMarks();
      Map<String, Integer> counts = new LinkedHashMap<>();
      shown.stream()
          .filter(p -> Objects.equals(p.resource(), playbook.resource()) && p.elementId() != null)
          .forEach(p -> {
            counts.merge(p.elementId(), 1, Integer::sum);
            marks.title(p.elementId(), p.message());
          });
      counts.forEach((element, count) -> marks.marker(element, "has-problem")
          .badge(element, "problem", "!" + (count > 1 ? " " + count : ""), null));
      diagrams.add(new DiagramRow(id, playbook.resource(), playbook.key(), playbook.name(),
          "/studio/check/" + draft.id() + "/files/" + sorted.indexOf(playbook.resource()), marks.json()));
    }
    List<ProblemRow> problems = new ArrayList<>();
    for (PlaybookProblem p : shown) {
      problems.add(new ProblemRow(p.resource(), p.elementId(), p.message(),
          p.elementId() == null ? null : diagramOf.get(p.resource())));
    }
    model.addAttribute("draft", draft.id());
    model.addAttribute("result", result);
    model.addAttribute("problems", problems);
    model.addAttribute("problemCount", result.problems().size());
    // Hints, listed as the problems are: the first ones of a file that has thousands.
    model.addAttribute("notes", result.notes().size() > PROBLEMS_SHOWN ? result.notes().subList(0, PROBLEMS_SHOWN)
        : result.notes());
    model.addAttribute("noteCount", result.notes().size());
    model.addAttribute("diagrams", diagrams);
  }

  private static StudioDrafts.Draft draft(HttpServletRequest request, String id) {
    return StudioDrafts.find(request.getSession(), id)
        .orElseThrow(() -> new NotFoundException("no dropped files " + id + ": drop them again"));
  }

  /** The file's own name, without the folders a browser may send. */
  private static String baseName(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("files", "a file has no name");
    }
    // The name is then held to PlaybookCheck's rule for file names (a clear 400 if it fails).
    String base = name.replace('\\', '/');
    return base.substring(base.lastIndexOf('/') + 1);
  }
}
