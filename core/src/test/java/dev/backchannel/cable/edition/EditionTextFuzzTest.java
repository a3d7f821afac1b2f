package dev.backchannel.cable.edition;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.CanonicalText;

/**
 * Fuzz target of the edition reader (issue 21). For any bytes, {@link EditionText#parse(byte[])}
 * either refuses them with its one documented exception, {@link CableSyntaxException}, or returns a
 * cable whose canonical text parses back to it. It never hangs: an input read for longer than
 * ${fuzz.timeout} seconds (10; libFuzzer's -timeout, which the fuzz-* executions set) is a finding.
 *
 * <p>Each input gets a reader of its own, so that a finding does not depend on what the reader's
 * memos kept from earlier inputs. Run by the surefire execution {@code fuzz-edition}
 * (core/pom.xml); seeds and findings are under {@code
 * src/test/resources/dev/backchannel/cable/edition/EditionTextFuzzTestInputs/parse/}.
 */
class EditionTextFuzzTest {
  @FuzzTest
  void parse(byte[] input) {
    EditionCable read;
    try {
      read = EditionText.standard().parse(input);
    } catch (CableSyntaxException refused) {
      return;
    }
    assertThat(read.canonical()).isEqualTo(CanonicalText.render(read.cable()));
    assertThat(CanonicalText.standard().parse(read.canonical())).isEqualTo(read.cable());
  }
}
