package io.csplaybooks.workspace;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Who may open which page, once Spring Security let a signed-in person through (and checked the
 * form's token of every POST, WorkspaceSecurity): a page names its audience and admits them (else
 * 403); a page without an audience is for administrators. Pages are never cached and never framed.
 */
class WorkspaceInterceptor implements HandlerInterceptor {

  static final String USER = WorkspaceUser.class.getName();

  private final WorkspaceSession session;
  private final WorkspaceHeaders headers;

  WorkspaceInterceptor(WorkspaceSession session, WorkspaceHeaders headers) {
    this.session = session;
    this.headers = headers;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
    if (!(handler instanceof HandlerMethod method) || !isPage(method)) {
      return true;
    }
    headers.apply(response, method.hasMethodAnnotation(DrawsDiagrams.class));
    if (method.getBeanType() == LoginPage.class) {
      return true;
    }
    Optional<WorkspaceUser> user = session.current(request);
    if (user.isEmpty()) {
      // Spring Security lets nobody through to a page; a person deleted this very moment is refused.
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return false;
    }
    // Known before the page is refused: the refusal shows who is signed in, and their logout.
    request.setAttribute(USER, user.get());
    WorkspaceAccess.Page page = method.getMethodAnnotation(WorkspaceAccess.Page.class);
    boolean admitted = page == null ? user.get().isAdministrator() : page.value().admits(user.get());
    if (!admitted) {
      throw new PageRefused("workspace.forbidden");
    }
    if (request instanceof MultipartHttpServletRequest upload) {
      // Uploaded files are read only for a person the page admits (spring.servlet.multipart.resolve-lazily);
      // files over the limits fail here, and WorkspaceAdvice answers with the page's 400.
      upload.getMultiFileMap();
    }
    return true;
  }

  /** A workspace page (its package's, or a {@link WorkspacePages} controller's): behind this door wherever it is mapped. */
  static boolean isPage(HandlerMethod method) {
    return method.getBeanType().getPackageName().equals(WorkspaceInterceptor.class.getPackageName())
        || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), WorkspacePages.class);
  }

  /** A page this person may not open: a 403 page. */
  static class PageRefused extends RuntimeException {
    final String message;

    PageRefused(String message) {
      super(message);
      this.message = message;
    }
  }
}
