package dev.backchannel.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Cosignatures as C2SP tlog-cosignature v1 writes them. */
class CosignatureTest {
  private static final String TEXT =
      "backchannel/WHS/0a1b2c3d\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

  private static KeyPair keys() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  @Test
  void aCosignatureVerifiesWithItsKeyAndStatesItsTime() throws Exception {
    KeyPair k = keys();
    byte[] raw = SignedNote.rawPublicKey(k.getPublic());
    String line =
        Cosignature.sign(TEXT, "backchannel/SAIGON/witness", k.getPrivate(), raw, 1_700_000_000L);
    assertThat(line).startsWith("\u2014 backchannel/SAIGON/witness ");
    byte[] bytes = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
    assertThat(bytes).hasSize(4 + 8 + 64);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    assertThat(b.getInt()).isEqualTo(Cosignature.keyId("backchannel/SAIGON/witness", raw));
    assertThat(b.getLong()).isEqualTo(1_700_000_000L);
    assertThat(Cosignature.verify(TEXT, line, "backchannel/SAIGON/witness", raw))
        .hasValue(1_700_000_000L);
  }

  @Test
  void aCosignatureOfAnotherCheckpointOrByAnotherKeyDoesNotVerify() throws Exception {
    KeyPair k = keys();
    byte[] raw = SignedNote.rawPublicKey(k.getPublic());
    String line = Cosignature.sign(TEXT, "w", k.getPrivate(), raw, 5);
    assertThat(Cosignature.verify(TEXT.replace("12", "13"), line, "w", raw)).isEmpty();
    assertThat(Cosignature.verify(TEXT, line, "w", SignedNote.rawPublicKey(keys().getPublic())))
        .isEmpty();
    assertThat(Cosignature.verify(TEXT, line, "v", raw)).isEmpty();
    assertThat(Cosignature.verify(TEXT, line.substring(0, line.length() - 4) + "AAAA", "w", raw))
        .isEmpty();
  }

  @Test
  void theKeyIdNamesTheCosignatureAlgorithmSoANoteKeyOfTheSameNameDiffers() throws Exception {
    byte[] raw = SignedNote.rawPublicKey(keys().getPublic());
    assertThat(Cosignature.keyId("w", raw)).isNotEqualTo(SignedNote.keyId("w", raw));
  }
}
