package dev.backchannel.cable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityLabelTest {

  static List<Caveat> caveats(String... names) {
    return Arrays.stream(names).map(Caveat::new).toList();
  }

  static SecurityLabel label(Classification level, Optional<EyesOnly> eyesOnly, String... names) {
    return new SecurityLabel(level, caveats(names), eyesOnly);
  }

  static SecurityLabel label(Classification level, String... names) {
    return label(level, Optional.empty(), names);
  }

  @Test
  void bannerIsClassificationThenCaveatsThenEyesOnlyMarking() {
    SecurityLabel label =
        label(Classification.TOP_SECRET, Optional.of(EyesOnly.EXCLUSIVELY_EYES_ONLY), "SENSITIVE");

    assertThat(label.banner()).isEqualTo("TOP SECRET SENSITIVE EXCLUSIVELY EYES ONLY");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UNCLASSIFIED | '' | '' | UNCLASSIFIED",
        "TOP_SECRET | '' | '' | TOP SECRET",
        "SECRET | NODIS | '' | SECRET NODIS",
        "CONFIDENTIAL | '' | EYES_ONLY | CONFIDENTIAL EYES ONLY",
        "TOP_SECRET | SENSITIVE,NODIS | EYES_ONLY | TOP SECRET NODIS SENSITIVE EYES ONLY",
        "TOP_SECRET | SENSITIVE,OUTSIDE THE SYSTEM | LITERALLY_EYES_ONLY"
            + " | TOP SECRET OUTSIDE THE SYSTEM SENSITIVE LITERALLY EYES ONLY"
      })
  void bannerListsCaveatsAlphabetically(
      Classification level, String caveatNames, String marking, String banner) {
    Optional<EyesOnly> eyesOnly =
        marking.isEmpty() ? Optional.empty() : Optional.of(EyesOnly.valueOf(marking));
    String[] names = caveatNames.isEmpty() ? new String[0] : caveatNames.split(",");

    assertThat(label(level, eyesOnly, names).banner()).isEqualTo(banner);
  }

  @Test
  void caveatsAreHeldSortedAndDeDuplicated() {
    SecurityLabel label =
        label(Classification.SECRET, "SENSITIVE", "NODIS", "sensitive", "EXDIS", "NODIS");

    assertThat(label.caveats())
        .extracting(Caveat::name)
        .containsExactly("EXDIS", "NODIS", "SENSITIVE");
  }

  @Test
  void labelsWithTheSameCaveatsInAnotherOrderAreEqual() {
    assertThat(label(Classification.SECRET, "NODIS", "EXDIS"))
        .isEqualTo(label(Classification.SECRET, "EXDIS", "NODIS", "EXDIS"));
  }

  @Test
  void caveatsCannotBeChangedAfterConstruction() {
    List<Caveat> given = new ArrayList<>(caveats("NODIS"));
    SecurityLabel label = new SecurityLabel(Classification.SECRET, given, Optional.empty());
    given.add(new Caveat("EXDIS"));

    assertThat(label.caveats()).extracting(Caveat::name).containsExactly("NODIS");
    assertThatThrownBy(() -> label.caveats().add(new Caveat("EXDIS")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void ofGivesALabelWithoutCaveatsOrEyesOnlyMarking() {
    SecurityLabel label = SecurityLabel.of(Classification.CONFIDENTIAL);

    assertThat(label.classification()).isEqualTo(Classification.CONFIDENTIAL);
    assertThat(label.caveats()).isEmpty();
    assertThat(label.eyesOnly()).isEmpty();
    assertThat(label.isEyesOnly()).isFalse();
  }

  @Test
  void isEyesOnlyWithAnyMarking() {
    for (EyesOnly e : EyesOnly.values()) {
      assertThat(label(Classification.SECRET, Optional.of(e)).isEyesOnly()).isTrue();
    }
  }

  @Test
  void classificationAndEyesOnlyAreRequired() {
    assertThatThrownBy(() -> new SecurityLabel(null, List.of(), Optional.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("classification");
    assertThatThrownBy(() -> new SecurityLabel(Classification.SECRET, List.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("eyesOnly");
  }

  @Test
  void higherLevelWithTheSameCaveatsDominates() {
    assertThat(
            label(Classification.TOP_SECRET, "NODIS")
                .dominates(label(Classification.SECRET, "NODIS")))
        .isTrue();
  }

  @Test
  void labelDominatesItself() {
    SecurityLabel label = label(Classification.SECRET, "NODIS", "SENSITIVE");

    assertThat(label.dominates(label)).isTrue();
  }

  @Test
  void lowerLevelDoesNotDominateEvenWithMoreCaveats() {
    assertThat(
            label(Classification.SECRET, "NODIS", "SENSITIVE")
                .dominates(label(Classification.TOP_SECRET, "NODIS")))
        .isFalse();
  }

  @Test
  void labelMissingACaveatDoesNotDominateOneWithIt() {
    assertThat(
            label(Classification.TOP_SECRET, "NODIS")
                .dominates(label(Classification.SECRET, "NODIS", "SENSITIVE")))
        .isFalse();
  }

  @Test
  void labelWithMoreCaveatsDominatesOneWithFewer() {
    assertThat(
            label(Classification.SECRET, "NODIS", "SENSITIVE")
                .dominates(label(Classification.SECRET, "SENSITIVE")))
        .isTrue();
  }

  @Test
  void eyesOnlyMarkingsDoNotTakePartInDominance() {
    SecurityLabel plain = label(Classification.TOP_SECRET, "SENSITIVE");
    SecurityLabel eyesOnly =
        label(Classification.TOP_SECRET, Optional.of(EyesOnly.EXCLUSIVELY_EYES_ONLY), "SENSITIVE");

    assertThat(plain.dominates(eyesOnly)).isTrue();
    assertThat(eyesOnly.dominates(plain)).isTrue();
  }
}
