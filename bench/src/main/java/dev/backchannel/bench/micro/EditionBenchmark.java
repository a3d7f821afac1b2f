package dev.backchannel.bench.micro;

import dev.backchannel.cable.edition.EditionCable;
import dev.backchannel.cable.edition.EditionText;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The edition reader (DESIGN 4.2), the historical import's CPU work per document, on a printed
 * cable of about 3 KB: a heading with a footnote marker, a designator line with precedence,
 * handling and lettered references, paragraph numbers on their own line and inline, lettered
 * sub-paragraphs, continuation blocks, and five footnotes with a source note and document mappings.
 * Its result includes the canonical rendering.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EditionBenchmark {
  // One reader for the whole run, as an import shares one over its documents: its memos of
  // phrases and titles are warm, as they are after the first documents of a long import.
  private EditionText editions;
  private byte[] text;

  @Setup
  public void read() {
    editions = EditionText.standard();
    text = Inputs.bytes("edition.txt");
  }

  @Benchmark
  public EditionCable parse() {
    return editions.parse(text);
  }
}
