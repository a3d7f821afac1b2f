package dev.backchannel.cable.canonical;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.EyesOnly;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Part;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.SecurityLabel;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random cables that reach every optional part of the canonical text: INFO and PASS TO
 * lists, several HANDLING lines, references with paragraph and with another exchange, station
 * serials with and without prefix and alone, sub-paragraphs, further blocks, unnumbered bodies,
 * drafts, non-ASCII text and blocks that need escaping.
 */
final class CableGenerator {
  private static final String[] WORDS = {
    "the",
    "President",
    "ceasefire",
    "Thieu",
    "Hanoi",
    "agreement",
    "20th",
    "parallel",
    "MR3.",
    "cable",
    "Tohak",
    "84.",
    "bombing",
    "can’t",
    "—",
    "résumé",
    "Genève",
    "naïve",
    "1972",
    "(a)",
    "A.",
    "3.",
    "\\",
    "\\x",
    "12:30",
    "“quoted”",
    "Ω",
    "🙂",
    "Ärger",
    "straße",
    "ﬁ",
    "ǅ",
    "x;y",
    "(b)",
    "50%",
    "#7",
    "e-mail",
    "…",
    "Москва",
    "北京"
  };
  private static final String[] LEADS = {
    "1. ", "12. ", "A. ", "a. ", "(a) ", "(B) ", "(1) ", "(iv) ", "\\", "\\1. ", "0. ", "01. ", ""
  };
  private static final String[] NAMES = {
    "Kissinger",
    "Haig",
    "the President",
    "Col. Kennedy",
    "Bunker",
    "Négroponte",
    "Lord",
    "Rodman",
    "Scowcroft",
    "O’Donnell",
    "Ambassador Porter",
    "Gen. Abrams"
  };
  private static final String[] PLACES = {
    "Saigon", "Washington", "Paris", "Key Biscayne", "Peking", "Moscow", "Camp David", "Genève"
  };
  private static final String[] HANDLING = {
    "Deliver immediately",
    "Deliver opening of business",
    "To be delivered immediately upon opening of business",
    "Pass immediately to the President",
    "Deliver in sealed envelope marked eyes only to General Haig",
    "Call Col. Kennedy on receipt",
    "For his 1500 meeting",
    "Deliver regardless of hour",
    "Burn after reading; no copies",
    "Deliver by 221500Z OCT 72"
  };
  private static final String[] SERIES = {"HAKTO", "TOHAK", "HAIGTO", "TOHAIG", "SECTO", "WH"};
  private static final String[] EXCHANGES = {"PARIS 1973", "OCT-72", "TRIP/2", "ALPHA"};

  private final Random random;

  CableGenerator(long seed) {
    this.random = new Random(seed);
  }

  Cable cable() {
    Cable.Builder b = Cable.builder(pick(Precedence.values()), label(), person());
    int to = 1 + random.nextInt(3);
    for (int i = 0; i < to; i++) {
      b.to(person());
    }
    repeat(random.nextInt(3) == 0 ? 0 : random.nextInt(3), () -> b.info(person()));
    repeat(random.nextInt(3) == 0 ? 0 : random.nextInt(3), () -> b.passTo(person()));
    boolean draft = random.nextInt(5) == 0;
    if (!draft) {
      if (random.nextInt(6) > 0) {
        b.dtg(dtg());
      }
      if (random.nextInt(6) > 0) {
        b.designator(designator());
      }
    }
    repeat(random.nextInt(4), () -> b.handling(new Handling(pick(HANDLING))));
    // a cable names each reference once: a repeat drawn is left out
    Set<Reference> references = new HashSet<>();
    repeat(
        random.nextInt(3) == 0 ? 0 : random.nextInt(4),
        () -> {
          Reference r = reference();
          if (references.add(r)) {
            b.reference(r);
          }
        });
    if (random.nextInt(4) > 0) {
      b.subject(words(1 + random.nextInt(8)));
    }
    boolean numbered = random.nextInt(4) > 0;
    int paragraphs = 1 + random.nextInt(6);
    for (int i = 1; i <= paragraphs; i++) {
      b.paragraph(
          paragraph(numbered || random.nextInt(5) == 0 ? OptionalInt.of(i) : OptionalInt.empty()));
    }
    return b.build();
  }

  private SecurityLabel label() {
    List<Caveat> caveats = new ArrayList<>();
    for (Caveat c : CaveatRegistry.DEFAULT.caveats()) {
      if (random.nextInt(5) == 0) {
        caveats.add(c);
      }
    }
    Optional<EyesOnly> eyesOnly =
        random.nextBoolean() ? Optional.of(pick(EyesOnly.values())) : Optional.empty();
    return new SecurityLabel(pick(Classification.values()), caveats, eyesOnly);
  }

  private Person person() {
    return random.nextBoolean() ? Person.named(pick(NAMES)) : Person.at(pick(NAMES), pick(PLACES));
  }

  private Dtg dtg() {
    return new Dtg(
        LocalDateTime.of(
            1950 + random.nextInt(100),
            1 + random.nextInt(12),
            1 + random.nextInt(28),
            random.nextInt(24),
            random.nextInt(60)));
  }

  private Designator designator() {
    Optional<StationSerial> station =
        switch (random.nextInt(3)) {
          case 0 -> Optional.empty();
          case 1 -> Optional.of(new StationSerial(Optional.empty(), 1 + random.nextInt(99_999)));
          default -> Optional.of(new StationSerial(Optional.of("WHS"), 1 + random.nextInt(99_999)));
        };
    if (station.isPresent() && random.nextInt(8) == 0) {
      return new Designator.StationOnly(station.get());
    }
    return new Designator.Numbered(new Series(pick(SERIES)), 1 + random.nextInt(200), station);
  }

  private Reference reference() {
    return new Reference(
        new Series(pick(SERIES)),
        1 + random.nextInt(200),
        random.nextInt(3) == 0 ? OptionalInt.of(1 + random.nextInt(9)) : OptionalInt.empty(),
        random.nextInt(4) == 0 ? Optional.of(pick(EXCHANGES)) : Optional.empty());
  }

  private Paragraph paragraph(OptionalInt number) {
    List<Part> parts = new ArrayList<>();
    int count = random.nextInt(3) == 0 ? 0 : random.nextInt(5);
    char letter = 'A';
    for (int i = 0; i < count; i++) {
      if (random.nextInt(3) == 0) {
        String label =
            switch (random.nextInt(4)) {
              case 0 -> letter + ".";
              case 1 -> "(" + Character.toLowerCase(letter) + ")";
              case 2 -> "(" + (letter - 'A' + 1) + ")";
              default -> "(ii)";
            };
        letter++;
        parts.add(new Part.SubParagraph(label, block()));
      } else {
        parts.add(new Part.Block(block()));
      }
    }
    return new Paragraph(number, block(), parts);
  }

  /** Block text, sometimes starting with what would read as a number or label. */
  private String block() {
    String lead = random.nextInt(4) == 0 ? pick(LEADS) : "";
    return lead + words(1 + random.nextInt(30));
  }

  private String words(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(pick(WORDS));
    }
    return b.toString();
  }

  private void repeat(int n, Runnable r) {
    for (int i = 0; i < n; i++) {
      r.run();
    }
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
