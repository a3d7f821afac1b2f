package dev.backchannel.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One measured quantity with every sample taken of it: the results show min, median and max (and
 * p99 where a latency is meant), never one lucky run.
 *
 * @param name what was measured, stable across runs ({@code release.http.two-requests})
 * @param unit its unit ({@code cables/s}, {@code ms}, {@code MB})
 * @param samples every sample, in the order taken; at least one
 * @param note what the figure means or how it was made, for the table (may be empty)
 */
public record Figure(String name, String unit, List<Double> samples, String note) {
  public Figure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(note, "note");
    samples = List.copyOf(samples);
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("figure " + name + " has no samples");
    }
  }

  public double min() {
    return sorted()[0];
  }

  public double max() {
    double[] s = sorted();
    return s[s.length - 1];
  }

  public double median() {
    double[] s = sorted();
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100). */
  public double percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
    }
    double[] s = sorted();
    // p * n first: p / 100 is inexact (0.07 * 100 is 7.000000000000001, whose ceiling is 8).
    int rank = (int) Math.ceil(p * s.length / 100);
    return s[Math.max(rank, 1) - 1];
  }

  private double[] sorted() {
    double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    return s;
  }
}
