package io.csplaybooks.renewal;

import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.playbook.PlaybookEvents;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.csplaybooks.playbook.PlaybookStep;

/**
 * "Close churned account": the account is churned, an open save play ends as churned, the
 * account's other playbooks end, and "AccountChurned" is announced.
 */
@PlaybookStep("closeChurnedAccount")
public class CloseChurnedAccount implements JavaDelegate {

  private final AccountRepository accounts;
  private final RuntimeService runtime;
  private final JdbcClient jdbc;
  private final PlaybookEvents events;

  public CloseChurnedAccount(AccountRepository accounts, RuntimeService runtime, JdbcClient jdbc, PlaybookEvents events) {
    this.accounts = accounts;
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long accountId = ((Number) execution.getVariable("accountId")).longValue();
    String reason = jdbc.sql("select churn_reason from renewal where id = :id")
        .param("id", ((Number) execution.getVariable("renewalId")).longValue()).query(String.class).single();
    accounts.recordChurn(accountId, LocalDate.now(), reason);
    jdbc.sql("""
            update intervention set outcome = 'churned', ended_at = current_timestamp
            where id in (select intervention_id from open_intervention where account_id = :a)""")
        .param("a", accountId).update();
    jdbc.sql("delete from open_intervention where account_id = :a").param("a", accountId).update();
    List<String> others = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(accountId))
        .list().stream().map(p -> p.getId()).filter(id -> !id.equals(execution.getProcessInstanceId())).toList();
    if (!others.isEmpty()) {
      runtime.deleteProcessInstances(others, "account churned", false, true);
    }
    events.publish(PlaybookEvent.ACCOUNT_CHURNED, new AccountId(accountId), Map.of("churnReason", reason));
  }
}
