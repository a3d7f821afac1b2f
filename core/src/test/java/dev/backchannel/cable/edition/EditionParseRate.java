package dev.backchannel.cable.edition;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how many edition documents one thread parses per second (DESIGN 7: import at 20,000
 * cables/s). Not a test: run it by hand after {@code ./mvnw -pl core test-compile}:
 *
 * <pre>
 * java -cp core/target/classes:core/target/test-classes \
 *     dev.backchannel.cable.edition.EditionParseRate [seconds] [seed-folder]
 * </pre>
 *
 * It parses the edition fixtures and the seed in turn, warms up for the same time it measures, and
 * prints documents/s and MB/s.
 */
public final class EditionParseRate {
  private EditionParseRate() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    Path seeds = Path.of(args.length > 1 ? args[1] : "../shared/seeds");
    List<byte[]> docs = new ArrayList<>();
    for (String name : Fixtures.NAMES) {
      docs.add(Fixtures.text(name).getBytes(StandardCharsets.UTF_8));
    }
    Path seed = seeds.resolve("000_7b9965d0cc23a81b.txt");
    if (Files.isRegularFile(seed)) {
      docs.add(Files.readAllBytes(seed));
    }
    EditionText editions = EditionText.standard();
    run(editions, docs, seconds);
    double[] measured = run(editions, docs, seconds);
    System.out.printf(
        "edition parse, one thread, %d documents in turn (%.0f bytes on average): %.0f documents/s,"
            + " %.1f MB/s over %.1f s%n",
        docs.size(),
        docs.stream().mapToInt(d -> d.length).average().orElse(0),
        measured[0],
        measured[1] / 1e6,
        seconds);
  }

  private static double[] run(EditionText editions, List<byte[]> docs, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long count = 0;
    long bytes = 0;
    int sink = 0;
    while (System.nanoTime() < end) {
      for (byte[] doc : docs) {
        sink += editions.parse(doc).cable().paragraphs().size();
        bytes += doc.length;
        count++;
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (sink == 42) {
      System.out.print("");
    }
    return new double[] {count / elapsed, bytes / elapsed};
  }
}
