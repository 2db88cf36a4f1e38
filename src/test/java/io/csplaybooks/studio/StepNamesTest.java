package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Steps as people read them: names, never the engine's ids or a name's expression, in English and Korean. */
class StepNamesTest {

  static BpmnModelInstance model(String file) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("bpmn", file))) {
      return Bpmn.readModelFromStream(in);
    }
  }

  static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames("i18n/messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  @Test
  void aNameWithAnExpressionReadsWithoutIt() throws IOException {
    assertThat(StepNames.readable("Set up ${setupItem}")).isEqualTo("Set up …");
    assertThat(StepNames.readable("  Call #{sponsor}\n now ")).isEqualTo("Call … now");
    assertThat(StepNames.readable(" ")).isNull();
    assertThat(StepNames.of(model("expansion-handoff.bpmn"), "setUpNewRequirement", messages(), Locale.ENGLISH))
        .isEqualTo("Set up …");
  }

  @Test
  void aMultiInstanceBodyIsItsStepEachTime() throws IOException {
    BpmnModelInstance renewal = model("renewal.bpmn");
    assertThat(StepNames.of(renewal, "forecastCheckpoints#multiInstanceBody", messages(), Locale.ENGLISH))
        .isEqualTo("Forecast checkpoint (each)");
    assertThat(StepNames.of(renewal, "forecastCheckpoints#multiInstanceBody", messages(), Locale.KOREAN))
        .isEqualTo("Forecast checkpoint (각각)");
    assertThat(StepNames.of(renewal, "decideRenewalOwner", messages(), Locale.ENGLISH)).isEqualTo("Decide renewal owner");
    // An element without a name: its id is the only word its author gave it.
    assertThat(StepNames.of(renewal, "mergeRiskGw", messages(), Locale.ENGLISH)).isEqualTo("mergeRiskGw");
  }
}
