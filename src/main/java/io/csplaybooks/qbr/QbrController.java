package io.csplaybooks.qbr;

import io.csplaybooks.notify.MailMessages;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The QBR packs of an account, as JSON or as a page to read before the meeting. */
@RestController
class QbrController {

  private final QbrPacks packs;
  private final QbrRepository qbrs;
  private final MailMessages texts;

  public QbrController(QbrPacks packs, QbrRepository qbrs, MailMessages texts) {
    this.packs = packs;
    this.qbrs = qbrs;
    this.texts = texts;
  }

  @GetMapping("/api/accounts/{accountId}/qbr")
  @Operation(operationId = "qbrRounds", summary = "The account's QBR rounds")
  public List<QbrHistory.PackRow> rounds(@PathVariable long accountId) {
    return qbrs.packs(accountId);
  }

  @GetMapping(path = "/api/accounts/{accountId}/qbr/{round}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "qbrPack", summary = "A round's QBR pack")
  public QbrPack pack(@PathVariable long accountId, @PathVariable int round) {
    return packs.find(accountId, round);
  }

  /** The same pack for Accept: text/html: one operation in the contract with {@link #pack}, and the same name. */
  @GetMapping(path = "/api/accounts/{accountId}/qbr/{round}", produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "qbrPack", summary = "A round's QBR pack")
  public String pageByAccept(@PathVariable long accountId, @PathVariable int round) {
    return page(accountId, round);
  }

  @GetMapping(path = "/api/accounts/{accountId}/qbr/{round}.html", produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "qbrPackPage", summary = "A round's QBR pack as a page")
  public String page(@PathVariable long accountId, @PathVariable int round) {
    return QbrPackText.html(packs.find(accountId, round), texts);
  }
}
