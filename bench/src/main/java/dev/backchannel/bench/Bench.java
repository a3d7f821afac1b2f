package dev.backchannel.bench;

import dev.backchannel.bench.micro.MicroBenchmarks;
import java.util.List;

/**
 * The harness's entry point: runs the scenarios and writes their figures under {@code
 * bench/results/}.
 */
public final class Bench {
  private Bench() {}

  /** The scenarios, in the order they run. */
  static List<Scenario> scenarios() {
    return List.of(new MicroBenchmarks());
  }

  public static void main(String[] args) {
    scenarios().forEach(s -> System.out.println(s.name() + ": " + s.description()));
  }
}
