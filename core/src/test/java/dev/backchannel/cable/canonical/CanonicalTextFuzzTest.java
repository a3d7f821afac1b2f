package dev.backchannel.cable.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.InvalidValueException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target of the canonical parser (issue 21). For any bytes, {@link
 * CanonicalText#parse(byte[])} either refuses them with its syntax or value exception or returns a
 * cable; a cable read must render back to exactly the bytes read ({@code render(parse(x)) == x}),
 * parse again to an equal cable, and its label must be what {@link CanonicalText#label} reads from
 * the first two lines.
 *
 * <p>Run by the surefire execution {@code fuzz-canonical} (core/pom.xml) in fuzzing mode; its seeds
 * and any findings are under {@code src/test/resources/dev/backchannel/cable/canonical/
 * CanonicalTextFuzzTestInputs/parse/}.
 */
class CanonicalTextFuzzTest {
  private static final CanonicalText CANONICAL = CanonicalText.standard();

  @FuzzTest
  void parse(byte[] input) {
    Cable cable;
    try {
      cable = CANONICAL.parse(input);
    } catch (CableSyntaxException | InvalidValueException refused) {
      return;
    }
    String text = CanonicalText.render(cable);
    assertThat(text).isEqualTo(new String(input, StandardCharsets.UTF_8));
    assertThat(CANONICAL.parse(text)).isEqualTo(cable);
    assertThat(CANONICAL.label(text)).isEqualTo(cable.label());
  }
}
