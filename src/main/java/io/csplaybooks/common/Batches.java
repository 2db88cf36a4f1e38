package io.csplaybooks.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Large work in short statements: deletes that hold no long lock, and IN lists that stay well
 * below every database's limit on bind parameters.
 */
public final class Batches {

  private Batches() {}

  /**
   * Runs {@code deleteOneBatch} (a statement that deletes at most {@code batch} rows) until it
   * deletes fewer than that.
   *
   * @return the rows deleted in all
   */
  public static long deleteInBatches(int batch, IntSupplier deleteOneBatch) {
    long deleted = 0;
    int done;
    do {
      done = deleteOneBatch.getAsInt();
      deleted += done;
    } while (done == batch);
    return deleted;
  }

  /** Ids per IN list. */
  public static final int IN_LIST = 1000;

  /** What {@code query} finds for all the keys, asked {@link #IN_LIST} keys at a time. */
  public static <K, R> Set<R> findInChunks(Collection<K> keys, Function<List<K>, List<R>> query) {
    Set<R> found = new HashSet<>();
    List<K> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += IN_LIST) {
      found.addAll(query.apply(all.subList(from, Math.min(all.size(), from + IN_LIST))));
    }
    return found;
  }
}
