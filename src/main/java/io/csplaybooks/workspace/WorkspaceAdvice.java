package io.csplaybooks.workspace;

import io.csplaybooks.common.ConflictException;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.sandbox.PlaybookValidationPlugin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * What every page has (the person, the form token) and what a page shows when it cannot be shown:
 * a page in the person's language with the reason, never the API's JSON.
 */
@ControllerAdvice(basePackages = "io.csplaybooks.workspace", annotations = WorkspacePages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkspaceAdvice {

  private final WorkspaceSession session;

  WorkspaceAdvice(WorkspaceSession session) {
    this.session = session;
  }

  @ModelAttribute
  void common(HttpServletRequest request, Model model) {
    Object me = request.getAttribute(WorkspaceInterceptor.USER);
    if (me != null) {
      model.addAttribute("me", me);
      model.addAttribute("csrf", session.csrfToken(request));
      model.addAttribute("tasklist", Home.TASKLIST);
      model.addAttribute("here", request.getRequestURI());
    }
  }

  @ExceptionHandler(WorkspaceInterceptor.PageRefused.class)
  String refused(WorkspaceInterceptor.PageRefused e, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    return problem(request, response, model, HttpServletResponse.SC_FORBIDDEN, e.message, null);
  }

  @ExceptionHandler(NotFoundException.class)
  String notFound(NotFoundException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    return problem(request, response, model, HttpServletResponse.SC_NOT_FOUND, "workspace.not-found", e.getMessage());
  }

  @ExceptionHandler(InvalidInputException.class)
  String invalid(InvalidInputException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    return problem(request, response, model, HttpServletResponse.SC_BAD_REQUEST, "workspace.invalid", e.getMessage());
  }

  /** Something that cannot be done now (a second save play, a QBR already being prepared): nothing changed. */
  @ExceptionHandler(ConflictException.class)
  String conflict(ConflictException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    return problem(request, response, model, HttpServletResponse.SC_CONFLICT, "workspace.conflict", e.getMessage());
  }

  /** Files far over the studio's limits are refused before they are read. */
  @ExceptionHandler(MaxUploadSizeExceededException.class)
  String tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    return problem(request, response, model, HttpServletResponse.SC_BAD_REQUEST, "workspace.invalid",
        "files: at most " + PlaybookValidationPlugin.MAX_FILE_BYTES / 1024 + " KB a file and "
            + PlaybookValidationPlugin.MAX_TOTAL_BYTES / (1024 * 1024) + " MB in all");
  }

  private String problem(HttpServletRequest request, HttpServletResponse response, Model model, int status,
      String message, String detail) {
    common(request, model);
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("message", message);
    model.addAttribute("detail", detail);
    return "workspace/problem";
  }
}
