package io.csplaybooks.qbr;

import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import io.csplaybooks.playbook.PlaybookStep;

/** "Prepare QBR pack": the round's pack from the account's data, stored for the API and the summary mail. */
@PlaybookStep("prepareQbrPack")
public class PrepareQbrPack implements JavaDelegate {

  private final QbrPacks packs;

  public PrepareQbrPack(QbrPacks packs) {
    this.packs = packs;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date qbrDate = (Date) execution.getVariable(QbrVariables.QBR_DATE);
    packs.prepare(QbrVariables.accountId(execution), QbrVariables.round(execution),
        qbrDate.toInstant().atZone(ZoneId.systemDefault()).toLocalDate());
  }
}
