package io.csplaybooks.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.CsPlaybooksApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The application's modules as Spring Modulith sees them (one per top-level package; package-info
 * declares the shared ones and what a module may use): verified, and documented in docs/modules,
 * which must be what the code generates (line for line, in any order: the generator's order of
 * relations changes from run to run). After a change of the modules, regenerate the documents with
 * {@code mvn -B test -Dtest=ModulesTest -Dcsp.modules.write=true} and commit them.
 */
class ModulesTest {

  static final ApplicationModules MODULES = ApplicationModules.of(CsPlaybooksApplication.class);
  static final Path DOCS = Path.of("docs", "modules");

  @Test
  void theModulesKeepTheirRules() {
    MODULES.verify();
  }

  @Test
  void docsModulesIsWhatTheCodeGenerates() throws IOException {
    Path generated = Path.of("target", "modules");
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml();
    if (Boolean.getBoolean("csp.modules.write")) {
      copy(generated, DOCS);
    }
    assertThat(files(DOCS)).as("docs/modules (regenerate: see ModulesTest)").isEqualTo(files(generated));
  }

  private static Map<String, String> files(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> all = Files.list(folder)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        // Modulith writes a diagram's relations in no fixed order: the lines are compared sorted.
        files.put(file.getFileName().toString(), Files.readAllLines(file).stream().sorted()
            .collect(Collectors.joining("\n")));
      }
    }
    return files;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> old = Files.list(to)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    try (Stream<Path> all = Files.list(from)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }
}
