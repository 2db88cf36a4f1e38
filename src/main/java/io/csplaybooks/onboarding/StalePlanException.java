package io.csplaybooks.onboarding;

/** Someone saved the plan since the client read it. */
class StalePlanException extends RuntimeException {

  public StalePlanException(long accountId, int version) {
    super("the success plan of account " + accountId + " changed since version " + version
        + ": load it again and reapply your change");
  }
}
