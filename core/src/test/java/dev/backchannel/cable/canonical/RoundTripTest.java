package dev.backchannel.cable.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Part;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code parse(render(c)) == c} and {@code render(parse(x)) == x} over seeded random cables. */
class RoundTripTest {
  private static final int CABLES = 2_000;
  private final CanonicalText canonical = CanonicalText.standard();

  static LongStream seeds() {
    return LongStream.range(0, CABLES);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void parsingTheRenderingGivesTheSameCableAndText(long seed) {
    Cable cable = new CableGenerator(seed).cable();
    String text = CanonicalText.render(cable);

    Cable parsed = canonical.parse(text);

    assertThat(parsed).isEqualTo(cable);
    assertThat(CanonicalText.render(parsed)).isEqualTo(text);
    assertThat(CanonicalText.sha256(parsed)).isEqualTo(CanonicalText.sha256(cable));
  }

  enum Feature {
    INFO,
    PASS_TO,
    SEVERAL_HANDLING,
    REFERENCE_WITH_PARAGRAPH,
    REFERENCE_TO_OTHER_EXCHANGE,
    STATION_SERIAL_WITH_PREFIX,
    STATION_SERIAL_WITHOUT_PREFIX,
    STATION_SERIAL_ALONE,
    SUBPARAGRAPH,
    FURTHER_BLOCK,
    BODY_WITHOUT_NUMBERS,
    DRAFT,
    DTG_WITHOUT_DESIGNATOR,
    NON_ASCII,
    ESCAPED_BLOCK,
    EYES_ONLY,
    MULTI_WORD_CAVEAT,
    NO_SUBJECT
  }

  @Test
  void generatedCablesReachEveryOptionalPart() {
    Set<Feature> seen = EnumSet.noneOf(Feature.class);
    seeds().forEach(seed -> seen.addAll(features(new CableGenerator(seed).cable())));
    assertThat(seen).containsExactlyInAnyOrder(Feature.values());
  }

  private static Set<Feature> features(Cable c) {
    Set<Feature> f = EnumSet.noneOf(Feature.class);
    String text = CanonicalText.render(c);
    if (!c.info().isEmpty()) {
      f.add(Feature.INFO);
    }
    if (!c.passTo().isEmpty()) {
      f.add(Feature.PASS_TO);
    }
    if (c.handling().size() > 1) {
      f.add(Feature.SEVERAL_HANDLING);
    }
    if (c.references().stream().anyMatch(r -> r.paragraph().isPresent())) {
      f.add(Feature.REFERENCE_WITH_PARAGRAPH);
    }
    if (c.references().stream().anyMatch(r -> r.exchange().isPresent())) {
      f.add(Feature.REFERENCE_TO_OTHER_EXCHANGE);
    }
    c.designator()
        .ifPresent(
            d -> {
              if (d instanceof Designator.StationOnly) {
                f.add(Feature.STATION_SERIAL_ALONE);
              }
              d.stationSerial()
                  .ifPresent(
                      s ->
                          f.add(
                              s.prefix().isPresent()
                                  ? Feature.STATION_SERIAL_WITH_PREFIX
                                  : Feature.STATION_SERIAL_WITHOUT_PREFIX));
            });
    for (Paragraph p : c.paragraphs()) {
      for (Part part : p.parts()) {
        f.add(part instanceof Part.SubParagraph ? Feature.SUBPARAGRAPH : Feature.FURTHER_BLOCK);
      }
    }
    if (c.paragraphs().stream().allMatch(p -> p.number().isEmpty())) {
      f.add(Feature.BODY_WITHOUT_NUMBERS);
    }
    if (c.isDraft()) {
      f.add(Feature.DRAFT);
    }
    if (c.dtg().isPresent() && c.designator().isEmpty()) {
      f.add(Feature.DTG_WITHOUT_DESIGNATOR);
    }
    if (text.contains("’") && text.contains("—")) {
      f.add(Feature.NON_ASCII);
    }
    if (text.contains("\n\\") || text.contains("\n   \\")) {
      f.add(Feature.ESCAPED_BLOCK);
    }
    if (c.label().isEyesOnly()) {
      f.add(Feature.EYES_ONLY);
    }
    if (c.label().caveats().stream().anyMatch(cv -> cv.name().contains(" "))) {
      f.add(Feature.MULTI_WORD_CAVEAT);
    }
    if (c.subject().isEmpty()) {
      f.add(Feature.NO_SUBJECT);
    }
    return f;
  }
}
