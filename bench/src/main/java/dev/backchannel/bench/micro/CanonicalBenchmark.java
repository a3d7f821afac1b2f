package dev.backchannel.bench.micro;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.canonical.CanonicalText;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The canonical text (DESIGN 4.1) both ways, on a FLASH cable of about 3 KB with every optional
 * header line, sub-paragraphs, further blocks and an escaped block: every stored or received cable
 * is parsed, every released one rendered and hashed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CanonicalBenchmark {
  // Fields are not final: JMH's advice, so that the JIT cannot fold the inputs as constants.
  private CanonicalText canonical;
  private byte[] text;
  private Cable cable;

  @Setup
  public void read() {
    canonical = CanonicalText.standard();
    text = Inputs.bytes("canonical.txt");
    cable = canonical.parse(text);
  }

  /** From UTF-8 bytes, as a cable arrives over HTTP or from the store. */
  @Benchmark
  public Cable parse() {
    return canonical.parse(text);
  }

  @Benchmark
  public String render() {
    return CanonicalText.render(cable);
  }
}
