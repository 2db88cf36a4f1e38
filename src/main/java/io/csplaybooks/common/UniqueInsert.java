package io.csplaybooks.common;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inserts that may lose a race to another node on a unique key, inside a longer transaction (a
 * job's). The insert runs under a savepoint: PostgreSQL refuses every statement after a failed one
 * until the transaction is rolled back, so the loser rolls back to the savepoint and goes on.
 */
@Component
public class UniqueInsert {

  private final TransactionTemplate savepoint;

  public UniqueInsert(PlatformTransactionManager transactions) {
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** The insert's result, or empty when a unique key says the row is already there. */
  public <T> Optional<T> unlessPresent(Supplier<T> insert) {
    try {
      return Optional.of(savepoint.execute(status -> insert.get()));
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
  }
}
