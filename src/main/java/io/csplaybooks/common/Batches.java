package io.csplaybooks.common;

import java.util.function.IntSupplier;

/** Large deletes in short statements, so that no run holds a long lock or a huge transaction. */
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
}
