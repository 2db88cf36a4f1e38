package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Times a page as a person clicks: a few warm-up requests, then one request at a time; prints median,
 * p90, p95, p99, max and size.
 */
final class PageTimer {

  static final int WARM_UP = 5;
  /** Requests timed per page ({@code -Dcsp.benchmark.runs}, for a quick look). */
  static final int RUNS = Integer.getInteger("csp.benchmark.runs", 30);

  /** A page's timings in milliseconds. */
  record Timings(double median, double p90, double p95, double p99, double max) {}

  private PageTimer() {}

  /** @return the median in milliseconds */
  static double time(String page, IntFunction<HttpResponse<String>> get) {
    return time(page, RUNS, WARM_UP, 200, get).median();
  }

  /** Times {@code runs} requests after {@code warmUp} untimed ones, each expected to answer {@code status}. */
  static Timings time(String page, int runs, int warmUp, int status, IntFunction<HttpResponse<String>> get) {
    for (int i = 0; i < warmUp; i++) {
      HttpResponse<String> response = get.apply(i);
      assertThat(response.statusCode()).as(page + ": " + response.body()).isEqualTo(status);
    }
    List<Long> nanos = new ArrayList<>();
    long bytes = 0;
    for (int i = warmUp; i < warmUp + runs; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = get.apply(i);
      nanos.add(System.nanoTime() - start);
      assertThat(response.statusCode()).as(page + ": " + response.body()).isEqualTo(status);
      bytes += response.body().getBytes(StandardCharsets.UTF_8).length;
    }
    Collections.sort(nanos);
    Timings timings = new Timings(at(nanos, 0.5), at(nanos, 0.9), at(nanos, 0.95), at(nanos, 0.99),
        nanos.get(runs - 1) / 1e6);
    System.out.printf("%-34s median %6.1f  p90 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f ms  page %,7d bytes (%d)%n",
        page, timings.median(), timings.p90(), timings.p95(), timings.p99(), timings.max(), bytes / runs, runs);
    return timings;
  }

  /** The nearest-rank percentile of sorted timings, in milliseconds. */
  static double at(List<Long> sorted, double percentile) {
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * percentile) - 1)) / 1e6;
  }
}
