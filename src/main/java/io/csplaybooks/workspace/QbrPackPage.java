package io.csplaybooks.workspace;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.qbr.QbrPack;
import io.csplaybooks.qbr.QbrPackText;
import io.csplaybooks.qbr.QbrPacks;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A round's QBR pack to read before the meeting, as the API's {@code /api/accounts/{id}/qbr/{round}.html}
 * has it, inside the workspace and in the person's language. The pack holds the customer's words
 * (names, KPIs, challenges): the template prints them as text, never as markup.
 */
@Controller
class QbrPackPage {

  private final Accounts accounts;
  private final QbrPacks packs;

  QbrPackPage(Accounts accounts, QbrPacks packs) {
    this.accounts = accounts;
    this.packs = packs;
  }

  /** The same readers as the API's pack ({@code GET /api/accounts/{accountId}/qbr/{round}}). */
  @GetMapping("/accounts/{id}/qbr/{round}")
  @Page(Audience.ACCOUNT_READERS)
  String pack(@PathVariable long id, @PathVariable int round, Model model) {
    accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
    QbrPack pack = packs.find(id, round);
    model.addAttribute("pack", pack);
    model.addAttribute("kpis", pack.kpis().stream().map(k -> new KpiRow(k.name(), QbrPackText.figure(k.baseline(), k.unit()),
        QbrPackText.figure(k.current(), k.unit()), QbrPackText.figure(k.target(), k.unit()), k.dueDate(), k.progressPercent())).toList());
    model.addAttribute("risks", pack.openRisks().stream().map(r -> new RiskRow(r.kind(),
        "pack.risk." + (r.kind() == null ? "" : r.kind().trim().replace(' ', '-')), r.description(),
        r.since() == null ? null : LocalDate.ofInstant(r.since(), ZoneId.systemDefault()))).toList());
    model.addAttribute("preparedAt", LocalDateTime.ofInstant(pack.preparedAt(), ZoneId.systemDefault()));
    model.addAttribute("usageAsOf", pack.usage() == null || pack.usage().asOf() == null ? null
        : LocalDate.ofInstant(pack.usage().asOf(), ZoneId.systemDefault()));
    return "workspace/qbr-pack";
  }

  /** A KPI of the pack as the page shows it. */
  record KpiRow(String name, String baseline, String current, String target, LocalDate due, Integer progress) {}

  /** An open risk as the page shows it: its kind in the page's words where there are some ({@code kindKey}). */
  record RiskRow(String kind, String kindKey, String description, LocalDate since) {}
}
