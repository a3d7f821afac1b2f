package dev.backchannel.cable.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeenTest {
  @Test
  void aReleaseWithNothingUnreadAndNothingNewSinceTheDraftNeedsNoConfirmation() {
    assertThat(Seen.mustConfirm(List.of(), List.of())).isFalse();
  }

  @Test
  void anOppositeCableDeliveredAndNotOpenedAsksForConfirmation() {
    assertThat(Seen.mustConfirm(List.of("Tohak 84"), List.of())).isTrue();
  }

  @Test
  void anOppositeCableDeliveredSinceTheDraftWasSavedAsksForConfirmation() {
    assertThat(Seen.mustConfirm(List.of(), List.of("Tohak 85"))).isTrue();
  }
}
