package dev.backchannel.relay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Message Signatures (RFC 9421) as stations sign their relay requests and answers: Ed25519
 * over a signature base of the covered components, with the body bound by its {@code
 * Content-Digest} (RFC 9530, sha-256). One signature, labelled {@code sig1}, with the parameters
 * {@code created}, {@code keyid}, {@code nonce} and {@code alg="ed25519"}.
 *
 * <p>Only what relay uses is read: a signature's inner list of component names and its parameters
 * as RFC 8941 strings and integers. Anything else in the headers is refused, as an unknown
 * signature would be.
 */
public final class HttpSignatures {
  private HttpSignatures() {}

  /** The label of the one signature a relay message carries. */
  public static final String LABEL = "sig1";

  /** The components a request covers. */
  public static final List<String> REQUEST_COMPONENTS =
      List.of("@method", "@path", "content-digest", "content-type");

  /** The components an answer covers; its nonce is the request's, which binds the two. */
  public static final List<String> RESPONSE_COMPONENTS = List.of("@status", "content-digest");

  /** A signature's parameters as {@code Signature-Input} states them. */
  public record Params(List<String> components, long created, String keyId, String nonce) {
    public Params {
      components = List.copyOf(components);
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(nonce, "nonce");
    }

    /** The serialised parameters: the value of {@code @signature-params} and of the header. */
    public String text() {
      StringBuilder b = new StringBuilder("(");
      for (int i = 0; i < components.size(); i++) {
        b.append(i == 0 ? "" : " ").append('"').append(components.get(i)).append('"');
      }
      return b.append(");created=")
          .append(created)
          .append(";keyid=\"")
          .append(keyId)
          .append("\";nonce=\"")
          .append(nonce)
          .append("\";alg=\"ed25519\"")
          .toString();
    }
  }

  /** A message's signature as sent: the {@code Signature-Input} and {@code Signature} values. */
  public record Signed(String signatureInput, String signature) {
    public Signed {
      Objects.requireNonNull(signatureInput, "signatureInput");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** Why a signature was refused, in words for the refused party. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message);
    }
  }

  /** The {@code Content-Digest} value of a body: {@code sha-256=:base64:}. */
  public static String contentDigest(byte[] body) {
    try {
      return "sha-256=:"
          + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body))
          + ":";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The signature base (RFC 9421 2.5): one line per covered component, {@code "name": value}, and
   * the {@code @signature-params} line last, with no final newline.
   *
   * @param values each covered component's value, by name
   * @throws IllegalArgumentException if a covered component has no value
   */
  public static String base(Params params, Map<String, String> values) {
    return base(params.components(), params.text(), values);
  }

  /**
   * The signature base of {@link #base(Params, Map)}, with the {@code @signature-params} value as
   * serialised already.
   *
   * @throws IllegalArgumentException if a covered component has no value
   */
  public static String base(
      List<String> components, String signatureParams, Map<String, String> values) {
    StringBuilder b = new StringBuilder();
    for (String c : components) {
      String value = values.get(c);
      if (value == null) {
        throw new IllegalArgumentException("component: no value for the covered " + c);
      }
      b.append('"').append(c).append("\": ").append(value).append('\n');
    }
    return b.append("\"@signature-params\": ").append(signatureParams).toString();
  }

  /** Signs a message's components with the station's key. */
  public static Signed sign(PrivateKey key, Params params, Map<String, String> values) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(base(params, values).getBytes(StandardCharsets.UTF_8));
      return new Signed(
          LABEL + "=" + params.text(),
          LABEL + "=:" + Base64.getEncoder().encodeToString(s.sign()) + ":");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not sign with the station's Ed25519 key", e);
    }
  }

  private static final Pattern INPUT =
      Pattern.compile(
          Pattern.quote(LABEL)
              + "=\\(((?:\"[a-z0-9@\\-]+\"(?: \"[a-z0-9@\\-]+\")*)?)\\)((?:;[a-z]+=(?:\"[\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e]*\"|[0-9]{1,15}))*)");
  private static final Pattern PARAM =
      Pattern.compile(";([a-z]+)=(?:\"([\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e]*)\"|([0-9]{1,15}))");
  private static final Pattern SIGNATURE =
      Pattern.compile(Pattern.quote(LABEL) + "=:([A-Za-z0-9+/]{1,200}={0,2}):");

  /**
   * Reads a {@code Signature-Input} value.
   *
   * @throws Refused if it is not one {@code sig1} signature with {@code created}, {@code keyid},
   *     {@code nonce} and {@code alg="ed25519"}
   */
  public static Params params(String signatureInput) throws Refused {
    if (signatureInput == null) {
      throw new Refused("the message is not signed: it has no Signature-Input");
    }
    Matcher m = INPUT.matcher(signatureInput.strip());
    if (!m.matches()) {
      throw new Refused("Signature-Input is not one signature sig1 as RFC 9421 writes it");
    }
    List<String> components = new ArrayList<>();
    if (!m.group(1).isEmpty()) {
      for (String c : m.group(1).split(" ")) {
        components.add(c.substring(1, c.length() - 1));
      }
    }
    Map<String, String> p = new LinkedHashMap<>();
    Matcher pm = PARAM.matcher(m.group(2));
    while (pm.find()) {
      if (p.put(pm.group(1), pm.group(2) != null ? pm.group(2) : pm.group(3)) != null) {
        throw new Refused("Signature-Input names the parameter " + pm.group(1) + " twice");
      }
    }
    if (!"ed25519".equals(p.get("alg"))) {
      throw new Refused("the signature's alg must be ed25519");
    }
    for (String needed : List.of("created", "keyid", "nonce")) {
      if (!p.containsKey(needed)) {
        throw new Refused("the signature has no " + needed);
      }
    }
    try {
      return new Params(
          components, Long.parseLong(p.get("created")), p.get("keyid"), p.get("nonce"));
    } catch (NumberFormatException e) {
      throw new Refused("the signature's created is not a number of seconds");
    }
  }

  /**
   * Checks a signature over a message's components.
   *
   * @param covered the components the receiver requires the signature to cover, in order
   * @throws Refused if the signature covers other components, is malformed, or does not verify with
   *     {@code key}
   */
  public static void verify(
      PublicKey key,
      Params params,
      List<String> covered,
      String signature,
      Map<String, String> values)
      throws Refused {
    if (!params.components().equals(covered)) {
      throw new Refused("the signature must cover " + covered + ", not " + params.components());
    }
    Optional<byte[]> bytes = signatureBytes(signature);
    if (bytes.isEmpty()) {
      throw new Refused("Signature is not one signature sig1 as RFC 9421 writes it");
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(base(params, values).getBytes(StandardCharsets.UTF_8));
      if (!s.verify(bytes.get())) {
        throw new Refused("the signature does not verify with the key of " + params.keyId());
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new Refused("the signature does not verify with the key of " + params.keyId());
    }
  }

  private static Optional<byte[]> signatureBytes(String signature) {
    if (signature == null) {
      return Optional.empty();
    }
    Matcher m = SIGNATURE.matcher(signature.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(m.group(1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
