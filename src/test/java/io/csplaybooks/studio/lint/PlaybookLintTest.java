package io.csplaybooks.studio.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.csplaybooks.sandbox.PlaybookProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Modeler lint rules in Java find what bpmnlint finds: nothing in bpmn/, and on each fixture in
 * src/test/resources/lint/ (one per rule, each breaking that rule) the same rules at the same elements.
 * Where CI has run {@code npm ci} in .ci/lint, the real bpmnlint checks the fixtures too, so the port cannot
 * drift from Modeler's rules.
 */
class PlaybookLintTest {

  static final Path PLAYBOOKS = Path.of("bpmn");
  static final Path FIXTURES = Path.of("src/test/resources/lint");
  static final Path LINT = Path.of(".ci/lint");

  /**
   * Each fixture and what it must find, as "rule elementId". Where breaking a rule cannot help breaking
   * another (a task with no flows is also an implicit start and end), the other finding is listed too.
   */
  static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
      fixture("ad-hoc-sub-process", "ad-hoc-sub-process adHocStart", "ad-hoc-sub-process adHocEnd"),
      fixture("conditional-flows", "conditional-flows flowNo"),
      fixture("end-event-required", "end-event-required p", "no-implicit-end holdKickoff"),
      fixture("event-based-gateway", "event-based-gateway flowAnswer", "conditional-flows flowTimer"),
      fixture("event-based-gateway-single", "event-based-gateway waitForAnswer", "superfluous-gateway waitForAnswer"),
      fixture("event-sub-process-typed-start-event", "event-sub-process-typed-start-event churnStart"),
      fixture("fake-join", "fake-join holdKickoff"),
      fixture("global", "global unusedError", "global blankMessage", "global signalA", "global signalB"),
      fixture("label-required", "label-required decide", "label-required unnamedTask", "label-required flowUnnamed",
          "label-required endB"),
      fixture("link-event", "link-event throwUnnamed", "link-event catchUnnamed", "link-event throwToReview",
          "link-event catchAgain1", "link-event catchAgain2", "link-event throwNowhere1", "link-event throwNowhere2",
          "link-event catchOrphan"),
      fixture("no-bpmndi", "no-bpmndi holdKickoff", "no-bpmndi f2"),
      fixture("no-complex-gateway", "no-complex-gateway decide"),
      fixture("no-disconnected", "no-disconnected lonelyTask", "no-implicit-start lonelyTask",
          "no-implicit-end lonelyTask"),
      fixture("no-duplicate-sequence-flows", "no-duplicate-sequence-flows directAgain",
          "no-duplicate-sequence-flows split", "no-duplicate-sequence-flows join"),
      fixture("no-gateway-join-fork", "no-gateway-join-fork joinAndSplit"),
      fixture("no-implicit-split", "no-implicit-split holdKickoff"),
      fixture("no-implicit-end", "no-implicit-end chaseSales"),
      fixture("no-implicit-start", "no-implicit-start orphanTask"),
      fixture("no-overlapping-elements", "no-overlapping-elements holdKickoff", "no-overlapping-elements sendWelcome"),
      fixture("no-overlapping-elements-outside", "no-overlapping-elements holdKickoff"),
      fixture("single-blank-start-event", "single-blank-start-event p"),
      fixture("single-event-definition", "single-event-definition answerOrTimeout"),
      fixture("start-event-required", "start-event-required p", "no-implicit-start holdKickoff"),
      fixture("sub-process-blank-start-event", "sub-process-blank-start-event timerStart"),
      fixture("superfluous-gateway", "superfluous-gateway pointless"),
      fixture("superfluous-label", "superfluous-label labelled"),
      fixture("superfluous-termination", "superfluous-termination end"),
      fixture("history-time-to-live", "history-time-to-live p"),
      // What the rules make exceptions for: pools and lanes, a boundary timer on its task, a compensation
      // pair, a link pair, an event sub-process, a non-executable process without a time to live.
      fixture("exceptions"),
      // A listed flow that does not exist is left out, as bpmn-moddle leaves it: the end event has no flow in.
      fixture("dangling-reference", "no-disconnected end", "no-implicit-start end"));

  private static Map.Entry<String, Set<String>> fixture(String name, String... findings) {
    return Map.entry(name, Set.of(findings));
  }

  @Test
  void thePlaybooksLintClean() throws IOException {
    Map<String, List<PlaybookProblem>> problems = new TreeMap<>();
    for (Path file : files(PLAYBOOKS)) {
      problems.put(file.getFileName().toString(), PlaybookLint.lint(file.toString(), read(file)));
    }
    assertThat(problems).containsKeys("sales-handoff.bpmn", "onboarding.bpmn", "churn-intervention.bpmn");
    assertThat(problems).allSatisfy((file, found) -> assertThat(found).as(file).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureNames")
  void eachFixtureBreaksItsRule(String name) {
    Path file = FIXTURES.resolve(name + ".bpmn");
    List<PlaybookProblem> problems = PlaybookLint.lint(name + ".bpmn", read(file));

    assertThat(findings(problems)).as(name).isEqualTo(EXPECTED.get(name));
    assertThat(problems).allSatisfy(problem -> {
      assertThat(problem.resource()).isEqualTo(name + ".bpmn");
      assertThat(problem.message())
          .matches("[A-Z][a-z ]+ ('[^']+' )?\\(" + Pattern.quote(problem.elementId()) + "\\) [a-z].*")
          .endsWith(" (Modeler lint rule " + PlaybookLint.ruleOf(problem) + ")");
      assertThat(PlaybookLint.RULES).contains(PlaybookLint.ruleOf(problem));
    });
  }

  static Stream<String> fixtureNames() {
    return EXPECTED.keySet().stream().sorted();
  }

  @Test
  void everyRuleHasAFixtureThatBreaksIt() throws IOException {
    assertThat(PlaybookLint.RULES).doesNotHaveDuplicates().hasSize(26).doesNotContain("no-inclusive-gateway");
    for (String rule : PlaybookLint.RULES) {
      assertThat(EXPECTED.get(rule)).as(rule).anyMatch(finding -> finding.startsWith(rule + " "));
    }
    assertThat(files(FIXTURES).stream().map(file -> file.getFileName().toString().replace(".bpmn", "")))
        .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  /** The messages speak to a CS manager: the element as the deploy-time check names it, what to do, the rule. */
  @Test
  void messagesNameTheElementAndWhatToDo() {
    assertThat(messages("label-required")).contains(
        "User task (unnamedTask) has no name: name it with a verb and an object, like 'Hold kickoff'"
            + " (Modeler lint rule label-required)",
        "Exclusive gateway (decide) has no name: name it with the question it decides, like 'Brief complete?'"
            + " (Modeler lint rule label-required)");
    assertThat(messages("history-time-to-live")).containsExactly(
        "Process 'Playbook' (p) has no history time to live: set one (say P730D) in Modeler's History cleanup"
            + " section, so Camunda deletes the history of finished playbooks (Modeler lint rule history-time-to-live)");
    assertThat(messages("conditional-flows")).containsExactly(
        "Sequence flow 'no' (flowNo) leaves the exclusive gateway 'Brief complete?' without a condition, while"
            + " another of its paths has one or is the default: give it a condition or make it the default flow"
            + " (Modeler lint rule conditional-flows)");
    // Errors, escalations, pools and lanes have names the deploy-time check does not print; here they are named.
    assertThat(messages("global")).contains(
        "Error 'Unused error' (unusedError) is declared but nothing in the playbook uses it: use it or remove it"
            + " (Modeler lint rule global)",
        "Signal 'TierChanged' (signalA) has the same name as another signal: declare each name once"
            + " (Modeler lint rule global)");
    // The model API does not know ad-hoc sub-processes; the start inside one is still described as usual.
    assertThat(messages("ad-hoc-sub-process")).contains(
        "Start event 'Feedback wanted' (adHocStart) is inside an ad-hoc sub-process, whose steps are done in any"
            + " order and need no start: remove the start event (Modeler lint rule ad-hoc-sub-process)");
  }

  @Test
  void aHostileFileGetsFindingsNotAnException() {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
          <bpmn:process id="p" isExecutable="true" >
            <bpmn:startEvent id="s"><bpmn:outgoing>toAdHoc</bpmn:outgoing></bpmn:startEvent>
            <bpmn:adHocSubProcess id="adHoc"><bpmn:incoming>toAdHoc</bpmn:incoming><bpmn:incoming>s</bpmn:incoming>
              <bpmn:task id="inside" />
            </bpmn:adHocSubProcess>
            <bpmn:sequenceFlow id="toAdHoc" sourceRef="s" targetRef="adHoc" />
            <bpmn:task><bpmn:incoming>nowhere</bpmn:incoming></bpmn:task>
          </bpmn:process>
        </bpmn:definitions>
        """.getBytes(StandardCharsets.UTF_8)));

    List<PlaybookProblem> problems = PlaybookLint.lint("hostile.bpmn", model);

    assertThat(problems).extracting(PlaybookProblem::message).contains(
        "Ad hoc sub process (adHoc) has no outgoing flow, so its path stops without an end event: connect it to what"
            + " comes next or to an end event (Modeler lint rule no-implicit-end)",
        "Task has no name: name it with a verb and an object, like 'Hold kickoff' (Modeler lint rule label-required)",
        "Process (p) has no history time to live: set one (say P730D) in Modeler's History cleanup section, so"
            + " Camunda deletes the history of finished playbooks (Modeler lint rule history-time-to-live)");
    assertThat(findings(problems)).contains("no-bpmndi inside", "fake-join adHoc", "end-event-required p");
  }

  /** Sub-processes nested 2,000 deep, linted on a small stack: the rules walk work lists, not recursion. */
  @Test
  @SuppressWarnings("unchecked")
  void deepNestingDoesNotOverflowTheStack() throws Exception {
    int depth = 2_000;
    String xml = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\""
        + " targetNamespace=\"x\"><bpmn:process id=\"p\">"
        + IntStream.range(0, depth).mapToObj(i -> "<bpmn:subProcess id=\"s" + i + "\">").collect(Collectors.joining())
        + "</bpmn:subProcess>".repeat(depth) + "</bpmn:process></bpmn:definitions>";
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    AtomicReference<Object> result = new AtomicReference<>();
    Thread lint = new Thread(null, () -> {
      try {
        result.set(PlaybookLint.lint("deep.bpmn", model));
      } catch (Throwable thrown) {
        result.set(thrown);
      }
    }, "lint", 256 * 1024);
    lint.start();
    lint.join(TimeUnit.MINUTES.toMillis(1));

    assertThat(result.get()).isInstanceOf(List.class);
    assertThat(findings((List<PlaybookProblem>) result.get()))
        .contains("start-event-required s1999", "no-implicit-start s1999", "no-bpmndi s1999");
  }

  /** 50 steps in a row, with their diagram: the studio lints on upload, so this must not be felt. */
  @Test
  void aFiftyStepPlaybookLintsInWellUnderTenMilliseconds() {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("long").camundaHistoryTimeToLive(30)
        .startEvent("start").name("Start");
    for (int i = 0; i < 48; i++) {
      builder = builder.userTask("step" + i).name("Step " + i);
    }
    BpmnModelInstance model = builder.endEvent("end").name("End").done();
    assertThat(PlaybookLint.lint("long.bpmn", model)).isEmpty();

    for (int i = 0; i < 200; i++) {
      PlaybookLint.lint("long.bpmn", model);
    }
    long[] nanos = new long[21];
    for (int i = 0; i < nanos.length; i++) {
      long started = System.nanoTime();
      PlaybookLint.lint("long.bpmn", model);
      nanos[i] = System.nanoTime() - started;
    }
    Arrays.sort(nanos);
    assertThat(TimeUnit.NANOSECONDS.toMicros(nanos[nanos.length / 2])).as("median microseconds").isLessThan(10_000);
  }

  /**
   * The real bpmnlint, with the project's .bpmnlintrc, on every fixture and every playbook: the same rules at
   * the same elements. Skipped where .ci/lint has no node_modules (CI runs npm ci there before Maven).
   */
  @Test
  void bpmnlintFindsTheSame() throws Exception {
    Path bpmnlint = LINT.resolve("node_modules/.bin/bpmnlint");
    assumeThat(Files.isExecutable(bpmnlint)).as("npm ci has run in .ci/lint").isTrue();
    List<Path> files = new ArrayList<>(files(FIXTURES));
    files.addAll(files(PLAYBOOKS));

    List<String> command = new ArrayList<>(List.of(bpmnlint.toRealPath().toString(), "-c", ".bpmnlintrc"));
    for (Path file : files) {
      command.add(file.toRealPath().toString());
    }
    Process run = new ProcessBuilder(command).directory(LINT.toFile()).redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(run.exitValue()).as(output).isIn(0, 1);

    Map<String, Set<String>> byBpmnlint = parseBpmnlint(output);
    Map<String, String> differences = new TreeMap<>();
    for (Path file : files) {
      Set<String> theirs = byBpmnlint.getOrDefault(file.toRealPath().toString(), Set.of());
      Set<String> ours = findings(PlaybookLint.lint(file.getFileName().toString(), read(file)));
      if (!ours.equals(theirs)) {
        differences.put(file.toString(), "only bpmnlint finds " + minus(theirs, ours) + ", only the port finds "
            + minus(ours, theirs));
      }
    }
    // The table was read: its files are the ones given, and the fixtures have findings.
    assertThat(files.stream().map(PlaybookLintTest::realPath).toList()).as(output).containsAll(byBpmnlint.keySet());
    assertThat(byBpmnlint).as(output).hasSizeGreaterThan(EXPECTED.size() / 2);
    assertThat(differences).isEmpty();
  }

  /**
   * bpmnlint's table: the file's absolute path, then a row per finding, "  id  category  message  rule".
   * Import warnings (bpmn-moddle's reading of a broken file, not a lint rule) are left out.
   */
  static Map<String, Set<String>> parseBpmnlint(String output) {
    Map<String, Set<String>> findings = new TreeMap<>();
    Set<String> current = null;
    for (String line : output.replaceAll("\u001B\\[[;\\d]*m", "").split("\n")) {
      if (line.startsWith("/")) {
        current = findings.computeIfAbsent(line.trim(), file -> new TreeSet<>());
      } else if (line.startsWith("  ") && current != null) {
        String[] columns = line.trim().split("\\s{2,}");
        assertThat(columns).as(line).hasSizeGreaterThanOrEqualTo(3);
        if (columns[2].startsWith("Import warning")) {
          continue;
        }
        assertThat(columns).as(line).hasSize(4);
        String id = columns[0].contains("#") ? columns[0].substring(0, columns[0].indexOf('#')) : columns[0];
        current.add(columns[3].replace("camunda-compat/", "") + " " + id);
      }
    }
    return findings;
  }

  private static Set<String> minus(Set<String> these, Set<String> those) {
    Set<String> difference = new TreeSet<>(these);
    difference.removeAll(those);
    return difference;
  }

  private static String realPath(Path file) {
    try {
      return file.toRealPath().toString();
    } catch (IOException missing) {
      throw new UncheckedIOException(missing);
    }
  }

  private static List<String> messages(String fixture) {
    return PlaybookLint.lint(fixture + ".bpmn", read(FIXTURES.resolve(fixture + ".bpmn"))).stream()
        .map(PlaybookProblem::message).toList();
  }

  private static Set<String> findings(List<PlaybookProblem> problems) {
    return problems.stream().map(problem -> PlaybookLint.ruleOf(problem) + " " + problem.elementId())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static BpmnModelInstance read(Path file) {
    return Bpmn.readModelFromFile(file.toFile());
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
    }
  }
}
