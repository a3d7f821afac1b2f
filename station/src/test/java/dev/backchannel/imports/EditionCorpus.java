package dev.backchannel.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates a corpus of edition documents for import tests and the import benchmark: an exchange's
 * traffic in both series (HAKTO and TOHAK alternating, serials from 1), in the forms of DESIGN 4.2,
 * with references to the other series' latest cable and footnotes mapping them.
 *
 * <pre>
 * java -cp station/target/test-classes:... dev.backchannel.imports.EditionCorpus DIR COUNT [SEED]
 * </pre>
 */
public final class EditionCorpus {
  private static final String[] SENTENCES = {
    "The President read your cable in full this morning.",
    "I met with the regional advisors and their picture is different from the one in Washington.",
    "We must keep the restriction at the 20th parallel until you return.",
    "The other side accepted our text on three of the five open items.",
    "Please make sure the President reads my cables, not a summary of them.",
    "There is no sign of a new offensive in MR3 this week.",
    "I count on your support for the schedule we agreed in Paris.",
    "Thieu’s reply will come tomorrow; I expect it to be hard.",
    "The Chiefs want their figures to go through this channel rather than through Defense.",
    "Nothing in the record so far would strengthen the moderates in Hanoi."
  };
  private static final String[] MARKINGS = {
    "Top Secret; Flash; Exclusively Eyes Only.",
    "Top Secret; Sensitive; Exclusively Eyes Only; Immediate.",
    "Secret; Nodis; Priority.",
    "Top Secret; Flash; Sensitive; Eyes Only. The original is the copy approved for transmission."
  };

  private EditionCorpus() {}

  public static void main(String[] args) throws IOException {
    write(
        Path.of(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 1);
  }

  /** Writes {@code count} documents {@code 000001.txt} … into {@code dir}. */
  public static void write(Path dir, int count, long seed) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(seed);
    for (int i = 1; i <= count; i++) {
      Files.writeString(
          dir.resolve(String.format("%06d.txt", i)), document(i, random), StandardCharsets.UTF_8);
    }
  }

  /** Document {@code i}: odd ones Hakto (i + 1) / 2, even ones Tohak i / 2. */
  static String document(int i, Random random) {
    boolean fromKissinger = i % 2 == 1;
    int serial = (i + 1) / 2;
    int previous = fromKissinger ? serial - 1 : serial;
    String series = fromKissinger ? "Hakto" : "Tohak";
    String other = fromKissinger ? "Tohak" : "Hakto";
    String kissinger = "the President’s Assistant for National Security Affairs (Kissinger)";
    String haig = "the President’s Deputy Assistant for National Security Affairs (Haig)";
    StringBuilder b = new StringBuilder();
    b.append(i)
        .append(". Backchannel Message From ")
        .append(fromKissinger ? kissinger + ", in Saigon," : haig)
        .append(" to ")
        .append(fromKissinger ? haig : kissinger + ", in Saigon")
        .append("1\n\n");
    b.append(series).append(' ').append(serial).append('/').append(200 + i).append('.');
    boolean mapped = previous > 0;
    if (mapped) {
      b.append(" Reference: ").append(other).append(' ').append(previous).append(".2");
    }
    if (random.nextInt(3) == 0) {
      b.append(" Deliver immediately.");
    }
    b.append("\n\n");
    int paragraphs = 2 + random.nextInt(5);
    for (int p = 1; p <= paragraphs; p++) {
      b.append(p).append(".\n");
      int sentences = 1 + random.nextInt(4);
      for (int s = 0; s < sentences; s++) {
        b.append(s == 0 ? "" : " ").append(SENTENCES[random.nextInt(SENTENCES.length)]);
      }
      b.append('\n');
      if (random.nextInt(4) == 0) {
        b.append('\n').append(SENTENCES[random.nextInt(SENTENCES.length)]).append("\n\n");
      }
    }
    b.append("  1. Source: Library of Congress, Manuscript Division, Kissinger Papers, Box TS ")
        .append(50 + i % 20)
        .append(", Chronological File. ")
        .append(MARKINGS[random.nextInt(MARKINGS.length)])
        .append('\n');
    if (mapped) {
      b.append("  2. Document ").append(i - 1).append(".\n");
    }
    return b.toString();
  }
}
