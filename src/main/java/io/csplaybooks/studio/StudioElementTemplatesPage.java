package io.csplaybooks.studio;

import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import io.csplaybooks.workspace.WorkspacePages;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The CS managers' palette as Camunda Modeler's element templates ({@link ElementTemplates}): the
 * studio's editor loads it, and a CS manager may save it into the desktop Modeler's
 * {@code resources/element-templates} folder. It holds the events declared now, which the committed
 * {@code .camunda/element-templates/cs-playbooks.json} cannot, in the person's language.
 */
@Controller
@WorkspacePages
class StudioElementTemplatesPage {

  private final ElementTemplates templates;

  StudioElementTemplatesPage(ElementTemplates templates) {
    this.templates = templates;
  }

  @GetMapping("/studio/element-templates.json")
  @Page(Audience.MANAGERS)
  ResponseEntity<byte[]> templates(Locale locale) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename("cs-playbooks.json").build().toString())
        .body(ElementTemplates.write(templates.served(locale)).getBytes(StandardCharsets.UTF_8));
  }
}
