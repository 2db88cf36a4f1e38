package io.csplaybooks.intervention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.spin.Spin.JSON;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.Validation;
import io.csplaybooks.onboarding.SuccessPlan;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The action plan's rows, and the lines of the form of an earlier playbook version. */
class CorrectiveActionsTest {

  final Validation v = new Validation();
  final SuccessPlan.Milestone officeHours = new SuccessPlan.Milestone("Weekly office hours", "cs",
      LocalDate.parse("2027-01-15"), "open");

  @Test
  void rowsAndLinesGiveTheSameOpenMilestones() {
    assertThat(CorrectiveActions.parse(JSON("[{\"action\":\"Weekly office hours\",\"ownerTeam\":\"cs\","
        + "\"dueDate\":\"2027-01-15\"}]"), v)).containsExactly(officeHours);
    assertThat(CorrectiveActions.parse("Weekly office hours | cs | 2027-01-15\n\n", v)).containsExactly(officeHours);
    assertThat(v.errors()).isEmpty();
  }

  @Test
  void eachRefusalNamesItsRowOrLine() {
    CorrectiveActions.parse(JSON("[{\"action\":\"Call the sponsor\",\"dueDate\":\"2027-01-15\"}]"), v);
    CorrectiveActions.parse("Call the sponsor | cs\nTrain admins | cs | soon", v);
    CorrectiveActions.parse(null, v);

    assertThat(v.errors()).containsExactly(
        new FieldError("correctiveActions[0].ownerTeam", "is required"),
        new FieldError("correctiveActions", "line 1: needs action | owner team | YYYY-MM-DD"),
        new FieldError("correctiveActions", "line 2: 'soon' is not a date (YYYY-MM-DD)"));
    assertThat(CorrectiveActions.parse(JSON("[]"), new Validation())).isEmpty();
    Validation none = new Validation();
    CorrectiveActions.parse(null, none);
    assertThat(none.errors()).containsExactly(
        new FieldError("correctiveActions", "agree at least one action with the customer"));
  }
}
