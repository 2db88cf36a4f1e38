package io.csplaybooks.workspace;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import io.csplaybooks.transfer.BookTransfers;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A CS manager moves a CSM's book (all of it, or the accounts chosen) to another CSM with a
 * handover note ({@link BookTransfers}): from that CSM's book page. The form carries the transfer's
 * id, so sending it twice (a double click, a reload) moves the accounts once.
 */
@Controller
class BookTransferPage {

  private final BookTransfers transfers;
  private final WorkspaceQueries queries;
  private final People people;

  BookTransferPage(BookTransfers transfers, WorkspaceQueries queries, People people) {
    this.transfers = transfers;
    this.queries = queries;
    this.people = people;
  }

  @GetMapping("/book-transfer")
  @Page(Audience.MANAGERS)
  String form(@RequestParam(required = false) String from, Model model) {
    if (from == null || from.isBlank()) {
      throw new InvalidInputException("from", "is required: whose book moves");
    }
    String csm = io.csplaybooks.metrics.PortfolioFilter.of(null, null, from.trim()).csm();
    model.addAttribute("from", csm);
    model.addAttribute("fromName", people.find(csm).map(Person::displayName).orElse(csm));
    model.addAttribute("accounts", queries.book(csm, BookPage.SHOWN));
    model.addAttribute("bookSize", queries.bookSize(csm));
    model.addAttribute("csms", people.membersOf(Groups.CS).stream().filter(p -> !p.id().equals(csm))
        .sorted(Comparator.comparing(Person::displayName)).toList());
    model.addAttribute("transferId", UUID.randomUUID().toString());
    return "workspace/book-transfer";
  }

  @PostMapping("/book-transfer")
  @Page(Audience.MANAGERS)
  String transfer(@RequestParam(required = false) String transferId, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String scope,
      @RequestParam(name = "account", required = false) List<String> selected,
      @RequestParam(required = false) String note, WorkspaceUser me, RedirectAttributes flash) {
    List<Long> accountIds = null;
    switch (scope == null ? "" : scope) {
      case "all" -> { }
      case "selected" -> {
        if (selected == null || selected.isEmpty()) {
          throw new InvalidInputException("account", "choose at least one account, or the whole book");
        }
        accountIds = new ArrayList<>();
        for (String id : selected) {
          try {
            accountIds.add(Long.parseLong(id.trim()));
          } catch (NumberFormatException e) {
            throw new InvalidInputException("account", "is not an account's id: " + id);
          }
        }
      }
      default -> throw new InvalidInputException("scope", "must be all or selected");
    }
    BookTransfers.Result result = transfers.transfer(new BookTransfers.Request(transferId, from, to, accountIds, note),
        me.id(), me.groups());
    flash.addFlashAttribute("transferred", result.accounts().size());
    flash.addFlashAttribute("transferredFrom", people.find(result.from()).map(Person::displayName).orElse(result.from()));
    return "redirect:" + UriComponentsBuilder.fromPath("/my-book").queryParam("csm", result.to()).encode().build()
        .toUriString();
  }
}
