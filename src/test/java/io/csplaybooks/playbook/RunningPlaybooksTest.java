package io.csplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The running_playbook key on PostgreSQL: of two claims at the same moment, exactly one wins. */
class RunningPlaybooksTest extends IntegrationTest {

  @Autowired RunningPlaybooks running;
  @Autowired TransactionTemplate transaction;

  @Test
  void twoStartsAtOnceGiveOnePlaybook() throws Exception {
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String account = "claim-" + System.nanoTime();
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
          String instance = "instance-" + node;
          claims.add(nodes.submit(() -> transaction.execute(status -> {
            await(together);
            return running.claim("onboarding", account, instance);
          })));
        }
        assertThat(List.of(claims.get(0).get(), claims.get(1).get())).as("round " + round).containsOnlyOnce(true);
      }
    } finally {
      nodes.shutdownNow();
    }
  }

  @Test
  void aReleasedPlaybookCanBeClaimedAgain() {
    String account = "release-" + System.nanoTime();
    assertThat(running.claim("qbr-cycle", account, "first")).isTrue();
    assertThat(running.claim("qbr-cycle", account, "second")).isFalse();

    running.release("first");

    assertThat(running.claim("qbr-cycle", account, "second")).isTrue();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
