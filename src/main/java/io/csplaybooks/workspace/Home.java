package io.csplaybooks.workspace;

import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where a person lands: a CS manager on the portfolio, a CSM on their book, everyone else in their inbox. */
@Controller
class Home {

  static final String TASKLIST = "/camunda/app/tasklist/default/";

  @GetMapping("/")
  @Page(Audience.EVERYONE)
  String home(WorkspaceUser me) {
    return "redirect:" + landing(me);
  }

  static String landing(WorkspaceUser me) {
    if (me.isManager()) {
      return "/portfolio";
    }
    if (me.isCsm()) {
      return "/my-book";
    }
    return "/inbox";
  }

  /** A page of this application to go on to after the login: a path on this host, never another site. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
        || next.chars().anyMatch(c -> c < 0x20) || next.startsWith("/login") || next.length() > 500) {
      return "/";
    }
    return next;
  }
}
