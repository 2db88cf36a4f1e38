package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/** Times a page as a person clicks: a few warm-up requests, then one request at a time; prints median, p90, max and size. */
final class PageTimer {

  static final int WARM_UP = 5;
  /** Requests timed per page ({@code -Dcsp.benchmark.runs}, for a quick look). */
  static final int RUNS = Integer.getInteger("csp.benchmark.runs", 30);

  private PageTimer() {}

  /** @return the median in milliseconds */
  static double time(String page, IntFunction<HttpResponse<String>> get) {
    for (int i = 0; i < WARM_UP; i++) {
      assertThat(get.apply(i).statusCode()).as(page).isEqualTo(200);
    }
    List<Long> nanos = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = get.apply(i);
      nanos.add(System.nanoTime() - start);
      assertThat(response.statusCode()).as(page + ": " + response.body()).isEqualTo(200);
      bytes += response.body().getBytes(StandardCharsets.UTF_8).length;
    }
    Collections.sort(nanos);
    double median = nanos.get(RUNS / 2) / 1e6;
    System.out.printf("%-28s median %6.1f ms  p90 %6.1f ms  max %6.1f ms  page %,7d bytes (%d requests)%n", page,
        median, nanos.get((int) Math.ceil(RUNS * 0.9) - 1) / 1e6, nanos.get(RUNS - 1) / 1e6, bytes / RUNS, RUNS);
    return median;
  }
}
