package dev.backchannel.bench.micro;

import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.EyesOnly;
import dev.backchannel.cable.SecurityLabel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Whether a clearance dominates a label (DESIGN 2), the check made for every cable a reader lists
 * or opens. One operation is one check; each invocation checks every clearance against every label,
 * so that both outcomes and labels of zero to four caveats take part.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LabelBenchmark {
  private static final int CLEARANCES = 4;
  private static final int LABELS = 6;

  private Clearance[] clearances;
  private SecurityLabel[] labels;

  @Setup
  public void build() {
    clearances =
        new Clearance[] {
          clearance(Classification.SECRET),
          clearance(Classification.TOP_SECRET, "SENSITIVE"),
          clearance(Classification.TOP_SECRET, "EXDIS", "NODIS", "SENSITIVE"),
          clearance(
              Classification.TOP_SECRET,
              "CHEROKEE",
              "EXDIS",
              "LIMDIS",
              "NODIS",
              "NOFORN",
              "OUTSIDE THE SYSTEM",
              "SENSITIVE")
        };
    labels =
        new SecurityLabel[] {
          label(Classification.SECRET, Optional.empty()),
          label(Classification.SECRET, Optional.empty(), "NOFORN"),
          label(Classification.CONFIDENTIAL, Optional.empty(), "EXDIS", "LIMDIS"),
          label(Classification.TOP_SECRET, Optional.of(EyesOnly.EYES_ONLY), "SENSITIVE"),
          label(
              Classification.TOP_SECRET,
              Optional.of(EyesOnly.EXCLUSIVELY_EYES_ONLY),
              "NODIS",
              "SENSITIVE"),
          label(
              Classification.TOP_SECRET,
              Optional.empty(),
              "NODIS",
              "NOFORN",
              "OUTSIDE THE SYSTEM",
              "SENSITIVE")
        };
    if (clearances.length != CLEARANCES || labels.length != LABELS) {
      throw new IllegalStateException("the operation count no longer matches the pairs checked");
    }
  }

  @Benchmark
  @OperationsPerInvocation(CLEARANCES * LABELS)
  public void dominates(Blackhole sink) {
    for (Clearance c : clearances) {
      for (SecurityLabel l : labels) {
        sink.consume(c.dominates(l));
      }
    }
  }

  private static Clearance clearance(Classification level, String... caveats) {
    return new Clearance(level, Set.copyOf(caveats(caveats)));
  }

  private static SecurityLabel label(
      Classification level, Optional<EyesOnly> eyesOnly, String... caveats) {
    return new SecurityLabel(level, caveats(caveats), eyesOnly);
  }

  private static List<Caveat> caveats(String... names) {
    return Arrays.stream(names).map(Caveat::new).toList();
  }
}
