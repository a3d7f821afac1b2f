package dev.backchannel.cable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClearanceTest {

  static Clearance clearance(Classification level, String... caveats) {
    return new Clearance(
        level, Arrays.stream(caveats).map(Caveat::new).collect(Collectors.toSet()));
  }

  static SecurityLabel label(Classification level, String... caveats) {
    return new SecurityLabel(
        level, Arrays.stream(caveats).map(Caveat::new).toList(), Optional.empty());
  }

  @ParameterizedTest
  @CsvSource({
    "TOP_SECRET, TOP_SECRET, true",
    "TOP_SECRET, SECRET, true",
    "TOP_SECRET, UNCLASSIFIED, true",
    "SECRET, TOP_SECRET, false",
    "CONFIDENTIAL, SECRET, false",
    "UNCLASSIFIED, CONFIDENTIAL, false",
    "UNCLASSIFIED, UNCLASSIFIED, true"
  })
  void clearanceWithoutCaveatsDominatesAnUncaveatedLabelAtOrBelowItsLevel(
      Classification cleared, Classification labelled, boolean dominates) {
    assertThat(clearance(cleared).dominates(SecurityLabel.of(labelled))).isEqualTo(dominates);
  }

  @Test
  void clearanceHoldingEveryCaveatOfTheLabelDominatesIt() {
    assertThat(
            clearance(Classification.TOP_SECRET, "SENSITIVE", "NODIS", "UMBRA")
                .dominates(label(Classification.TOP_SECRET, "SENSITIVE", "NODIS")))
        .isTrue();
  }

  @Test
  void clearanceWithoutACaveatDoesNotDominateLabelWithIt() {
    assertThat(
            clearance(Classification.TOP_SECRET, "SENSITIVE")
                .dominates(label(Classification.SECRET, "SENSITIVE", "NODIS")))
        .isFalse();
  }

  @Test
  void clearanceAtALowerLevelDoesNotDominateWhateverItsCaveats() {
    assertThat(
            clearance(Classification.SECRET, "SENSITIVE", "NODIS")
                .dominates(label(Classification.TOP_SECRET, "SENSITIVE")))
        .isFalse();
  }

  @Test
  void eyesOnlyMarkingDoesNotTakePartInDominance() {
    SecurityLabel eyesOnly =
        new SecurityLabel(
            Classification.TOP_SECRET,
            List.of(new Caveat("SENSITIVE")),
            Optional.of(EyesOnly.EXCLUSIVELY_EYES_ONLY));

    assertThat(clearance(Classification.TOP_SECRET, "SENSITIVE").dominates(eyesOnly)).isTrue();
  }

  @Test
  void reachesTheLabelsLevelWhateverItsCaveats() {
    SecurityLabel label = label(Classification.SECRET, "NODIS");

    assertThat(clearance(Classification.SECRET).reaches(label)).isTrue();
    assertThat(clearance(Classification.TOP_SECRET).reaches(label)).isTrue();
    assertThat(clearance(Classification.CONFIDENTIAL, "NODIS").reaches(label)).isFalse();
  }

  @Test
  void reachingWithoutTheCaveatIsNotDominating() {
    SecurityLabel label = label(Classification.SECRET, "NODIS");
    Clearance clearance = clearance(Classification.TOP_SECRET);

    assertThat(clearance.reaches(label)).isTrue();
    assertThat(clearance.dominates(label)).isFalse();
  }

  @Test
  void caveatsAreCopiedAndUnmodifiable() {
    Set<Caveat> given = new HashSet<>(Set.of(new Caveat("NODIS")));
    Clearance clearance = new Clearance(Classification.SECRET, given);
    given.add(new Caveat("EXDIS"));

    assertThat(clearance.caveats()).containsExactly(new Caveat("NODIS"));
    assertThatThrownBy(() -> clearance.caveats().add(new Caveat("EXDIS")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void levelIsRequired() {
    assertThatThrownBy(() -> new Clearance(null, Set.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("level");
  }
}
