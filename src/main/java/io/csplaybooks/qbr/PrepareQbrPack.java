package io.csplaybooks.qbr;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookStep;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Prepare QBR pack": the round's pack from the account's data, stored for the API and the summary mail. */
@PlaybookStep(value = "prepareQbrPack",
    name = "Prepare QBR pack",
    description = "QBR cycle: the round's pack from the account's data, for the CSM's page and the summary mail.")
class PrepareQbrPack implements JavaDelegate {

  private final QbrPacks packs;

  public PrepareQbrPack(QbrPacks packs) {
    this.packs = packs;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date qbrDate = (Date) execution.getVariable(QbrVariables.QBR_DATE);
    packs.prepare(AccountId.from(execution).value(), QbrVariables.round(execution),
        qbrDate.toInstant().atZone(ZoneId.systemDefault()).toLocalDate());
  }
}
