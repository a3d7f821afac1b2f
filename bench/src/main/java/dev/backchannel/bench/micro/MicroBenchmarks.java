package dev.backchannel.bench.micro;

import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH benchmarks of this package, run in this process through JMH's {@link Runner}: the core's
 * pure hot paths, time per operation. Each benchmark gives one figure named {@code
 * micro.<class>.<method>} ({@code micro.canonical.parse} for {@link CanonicalBenchmark#parse}),
 * with one sample per measured iteration.
 *
 * <p>A full run forks one JVM per benchmark, started with the run's {@code java}, so that each
 * benchmark's profile is its own: 3 warm-up and 5 measured iterations of 1 s. A smoke run stays in
 * this JVM with 1 warm-up and 2 measured iterations of 200 ms, and prints nothing.
 */
public final class MicroBenchmarks implements Scenario {
  private static final String PACKAGE = MicroBenchmarks.class.getPackageName();

  @Override
  public String name() {
    return "micro";
  }

  @Override
  public String description() {
    return "JMH, time per operation: canonical parse and render, edition parse, clearance"
        + " dominance, an exchange's crossings and gaps";
  }

  /**
   * {@inheritDoc}
   *
   * @throws RunnerException if JMH could not run, or a benchmark failed (none is left out)
   */
  @Override
  public List<Figure> run(RunContext run) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include("^" + Pattern.quote(PACKAGE + ".")).shouldFailOnError(true);
    String note;
    if (run.smoke()) {
      // Forking would cost a JVM start per benchmark; a smoke run's figures mean nothing anyway.
      options
          .forks(0)
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(200))
          .measurementIterations(2)
          .measurementTime(TimeValue.milliseconds(200))
          .verbosity(VerboseMode.SILENT);
      note = "JMH average time, smoke: in-process, 1 warm-up and 2 measured iterations of 200 ms";
    } else {
      options
          .forks(1)
          .jvm(run.java().toString())
          .warmupIterations(3)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(1));
      note = "JMH average time: 1 fork, 3 warm-up and 5 measured iterations of 1 s";
    }
    return figures(new Runner(options.build()).run(), note);
  }

  private static List<Figure> figures(Iterable<RunResult> results, String note) {
    List<Figure> figures = new ArrayList<>();
    for (RunResult result : results) {
      List<Double> samples = new ArrayList<>();
      for (BenchmarkResult fork : result.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          samples.add(iteration.getPrimaryResult().getScore());
        }
      }
      figures.add(
          new Figure(
              figureName(result.getParams().getBenchmark()),
              result.getPrimaryResult().getScoreUnit(),
              samples,
              note));
    }
    figures.sort(Comparator.comparing(Figure::name));
    return List.copyOf(figures);
  }

  /**
   * {@code micro.canonical.parse} for {@code dev.backchannel.bench.micro.CanonicalBenchmark.parse}.
   */
  static String figureName(String benchmark) {
    String classAndMethod = benchmark.substring(PACKAGE.length() + 1);
    int dot = classAndMethod.indexOf('.');
    String subject = classAndMethod.substring(0, dot).replaceFirst("Benchmark$", "");
    return "micro." + subject.toLowerCase(Locale.ROOT) + classAndMethod.substring(dot);
  }
}
