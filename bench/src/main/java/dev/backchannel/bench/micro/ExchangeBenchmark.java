package dev.backchannel.bench.micro;

import dev.backchannel.cable.Series;
import dev.backchannel.cable.rules.Crossings;
import dev.backchannel.cable.rules.Crossings.Crossing;
import dev.backchannel.cable.rules.Crossings.Released;
import dev.backchannel.cable.rules.Gaps;
import dev.backchannel.cable.rules.SerialRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The rules an exchange's view applies to its whole record: its crossings (G5) and the gaps of a
 * series (G6), over an exchange of 120 cables each way (the seed's exchange had passed Tohak 84).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExchangeBenchmark {
  private static final Series HAKTO = new Series("HAKTO");
  private static final Series TOHAK = new Series("TOHAK");
  private static final int PER_SERIES = 120;

  private List<Released> released;
  private List<Integer> held;

  /**
   * Releases the two series in a seeded random order; each sender has seen the other series up to a
   * lag of zero to two cables still on the wire, which is what makes cables cross.
   */
  @Setup
  public void build() {
    Random random = new Random(1972);
    released = new ArrayList<>();
    int hakto = 0;
    int tohak = 0;
    int haktoSeen = 0;
    int tohakSeen = 0;
    while (hakto < PER_SERIES || tohak < PER_SERIES) {
      boolean fromHak = tohak == PER_SERIES || (hakto < PER_SERIES && random.nextBoolean());
      if (fromHak) {
        haktoSeen = Math.max(haktoSeen, Math.max(0, tohak - random.nextInt(3)));
        released.add(new Released(HAKTO, ++hakto, haktoSeen));
      } else {
        tohakSeen = Math.max(tohakSeen, Math.max(0, hakto - random.nextInt(3)));
        released.add(new Released(TOHAK, ++tohak, tohakSeen));
      }
    }
    Set<Integer> missing = Set.of(17, 18, 63, 101);
    held = new ArrayList<>();
    for (int serial = 1; serial <= PER_SERIES; serial++) {
      if (!missing.contains(serial)) {
        held.add(serial);
      }
    }
  }

  @Benchmark
  public List<Crossing> crossings() {
    return Crossings.among(released, HAKTO, TOHAK);
  }

  @Benchmark
  public List<SerialRange> gaps() {
    return Gaps.of(held);
  }
}
