package io.csplaybooks.transfer;

import io.csplaybooks.security.ApiUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/book-transfers}: a CS manager moves accounts (a CSM's whole book when no
 * {@code accountIds} are given) to another CSM with a handover note. Send a {@code transferId} of
 * your own to make a retry safe: the same transfer again moves nothing more and answers the same
 * accounts.
 */
@RestController
@RequestMapping("/api/book-transfers")
class BookTransferController {

  private final BookTransfers transfers;

  BookTransferController(BookTransfers transfers) {
    this.transfers = transfers;
  }

  @PostMapping
  @Operation(operationId = "transferBook", summary = "Move accounts from one CSM to another with a handover note")
  public BookTransfers.Result transfer(@RequestBody BookTransfers.Request request) {
    ApiUser user = ApiUser.current();
    return transfers.transfer(request, user.id(), List.copyOf(user.groups()));
  }
}
