package io.csplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/architecture.md's table of events says what PlaybookEvent declares, no more and no less. */
class ArchitectureDocTest {

  @Test
  void theEventTableIsTheDeclaredEvents() throws IOException {
    List<String> documented = Files.readAllLines(Path.of("docs/architecture.md")).stream()
        .filter(line -> line.startsWith("| `"))
        .map(line -> line.replace("`", ""))
        .toList();

    List<String> declared = Arrays.stream(PlaybookEvent.values())
        .map(event -> "| " + event.message() + " | " + event.sentBy() + " | " + String.join(", ", event.heardBy()) + " |")
        .toList();
    assertThat(documented).containsExactlyElementsOf(declared);
  }
}
