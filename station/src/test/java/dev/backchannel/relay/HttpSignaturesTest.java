package dev.backchannel.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9421 signatures as relay requests and answers carry them. */
class HttpSignaturesTest {
  // RFC 9421 B.1.4, test-key-ed25519
  private static final String PUBLIC =
      "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";
  private static final String PRIVATE =
      "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF";

  private static PrivateKey privateKey() throws Exception {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(PRIVATE)));
  }

  private static PublicKey publicKey() throws Exception {
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(PUBLIC)));
  }

  @Test
  void theSignatureBaseAndSignatureOfRfc9421B26AreReproducedByteForByte() throws Exception {
    List<String> components =
        List.of("date", "@method", "@path", "@authority", "content-type", "content-length");
    String params =
        "(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\")"
            + ";created=1618884473;keyid=\"test-key-ed25519\"";
    String base =
        HttpSignatures.base(
            components,
            params,
            Map.of(
                "date", "Tue, 20 Apr 2021 02:07:55 GMT",
                "@method", "POST",
                "@path", "/foo",
                "@authority", "example.com",
                "content-type", "application/json",
                "content-length", "18"));
    assertThat(base)
        .isEqualTo(
            "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
                + "\"@method\": POST\n"
                + "\"@path\": /foo\n"
                + "\"@authority\": example.com\n"
                + "\"content-type\": application/json\n"
                + "\"content-length\": 18\n"
                + "\"@signature-params\": "
                + params);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(privateKey());
    s.update(base.getBytes(StandardCharsets.UTF_8));
    assertThat(Base64.getEncoder().encodeToString(s.sign()))
        .isEqualTo(
            "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==");
  }

  @Test
  void theContentDigestIsRfc9530Sha256() {
    // RFC 9530's example body and its sha-256 Content-Digest
    assertThat(
            HttpSignatures.contentDigest("{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
  }

  private static final Map<String, String> VALUES =
      Map.of(
          "@method", "POST",
          "@path", "/relay/v1/cables",
          "content-digest", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
          "content-type", "application/json");

  @Test
  void aSignedRequestVerifiesWithItsKeyAndItsParametersReadBack() throws Exception {
    HttpSignatures.Params params =
        new HttpSignatures.Params(HttpSignatures.REQUEST_COMPONENTS, 1_700_000_000L, "WHS", "n-1");
    HttpSignatures.Signed signed = HttpSignatures.sign(privateKey(), params, VALUES);
    assertThat(signed.signatureInput())
        .isEqualTo(
            "sig1=(\"@method\" \"@path\" \"content-digest\" \"content-type\");created=1700000000"
                + ";keyid=\"WHS\";nonce=\"n-1\";alg=\"ed25519\"");
    HttpSignatures.Params read = HttpSignatures.params(signed.signatureInput());
    assertThat(read).isEqualTo(params);
    HttpSignatures.verify(
        publicKey(), read, HttpSignatures.REQUEST_COMPONENTS, signed.signature(), VALUES);
  }

  @Test
  void aSignatureByAnotherKeyOrOverOtherValuesIsRefused() throws Exception {
    HttpSignatures.Params params =
        new HttpSignatures.Params(HttpSignatures.REQUEST_COMPONENTS, 1_700_000_000L, "WHS", "n-1");
    KeyPair other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    HttpSignatures.Signed byOther = HttpSignatures.sign(other.getPrivate(), params, VALUES);
    assertThatThrownBy(
            () ->
                HttpSignatures.verify(
                    publicKey(),
                    params,
                    HttpSignatures.REQUEST_COMPONENTS,
                    byOther.signature(),
                    VALUES))
        .isInstanceOf(HttpSignatures.Refused.class)
        .hasMessage("the signature does not verify with the key of WHS");
    HttpSignatures.Signed mine = HttpSignatures.sign(privateKey(), params, VALUES);
    Map<String, String> otherPath = new java.util.HashMap<>(VALUES);
    otherPath.put("@path", "/relay/v1/reports");
    assertThatThrownBy(
            () ->
                HttpSignatures.verify(
                    publicKey(),
                    params,
                    HttpSignatures.REQUEST_COMPONENTS,
                    mine.signature(),
                    otherPath))
        .isInstanceOf(HttpSignatures.Refused.class);
  }

  @Test
  void aSignatureCoveringLessThanRequiredIsRefused() throws Exception {
    HttpSignatures.Params params =
        new HttpSignatures.Params(List.of("@method", "@path"), 1_700_000_000L, "WHS", "n-1");
    HttpSignatures.Signed signed = HttpSignatures.sign(privateKey(), params, VALUES);
    assertThatThrownBy(
            () ->
                HttpSignatures.verify(
                    publicKey(),
                    HttpSignatures.params(signed.signatureInput()),
                    HttpSignatures.REQUEST_COMPONENTS,
                    signed.signature(),
                    VALUES))
        .isInstanceOf(HttpSignatures.Refused.class)
        .hasMessage(
            "the signature must cover [@method, @path, content-digest, content-type], not"
                + " [@method, @path]");
  }

  @Test
  void malformedSignatureInputsAreRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> HttpSignatures.params(null))
        .hasMessage("the message is not signed: it has no Signature-Input");
    assertThatThrownBy(() -> HttpSignatures.params("sig1=(\"@method\");created=1;keyid=\"A\""))
        .hasMessage("the signature's alg must be ed25519");
    assertThatThrownBy(
            () ->
                HttpSignatures.params("sig1=(\"@method\");keyid=\"A\";nonce=\"n\";alg=\"ed25519\""))
        .hasMessage("the signature has no created");
    assertThatThrownBy(() -> HttpSignatures.params("sig2=(\"@method\");created=1"))
        .hasMessage("Signature-Input is not one signature sig1 as RFC 9421 writes it");
  }
}
