package dev.backchannel.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterEnums.ECharacterCategory;
import com.ibm.icu.text.Normalizer2;
import dev.backchannel.service.Refused;

/**
 * Fuzz target of the name policy (issue 21): any text, as any kind of name. The policy either
 * accepts it unchanged, and then it holds nothing the policy forbids, or refuses it as INVALID
 * naming the field, with a message a terminal cannot act on. Its skeleton is always computed.
 *
 * <p>Run by the surefire execution {@code fuzz-names} (station/pom.xml); seeds and findings are
 * under {@code src/test/resources/dev/backchannel/names/NamesFuzzTestInputs/require/}.
 */
class NamesFuzzTest {

  @FuzzTest
  void require(FuzzedDataProvider data) {
    Names.Kind kind = data.pickValue(Names.Kind.values());
    String name = data.consumeRemainingAsString();
    String skeleton = Names.skeleton(name);
    assertThat(skeleton).isNotNull();
    try {
      assertThat(Names.require(kind, "name", name)).isEqualTo(name);
    } catch (Refused e) {
      assertThat(e.kind()).isEqualTo(Refused.Kind.INVALID);
      assertThat(e.field()).isEqualTo("name");
      assertThat(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f))
          .as("a refusal shows the name escaped: %s", e.getMessage())
          .isTrue();
      return;
    }
    assertThat(Normalizer2.getNFCInstance().isNormalized(name)).as("NFC").isTrue();
    assertThat(name).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
    name.codePoints()
        .forEach(
            c -> {
              int type = UCharacter.getType(c);
              assertThat(type)
                  .as("U+%04X", c)
                  .isNotIn(
                      (int) ECharacterCategory.CONTROL,
                      (int) ECharacterCategory.FORMAT,
                      (int) ECharacterCategory.PRIVATE_USE,
                      (int) ECharacterCategory.UNASSIGNED,
                      (int) ECharacterCategory.SURROGATE);
              if (type == ECharacterCategory.SPACE_SEPARATOR) {
                assertThat(c).as("U+%04X", c).isEqualTo(' ');
              }
            });
  }
}
