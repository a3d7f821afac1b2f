package dev.backchannel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A target of DESIGN 7 and issue 19, read off a run's figures: always a ratio against something
 * measured in the same run, or a bound on a figure's own samples. A target whose figures were not
 * measured in the run is left out, never reported as met.
 */
final class Target {
  /** A target read: what it is, what was measured, and whether that meets it. */
  record Reading(String target, String figure, boolean met) {}

  private Target() {}

  static List<Reading> read(Results results) {
    List<Reading> out = new ArrayList<>();
    median(
        results,
        "ratio.release.two-requests/bare-64",
        "release (two requests) >= 0.5x bare loop at 64",
        v -> v >= 0.5,
        out);
    median(
        results,
        "ratio.release.one-request/bare-64",
        "release (one request) >= 0.5x bare loop at 64",
        v -> v >= 0.5,
        out);
    ratio(
        results,
        "release.one-request",
        "peer.prosody.durable",
        "release >= 10x Prosody durable",
        10,
        out);
    results
        .figure("flash.latency")
        .ifPresent(
            f -> {
              out.add(
                  new Reading(
                      "FLASH behind 10,000: p99 < 50 ms",
                      Results.number(f.percentile(99)) + " ms",
                      f.percentile(99) < 50));
              out.add(
                  new Reading(
                      "FLASH behind 10,000: no trial over 100 ms",
                      "max " + Results.number(f.max()) + " ms",
                      f.max() <= 100));
            });
    median(
        results,
        "ratio.start.station/bare-javalin",
        "cold start <= 1.5x bare Javalin",
        v -> v <= 1.5,
        out);
    median(results, "start.station", "cold start < 2 s (idle machine)", v -> v < 2_000, out);
    results
        .figure("memory.rss.readers")
        .ifPresent(
            f ->
                out.add(
                    new Reading(
                        "RSS < 300 MB, 1,000 readers after 50 logins",
                        "max " + Results.number(f.max()) + " MB",
                        f.max() < 300)));
    median(
        results,
        "ratio.import.warm/bare",
        "import warm >= 0.5x bare import loop",
        v -> v >= 0.5,
        out);
    return out;
  }

  private static void median(
      Results results, String name, String target, Predicate<Double> met, List<Reading> out) {
    Optional<Figure> f = results.figure(name);
    f.ifPresent(
        x ->
            out.add(
                new Reading(
                    target,
                    "median "
                        + Results.number(x.median())
                        + " "
                        + x.unit()
                        + " ("
                        + Results.number(x.min())
                        + "-"
                        + Results.number(x.max())
                        + ")",
                    met.test(x.median()))));
  }

  private static void ratio(
      Results results, String ours, String theirs, String target, double at, List<Reading> out) {
    Optional<Figure> a = results.figure(ours);
    Optional<Figure> b = results.figure(theirs);
    if (a.isPresent() && b.isPresent()) {
      double r = a.get().median() / b.get().median();
      out.add(new Reading(target, Results.number(r) + "x (medians)", r >= at));
    }
  }
}
