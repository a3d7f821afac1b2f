package dev.backchannel.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Checkpoints and signed notes byte for byte against the examples of the C2SP specifications. */
class CheckpointTest {
  /** The example of C2SP tlog-checkpoint. */
  private static final String CHECKPOINT_TEXT =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

  private static final String CHECKPOINT_SIGNATURE =
      "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=";

  /** The example of C2SP signed-note: a verifier key and the note it verifies. */
  private static final String NOTE_VKEY =
      "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

  private static final String NOTE_TEXT = "This is an example message.\n";
  private static final String NOTE_SIGNATURE =
      "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=";
  private static final String NOTE =
      NOTE_TEXT + "\n\u2014 example.com/foo " + NOTE_SIGNATURE + "\n";

  @Test
  void theSpecificationsCheckpointParsesAndIsWrittenAgainByteForByte() {
    Checkpoint c = Checkpoint.parse(CHECKPOINT_TEXT);

    assertThat(c.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(c.size()).isEqualTo(20852163L);
    assertThat(c.root())
        .isEqualTo(
            Hash.of(Base64.getDecoder().decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")));
    assertThat(c.text()).isEqualTo(CHECKPOINT_TEXT);
    byte[] line = Base64.getDecoder().decode(CHECKPOINT_SIGNATURE);
    assertThat(line).as("key id and an Ed25519 signature").hasSize(4 + 64);
  }

  @Test
  void theSpecificationsSignedNoteOpensWithItsKeyAndIsWrittenAgainByteForByte() {
    SignedNote.Verifier v = SignedNote.Verifier.parse(NOTE_VKEY);

    assertThat(v.keyId()).isEqualTo(0x530d903a);
    assertThat(SignedNote.open(NOTE, v)).contains(NOTE_TEXT);
    byte[] line = Base64.getDecoder().decode(NOTE_SIGNATURE);
    assertThat(ByteBuffer.wrap(line).getInt()).isEqualTo(v.keyId());
    assertThat(SignedNote.withSignature(NOTE_TEXT, v, Arrays.copyOfRange(line, 4, line.length)))
        .isEqualTo(NOTE);
  }

  @Test
  void aCheckpointWithExtensionLinesParsesToItsThreeLines() {
    Checkpoint c = Checkpoint.parse(CHECKPOINT_TEXT + "extension\n");

    assertThat(c.text()).isEqualTo(CHECKPOINT_TEXT);
  }

  @Test
  void aMalformedCheckpointIsRefusedNamingTheLine() {
    assertThatThrownBy(() -> Checkpoint.parse("example.com/log\n0042\nAAAA\n"))
        .hasMessage(
            "checkpoint: the size line is not a decimal number without leading zeroes: 0042");
    assertThatThrownBy(() -> Checkpoint.parse("example.com/log\n42\n"))
        .hasMessage(
            "checkpoint: a checkpoint has an origin, a size and a root hash line, not 2 lines");
    assertThatThrownBy(() -> Checkpoint.parse("example.com/log\n42\nAAAA\n"))
        .hasMessage("checkpoint: the root hash is 3 bytes, not 32");
    assertThatThrownBy(() -> Checkpoint.parse("example.com/log\n42\n!!\n"))
        .hasMessage("checkpoint: the root hash line is not base64: !!");
    assertThatThrownBy(() -> new Checkpoint("a log", 1, Rfc6962.emptyRoot()))
        .hasMessage("origin: a log's origin is not empty and holds no white space or '+': a log");
  }
}
