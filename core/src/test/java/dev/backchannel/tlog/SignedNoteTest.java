package dev.backchannel.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

/** Signed notes as C2SP's signed-note and Go's sumdb/note write and read them. */
class SignedNoteTest {

  /** The example of Go's sumdb/note documentation: a key, a text, its signed note. */
  private static final String GO_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

  private static final String GO_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";

  private static final String GO_NOTE =
      GO_TEXT
          + "\n"
          + "\u2014 PeterNeumann"
          + " x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  private static KeyPair keys() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  @Test
  void goSumdbNotesExampleOpensWithItsVerifierKey() {
    SignedNote.Verifier v = SignedNote.Verifier.parse(GO_VKEY);

    assertThat(v.text()).isEqualTo(GO_VKEY);
    assertThat(SignedNote.open(GO_NOTE, v)).contains(GO_TEXT);
  }

  @Test
  void aNoteSignedHereOpensWithItsKeyAndNotWithAnother() throws Exception {
    KeyPair kp = keys();
    SignedNote.Verifier v =
        SignedNote.Verifier.of("whs.example/log", SignedNote.rawPublicKey(kp.getPublic()));
    String text = "whs.example/log\n42\nbase64root=\n";

    String note = SignedNote.sign(text, v, kp.getPrivate());

    assertThat(SignedNote.open(note, v)).contains(text);
    assertThat(SignedNote.open(note, SignedNote.Verifier.parse(v.text()))).contains(text);
    KeyPair other = keys();
    assertThat(
            SignedNote.open(
                note,
                SignedNote.Verifier.of(
                    "whs.example/log", SignedNote.rawPublicKey(other.getPublic()))))
        .isEmpty();
  }

  @Test
  void aChangedTextOrSignatureDoesNotOpen() throws Exception {
    KeyPair kp = keys();
    SignedNote.Verifier v =
        SignedNote.Verifier.of("whs.example/log", SignedNote.rawPublicKey(kp.getPublic()));
    String note = SignedNote.sign("whs.example/log\n42\nAAAA\n", v, kp.getPrivate());

    assertThat(SignedNote.open(note.replace("42", "43"), v)).isEmpty();
    int sig = note.lastIndexOf(' ') + 5;
    String flipped =
        note.substring(0, sig) + (note.charAt(sig) == 'A' ? 'B' : 'A') + note.substring(sig + 1);
    assertThat(SignedNote.open(flipped, v)).isEmpty();
    assertThat(
            SignedNote.open(
                GO_NOTE.replace("problem,", "problem;"), SignedNote.Verifier.parse(GO_VKEY)))
        .isEmpty();
  }

  @Test
  void aVerifierKeyWhoseIdIsNotItsKeysIsRefused() {
    assertThatThrownBy(
            () ->
                SignedNote.Verifier.parse(
                    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key id: c74f20a4 is not the id of PeterNeumann's key");
  }

  @Test
  void aTextWithABlankLineOrNoFinalNewlineIsNotSigned() throws Exception {
    KeyPair kp = keys();
    SignedNote.Verifier v = SignedNote.Verifier.of("log", SignedNote.rawPublicKey(kp.getPublic()));

    assertThatThrownBy(() -> SignedNote.sign("a\n\nb\n", v, kp.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignedNote.sign("a", v, kp.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
