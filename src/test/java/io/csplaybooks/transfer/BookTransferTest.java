package io.csplaybooks.transfer;

import static io.csplaybooks.handoff.HandoffApiTestData.deal;
import static io.csplaybooks.handoff.HandoffApiTestData.newContractId;
import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.renewal.RenewalVariables;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Book transfer on PostgreSQL: a CS manager moves accounts from one CSM to another with a handover
 * note, through the API and the workspace: the account's CSM, the old CSM's open tasks and the
 * renewals they owned follow, the timeline tells it with the note, a retry changes nothing, a bad
 * request changes nothing, and only CS managers may.
 */
class BookTransferTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired Accounts accounts;
  @Autowired JdbcClient jdbc;

  /** A mid-market customer (its renewal is the CSM's) handed off, its kickoff waiting with the CSM. */
  private record Handed(long accountId, Task kickoff) {}

  private Handed handedOff(String csm) {
    Map<String, Object> deal = deal(newContractId());
    deal.put("account", Map.of("name", "Transfer Co " + deal.get("contractId"), "segment", "mid-market",
        "region", "EMEA"));
    Map<?, ?> created = handOff(deal);
    long accountId = ((Number) created.get("accountId")).longValue();
    Task kickoff = kickoffWaiting(created);
    runPlaybooksOf(accountId);
    // This test's CSM holds the account, its kickoff and its renewal (the renewal started before the
    // handoff chose a CSM, so it has no owner yet).
    accounts.assignCsm(accountId, csm);
    tasks.setAssignee(kickoff.getId(), csm);
    jdbc.sql("update renewal set owner_id = :csm where account_id = :a and owner_role = 'csm'")
        .param("csm", csm).param("a", accountId).update();
    runtime.setVariable(renewal(accountId).getId(), RenewalVariables.RENEWAL_OWNER, csm);
    return new Handed(accountId, tasks.createTaskQuery().taskId(kickoff.getId()).singleResult());
  }

  private ProcessInstance renewal(long accountId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("renewal")
        .processInstanceBusinessKey(String.valueOf(accountId)).singleResult();
  }

  private String csmOf(long accountId) {
    return accounts.findById(accountId).orElseThrow().csmId();
  }

  private String renewalOwner(long accountId) {
    return jdbc.sql("select owner_id from renewal where account_id = :a and outcome is null")
        .param("a", accountId).query(String.class).single();
  }

  private ResponseEntity<Map> transfer(String user, Map<String, Object> body) {
    return as(user).postForEntity("/api/book-transfers", body, Map.class);
  }

  @Test
  void selectedAccountsMoveWithTheirTasksAndRenewalsOnceAndTheTimelineKeepsTheNote() {
    person("tina", "Tina", "Test", "cs");
    person("olga", "Olga", "Test", "cs");
    Handed moving = handedOff("olga");
    Handed staying = handedOff("olga");
    ProcessInstance renewal = renewal(moving.accountId());
    assertThat(renewalOwner(moving.accountId())).isEqualTo("olga");

    String transferId = UUID.randomUUID().toString();
    Map<String, Object> body = new HashMap<>(Map.of("transferId", transferId, "from", "olga", "to", "tina",
        "accountIds", List.of(moving.accountId()), "note", "Champion prefers calls on Tuesdays; renewal talks start in May."));

    assertThat(transfer("carl", body).getStatusCode()).as("a CSM may not").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(csmOf(moving.accountId())).isEqualTo("olga");

    ResponseEntity<Map> moved = transfer("mia", body);
    assertThat(moved.getStatusCode()).as(String.valueOf(moved.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(moved.getBody()).containsEntry("transferId", transferId).containsEntry("tasks", 1)
        .containsEntry("renewals", 1);
    assertThat((List<Number>) moved.getBody().get("accounts")).extracting(Number::longValue)
        .containsExactly(moving.accountId());

    assertThat(csmOf(moving.accountId())).isEqualTo("tina");
    assertThat(csmOf(staying.accountId())).as("not selected").isEqualTo("olga");
    assertThat(tasks.createTaskQuery().taskId(moving.kickoff().getId()).singleResult().getAssignee()).isEqualTo("tina");
    assertThat(tasks.createTaskQuery().taskId(staying.kickoff().getId()).singleResult().getAssignee()).isEqualTo("olga");
    assertThat(renewalOwner(moving.accountId())).isEqualTo("tina");
    assertThat(runtime.getVariable(renewal.getId(), RenewalVariables.RENEWAL_OWNER))
        .as("the renewal's next checkpoints go to the new CSM").isEqualTo("tina");
    assertThat(renewalOwner(staying.accountId())).isEqualTo("olga");

    List<Map<String, Object>> timeline = as("mia").getForObject("/api/accounts/" + moving.accountId() + "/timeline",
        List.class);
    assertThat(timeline).filteredOn(e -> "csm".equals(e.get("kind"))).singleElement()
        .satisfies(e -> assertThat(e.get("summary")).asString().contains("olga", "tina", "Tuesdays"))
        .satisfies(e -> assertThat(e.get("by")).isEqualTo("mia"));
    String page = loggedIn("mia").get("/accounts/" + moving.accountId()).body();
    assertThat(page).contains("Moved from CSM olga to tina", "Champion prefers calls on Tuesdays");

    ResponseEntity<Map> again = transfer("mia", body);
    assertThat(again.getStatusCode()).as("the same transfer again").isEqualTo(HttpStatus.OK);
    assertThat((List<Number>) again.getBody().get("accounts")).extracting(Number::longValue)
        .containsExactly(moving.accountId());
    assertThat(again.getBody()).containsEntry("tasks", 0).containsEntry("renewals", 0);
    assertThat(jdbc.sql("select count(*) from csm_move where account_id = :a").param("a", moving.accountId())
        .query(Long.class).single()).isEqualTo(1L);
  }

  @Test
  void aBadTransferIsA400NamingEachFieldAndMovesNothing() {
    person("ugo", "Ugo", "Test", "cs");
    Handed account = handedOff("ugo");
    Handed someoneElses = handedOff("cleo");

    ResponseEntity<Map> empty = transfer("mia", Map.of());
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) empty.getBody().get("errors")).extracting(e -> e.get("field"))
        .contains("from", "to", "note");

    ResponseEntity<Map> notACsm = transfer("mia", Map.of("from", "ugo", "to", "ed", "note", "n"));
    assertThat((List<Map<String, String>>) notACsm.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactly("to");
    ResponseEntity<Map> toThemselves = transfer("mia", Map.of("from", "ugo", "to", "ugo", "note", "n"));
    assertThat(toThemselves.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<Map> notTheirs = transfer("mia", Map.of("from", "ugo", "to", "carl", "note", "n",
        "accountIds", List.of(account.accountId(), someoneElses.accountId())));
    assertThat(notTheirs.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) notTheirs.getBody().get("errors")).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("field", "accountIds"))
        .satisfies(e -> assertThat(e.get("reason")).contains(String.valueOf(someoneElses.accountId())));
    ResponseEntity<Map> nothing = transfer("mia", Map.of("from", "nobody-at-all", "to", "carl", "note", "n"));
    assertThat((List<Map<String, String>>) nothing.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactly("from");

    assertThat(csmOf(account.accountId())).isEqualTo("ugo");
    assertThat(tasks.createTaskQuery().taskId(account.kickoff().getId()).singleResult().getAssignee()).isEqualTo("ugo");
    assertThat(jdbc.sql("select count(*) from csm_move where account_id = :a").param("a", account.accountId())
        .query(Long.class).single()).isZero();
  }

  @Test
  void aCsManagerMovesAWholeBookFromTheBookPageOnceWhateverTheClicks() {
    person("vera", "Vera", "Test", "cs");
    person("walt", "Walt", "Test", "cs");
    Handed first = handedOff("vera");
    Handed second = handedOff("vera");

    WorkspaceClient mia = loggedIn("mia");
    assertThat(mia.get("/my-book?csm=vera").body()).contains("href=\"/book-transfer?from=vera\"");
    String form = mia.get("/book-transfer?from=vera").body();
    assertThat(form).contains("data-account=\"" + first.accountId() + "\"", "value=\"walt\"");
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("name=\"transferId\" value=\"([^\"]+)\"").matcher(form);
    assertThat(id.find()).as("the form carries its transfer's id").isTrue();
    String transferId = id.group(1);
    Map<String, String> fields = Map.of("_csrf", WorkspaceClient.csrf(form), "transferId", transferId, "from", "vera",
        "to", "walt", "scope", "all", "note", "Vera moves to the enterprise pod; Walt takes the mid-market book.");

    assertThat(loggedIn("carl").get("/book-transfer?from=vera").statusCode()).as("a CSM").isEqualTo(403);
    HttpResponse<String> noToken = mia.post("/book-transfer", Map.of("transferId", transferId, "from", "vera",
        "to", "walt", "scope", "all", "note", "x"));
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(csmOf(first.accountId())).isEqualTo("vera");

    HttpResponse<String> moved = mia.post("/book-transfer", fields);
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(302);
    assertThat(moved.headers().firstValue("Location").orElseThrow()).endsWith("/my-book?csm=walt");
    assertThat(mia.get("/my-book?csm=walt").body()).contains("2 accounts moved here from Vera Test",
        "data-account=\"" + first.accountId() + "\"", "data-account=\"" + second.accountId() + "\"");
    HttpResponse<String> doubleClick = mia.post("/book-transfer", fields);
    assertThat(doubleClick.statusCode()).as("the same form again").isEqualTo(302);

    assertThat(csmOf(first.accountId())).isEqualTo("walt");
    assertThat(csmOf(second.accountId())).isEqualTo("walt");
    assertThat(tasks.createTaskQuery().taskAssignee("walt").list()).extracting(Task::getId)
        .contains(first.kickoff().getId(), second.kickoff().getId());
    assertThat(tasks.createTaskQuery().taskAssignee("vera").count()).isZero();
    assertThat(loggedIn("walt").get("/inbox").body()).contains("data-task=\"" + first.kickoff().getId() + "\"");
    assertThat(jdbc.sql("select count(*) from csm_move where transfer_id = :t").param("t", transferId)
        .query(Long.class).single()).isEqualTo(2L);

    HttpResponse<String> noNote = mia.post("/book-transfer", Map.of("_csrf", mia.csrfOf("/book-transfer?from=walt"),
        "transferId", UUID.randomUUID().toString(), "from", "walt", "to", "vera", "scope", "all", "note", " "));
    assertThat(noNote.statusCode()).isEqualTo(400);
    assertThat(noNote.body()).contains("note");
    assertThat(csmOf(first.accountId())).isEqualTo("walt");
  }

  private WorkspaceClient loggedIn(String user) {
    WorkspaceClient client = new WorkspaceClient(port);
    assertThat(client.login(user, PASSWORD).statusCode()).as("login of " + user).isEqualTo(302);
    return client;
  }
}
