package io.csplaybooks.studio;

import io.csplaybooks.common.ApiExceptionHandler;
import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import io.csplaybooks.workspace.WorkspacePages;
import io.csplaybooks.workspace.WorkspaceUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The editor's drafts, for the page's script: save the BPMN as the person's next version
 * ({@code POST /studio/drafts}, the form's token in its header, the body the BPMN itself, read
 * within the studio's size for a file) and read one back (the page lists them). A person reaches
 * only their own drafts: another's is "not found". Refusals are problem details naming the field,
 * the reason in the person's language.
 */
@RestController
@WorkspacePages
class StudioDraftsApi {

  private final PlaybookDrafts drafts;
  private final MessageSource messages;

  StudioDraftsApi(PlaybookDrafts drafts, MessageSource messages) {
    this.drafts = drafts;
    this.messages = messages;
  }

  @PostMapping(path = "/studio/drafts", produces = MediaType.APPLICATION_JSON_VALUE)
  @Page(Audience.MANAGERS)
  ResponseEntity<Map<String, Object>> save(HttpServletRequest request, WorkspaceUser me, Locale locale)
      throws IOException {
    // Read here, within the limit: a larger body is refused before it is parsed, or even read to its end.
    if (request.getContentLengthLong() > PlaybookDrafts.MAX_BYTES) {
      throw tooLarge();
    }
    byte[] body = request.getInputStream().readNBytes(PlaybookDrafts.MAX_BYTES + 1);
    if (body.length > PlaybookDrafts.MAX_BYTES) {
      throw tooLarge();
    }
    PlaybookDrafts.Draft saved = drafts.save(me.id(), body);
    return ResponseEntity.created(URI.create("/studio/drafts/" + saved.id())).body(json(saved, locale));
  }

  /** A draft version's BPMN, for the editor to open: plain text, never rendered. */
  @GetMapping("/studio/drafts/{id}")
  @Page(Audience.MANAGERS)
  ResponseEntity<String> file(@PathVariable long id, WorkspaceUser me, HttpServletResponse response) {
    return StudioPage.plainText(drafts.xml(me.id(), id), response);
  }

  private Map<String, Object> json(PlaybookDrafts.Draft draft, Locale locale) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", draft.id());
    json.put("key", draft.key());
    json.put("name", draft.name());
    json.put("version", draft.version());
    json.put("savedAt", draft.savedAt().toString());
    json.put("saved", messages.getMessage("studio.editor.saved",
        new Object[] {draft.version(), time(draft.savedAt(), locale)}, locale));
    json.put("open", "/studio/editor?draft=" + draft.id());
    json.put("check", "/studio/drafts/" + draft.id() + "/check");
    return json;
  }

  /** When a draft was saved, as the workspace's pages write times: in the person's language, on the server's zone. */
  static String time(Instant at, Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).withZone(ZoneId.systemDefault())
        .format(at);
  }

  private static PlaybookDrafts.Refused tooLarge() {
    return new PlaybookDrafts.Refused("xml", "is larger than " + PlaybookDrafts.MAX_BYTES / 1024 + " KB", "too-large",
        PlaybookDrafts.MAX_BYTES / 1024);
  }

  /** A refused draft: 400 naming the field, the reason in the person's language. */
  @ExceptionHandler(PlaybookDrafts.Refused.class)
  ResponseEntity<ProblemDetail> refused(PlaybookDrafts.Refused e, Locale locale) {
    FieldError error = e.errors().get(0);
    String reason = messages.getMessage("studio.editor.refused." + e.code, e.arguments, error.reason(), locale);
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ApiExceptionHandler.invalid(List.of(new FieldError(error.field(), reason))));
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ApiExceptionHandler.invalid(e.errors()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(ApiExceptionHandler.NOT_FOUND);
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
