package io.csplaybooks.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Intake fed with values around every limit, chosen at random (the seed is printed): nothing
 * answers 500, a request is accepted exactly when every field is within its limit, and every
 * accepted handoff goes through its kickoff into onboarding with its setup tasks.
 */
class IntakeLimitsTest extends IntegrationTest {

  static final int CASES = 24;

  /** One field set to a value just inside, at or just past its limit. */
  record Change(String field, Consumer<Map<String, Object>> apply, boolean allowed) {}

  @Test
  void everyAcceptedHandoffCanBeCarriedThroughItsKickoff() {
    long seed = Long.getLong("csp.test.seed", System.nanoTime());
    System.out.println("IntakeLimitsTest seed: " + seed + " (-Dcsp.test.seed=" + seed + " repeats it)");
    Random random = new Random(seed);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      String contractId = "LIM-" + UUID.randomUUID().toString().substring(0, 8);
      Map<String, Object> deal = HandoffApiTestData.deal(contractId);
      List<Change> changes = new ArrayList<>();
      List<Integer> kinds = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
      Collections.shuffle(kinds, random);
      java.util.Set<String> touched = new java.util.HashSet<>();
      int wanted = 1 + random.nextInt(2);
      for (int kind : kinds) {
        // Two changes never touch the same part of the request, so each is seen as it was made.
        if (changes.size() < wanted && touched.add(PART[kind]) && (kind != 9 || touched.add("promisedItems"))
            && (kind != 4 || !touched.contains("dates"))) {
          changes.add(change(random, contractId, kind));
        }
      }
      changes.forEach(change -> change.apply().accept(deal));
      boolean allowed = changes.stream().allMatch(Change::allowed);
      String what = "seed " + seed + ", case " + i + ": " + changes.stream().map(Change::field).toList();

      ResponseEntity<Map> answer = as("ada").postForEntity("/api/handoffs", deal, Map.class);

      if (allowed) {
        assertThat(answer.getStatusCode()).as(what + " -> " + answer.getBody()).isEqualTo(HttpStatus.CREATED);
        carryThroughKickoff(answer.getBody(), deal, what);
        accepted++;
      } else {
        assertThat(answer.getStatusCode()).as(what + " -> " + answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) answer.getBody().get("errors");
        assertThat(errors).as(what).isNotEmpty().allSatisfy(e -> assertThat((String) e.get("field")).isNotBlank());
        assertThat(errors).as(what).anySatisfy(e -> assertThat(changes.stream().filter(c -> !c.allowed())
            .map(Change::field)).anyMatch(field -> ((String) e.get("field")).startsWith(field)));
        refused++;
      }
    }
    System.out.println("IntakeLimitsTest: " + accepted + " accepted and carried through kickoff, " + refused + " refused");
  }

  private void carryThroughKickoff(Map<?, ?> created, Map<String, Object> deal, String what) {
    String instance = (String) created.get("processInstanceId");
    holdKickoff(created);
    long accountId = ((Number) created.get("accountId")).longValue();
    List<String> instances = new ArrayList<>(runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(accountId)).list().stream().map(p -> p.getId()).toList());
    instances.add(instance);
    for (String playbook : instances) {
      assertThat(runtime.createIncidentQuery().processInstanceId(playbook).list()).as(what + ": incidents").isEmpty();
    }
    List<String> setupTasks = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(accountId))
        .taskDefinitionKey("setUpRequirement").list().stream().map(Task::getName).toList();
    List<String> expected = ((List<String>) deal.get("technicalRequirements")).stream().map(String::trim)
        .distinct().map(r -> "Set up " + r).toList();
    assertThat(setupTasks).as(what).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** The part of the request each kind of change sets. */
  static final String[] PART = {"account", "contractId", "businessGoals", "technicalRequirements", "promisedItems",
      "stakeholders", "stakeholders", "technicalRequirements", "arr", "dates", "dates", "account"};

  /** A change of one field to a value around its limit: one below, at, or one past it. */
  static Change change(Random random, String contractId, int kind) {
    int offset = random.nextInt(3) - 1;
    boolean ok = offset <= 0;
    switch (kind) {
      case 0 -> {
        String name = text(random, 200 + offset);
        return new Change("account.name", d -> d.put("account", Map.of("name", name, "segment", "enterprise",
            "region", "EMEA")), ok);
      }
      case 1 -> {
        String id = (contractId + "-" + "9".repeat(200)).substring(0, HandoffRegistry.MAX_CONTRACT_ID + offset);
        return new Change("contractId", d -> d.put("contractId", id), ok);
      }
      case 2 -> {
        String goal = text(random, HandoffRegistry.MAX_ITEM + offset);
        return new Change("businessGoals", d -> d.put("businessGoals", List.of(goal)), ok);
      }
      case 3 -> {
        String requirement = text(random, HandoffRegistry.MAX_REQUIREMENT + offset);
        return new Change("technicalRequirements", d -> d.put("technicalRequirements", List.of("SSO", requirement)), ok);
      }
      case 4 -> {
        String promise = text(random, HandoffRegistry.MAX_PROMISE + offset);
        return new Change("promisedItems", d -> d.put("promisedItems", List.of(Map.of("description", promise))), ok);
      }
      case 5 -> {
        String name = text(random, 200 + offset);
        return new Change("stakeholders", d -> d.put("stakeholders", List.of(
            Map.of("name", name, "role", "champion", "email", "hank@globex.example"),
            Map.of("name", "Mindy Simmons", "role", "executive-sponsor", "email", "mindy@globex.example"))), ok);
      }
      case 6 -> {
        String domain = "@globex.example";
        String email = "h".repeat(320 + offset - domain.length()) + domain;
        return new Change("stakeholders", d -> d.put("stakeholders", List.of(
            Map.of("name", "Hank Scorpio", "role", "champion", "email", email),
            Map.of("name", "Mindy Simmons", "role", "executive-sponsor", "email", "mindy@globex.example"))), ok);
      }
      case 7 -> {
        List<String> requirements = new ArrayList<>();
        for (int i = 0; i < HandoffRegistry.MAX_ENTRIES + offset; i++) {
          requirements.add("Integration " + i);
        }
        return new Change("technicalRequirements", d -> d.put("technicalRequirements", requirements), ok);
      }
      case 8 -> {
        List<BigDecimal> fine = List.of(new BigDecimal("999999999999.99"), BigDecimal.ZERO, new BigDecimal("0.01"),
            new BigDecimal("1E+3"), new BigDecimal("48000000"));
        List<BigDecimal> wrong = List.of(new BigDecimal("1000000000000"), new BigDecimal("0.005"),
            new BigDecimal("-1"), new BigDecimal("1E+20"), new BigDecimal("123.456"));
        BigDecimal arr = ok ? fine.get(random.nextInt(fine.size())) : wrong.get(random.nextInt(wrong.size()));
        return new Change("arr", d -> d.put("arr", arr), ok);
      }
      case 9 -> {
        LocalDate start = ok ? List.of(LocalDate.of(2000, 1, 1), LocalDate.of(2099, 12, 31), LocalDate.now().minusYears(3))
            .get(random.nextInt(3)) : List.of(LocalDate.of(1999, 12, 31), LocalDate.of(2100, 1, 1), LocalDate.of(9999, 1, 1))
            .get(random.nextInt(3));
        return new Change("contractStart", d -> {
          d.put("contractStart", start.toString());
          d.put("contractEnd", start.plusYears(1).toString());
          d.put("promisedItems", List.of());
        }, ok);
      }
      case 10 -> {
        LocalDate start = LocalDate.now();
        LocalDate end = start.plusYears(10).plusDays(offset);
        return new Change("contractEnd", d -> {
          d.put("contractStart", start.toString());
          d.put("contractEnd", end.toString());
        }, ok);
      }
      default -> {
        // Korean text, at the account name's limit: what the columns count is characters, not bytes.
        String name = "글로벡스코리아".repeat(30).substring(0, 200 + offset);
        return new Change("account.name", d -> d.put("account", Map.of("name", name, "segment", "enterprise",
            "region", "APAC")), ok);
      }
    }
  }

  /** Text of exactly this length, printable, not blank, with no leading or trailing space. */
  static String text(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    String alphabet = "abcdefghijklmnopqrstuvwxyz 0123456789.,-가나다라";
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    char[] chars = text.toString().toCharArray();
    chars[0] = 'A';
    chars[chars.length - 1] = 'z';
    return new String(chars);
  }
}
