package dev.backchannel.relay;

import dev.backchannel.server.ApiException;
import dev.backchannel.store.PeerInfo;
import dev.backchannel.store.Store;
import io.javalin.http.Context;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How this station signs what it sends a peer and checks what a peer sends it (issue 25): requests
 * and answers signed with the stations' Ed25519 keys (RFC 9421, {@link HttpSignatures}), a request
 * accepted only from a known peer's key, within {@link #WINDOW} of its {@code created} time, and
 * once: its nonce is remembered for the window, so that a replayed request is refused.
 */
public final class RelaySignatures {
  /** How far a request's {@code created} may be from this station's clock, either way. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  /** At most this many nonces remembered; past it, requests are refused until some expire. */
  static final int MAX_NONCES = 200_000;

  /** This station as it signs: its prefix, which peers know it by, and its key pair. */
  public record Self(String name, PrivateKey privateKey, PublicKey publicKey) {
    public Self {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(publicKey, "publicKey");
    }
  }

  /** A request whose signature was checked: the peer that signed it, its nonce and its body. */
  public record Verified(String peer, String nonce, byte[] body) {
    public Verified {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(nonce, "nonce");
      Objects.requireNonNull(body, "body");
    }
  }

  private final Store store;
  private final Optional<Self> self;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> nonces = new LinkedHashMap<>();

  /**
   * @param self this station's identity; without its key, this station neither sends nor accepts
   *     relay requests
   */
  public RelaySignatures(Store store, Optional<Self> self, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.self = Objects.requireNonNull(self, "self");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Optional<Self> self() {
    return self;
  }

  /**
   * Checks a peer's request: signed by a known peer's key over its method, path, body digest and
   * content type, within the window, never seen before.
   *
   * @throws ApiException 401 SIGNATURE saying why it was refused; 503 when this station has no key
   */
  public Verified verifyRequest(Context ctx) {
    if (self.isEmpty()) {
      throw new ApiException(
          503, "NO_KEY", "", "this station has no signing key, so it takes no relay traffic");
    }
    byte[] body = ctx.bodyAsBytes();
    try {
      HttpSignatures.Params params = HttpSignatures.params(ctx.header("Signature-Input"));
      PeerInfo peer =
          store
              .peer(params.keyId())
              .orElseThrow(
                  () ->
                      new HttpSignatures.Refused(
                          "the key " + params.keyId() + " is not a peer's of this station"));
      String digest = HttpSignatures.contentDigest(body);
      if (!digest.equals(ctx.header("Content-Digest"))) {
        throw new HttpSignatures.Refused("Content-Digest does not match the body");
      }
      HttpSignatures.verify(
          PeerKeys.parse(peer.publicKey()),
          params,
          HttpSignatures.REQUEST_COMPONENTS,
          ctx.header("Signature"),
          Map.of(
              "@method", ctx.method().name(),
              "@path", ctx.path(),
              "content-digest", digest,
              "content-type", Objects.requireNonNullElse(ctx.header("Content-Type"), "")));
      long now = clock.millis() / 1000;
      if (Math.abs(now - params.created()) > WINDOW.toSeconds()) {
        throw new HttpSignatures.Refused(
            "the request was created at "
                + params.created()
                + ", more than "
                + WINDOW.toMinutes()
                + " minutes from this station's clock ("
                + now
                + ")");
      }
      remember(peer.name() + " " + params.nonce(), now);
      return new Verified(peer.name(), params.nonce(), body);
    } catch (HttpSignatures.Refused e) {
      throw new ApiException(401, "SIGNATURE", "signature", e.getMessage());
    }
  }

  /** Remembers a nonce for the window; refuses one seen within it. */
  private synchronized void remember(String nonce, long now) throws HttpSignatures.Refused {
    Iterator<Map.Entry<String, Long>> oldest = nonces.entrySet().iterator();
    while (oldest.hasNext()) {
      if (oldest.next().getValue() >= now - 2 * WINDOW.toSeconds()) {
        break;
      }
      oldest.remove();
    }
    if (nonces.containsKey(nonce)) {
      throw new HttpSignatures.Refused("the request was replayed: its nonce was used before");
    }
    if (nonces.size() >= MAX_NONCES) {
      throw new HttpSignatures.Refused("too many requests within the window; try again later");
    }
    nonces.put(nonce, now);
  }

  /** Answers a verified request with a JSON body signed by this station, bound to its nonce. */
  public void replySigned(Context ctx, Verified request, byte[] json) {
    Self s = self.orElseThrow();
    String digest = HttpSignatures.contentDigest(json);
    HttpSignatures.Params params =
        new HttpSignatures.Params(
            HttpSignatures.RESPONSE_COMPONENTS, clock.millis() / 1000, s.name(), request.nonce());
    HttpSignatures.Signed signed =
        HttpSignatures.sign(
            s.privateKey(), params, Map.of("@status", "200", "content-digest", digest));
    ctx.status(200)
        .contentType("application/json")
        .header("Content-Digest", digest)
        .header("Signature-Input", signed.signatureInput())
        .header("Signature", signed.signature())
        .result(json);
  }

  /** The headers that sign a request to a peer, with a fresh nonce. */
  public Map<String, String> signRequest(String method, String path, byte[] body) {
    Self s = self.orElseThrow(() -> new IllegalStateException("this station has no signing key"));
    byte[] n = new byte[16];
    random.nextBytes(n);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(n);
    String digest = HttpSignatures.contentDigest(body);
    HttpSignatures.Params params =
        new HttpSignatures.Params(
            HttpSignatures.REQUEST_COMPONENTS, clock.millis() / 1000, s.name(), nonce);
    HttpSignatures.Signed signed =
        HttpSignatures.sign(
            s.privateKey(),
            params,
            Map.of(
                "@method", method,
                "@path", path,
                "content-digest", digest,
                "content-type", "application/json"));
    return Map.of(
        "Content-Type",
        "application/json",
        "Content-Digest",
        digest,
        "Signature-Input",
        signed.signatureInput(),
        "Signature",
        signed.signature());
  }

  /**
   * Checks a peer's answer: signed with its key over status and body digest, bound to our request
   * by its nonce.
   *
   * @throws HttpSignatures.Refused saying why the answer cannot be trusted
   */
  public void verifyAnswer(
      PeerInfo peer,
      Map<String, String> requestHeaders,
      int status,
      Optional<String> signatureInput,
      Optional<String> signature,
      Optional<String> contentDigest,
      byte[] body)
      throws HttpSignatures.Refused {
    HttpSignatures.Params sent = HttpSignatures.params(requestHeaders.get("Signature-Input"));
    HttpSignatures.Params params = HttpSignatures.params(signatureInput.orElse(null));
    if (!params.keyId().equalsIgnoreCase(peer.name())) {
      throw new HttpSignatures.Refused(
          "the answer is signed by " + params.keyId() + ", not by " + peer.name());
    }
    if (!params.nonce().equals(sent.nonce())) {
      throw new HttpSignatures.Refused("the answer is not to this request: its nonce differs");
    }
    String digest = HttpSignatures.contentDigest(body);
    if (!contentDigest.filter(digest::equals).isPresent()) {
      throw new HttpSignatures.Refused("the answer's Content-Digest does not match its body");
    }
    HttpSignatures.verify(
        PeerKeys.parse(peer.publicKey()),
        params,
        HttpSignatures.RESPONSE_COMPONENTS,
        signature.orElse(null),
        Map.of("@status", String.valueOf(status), "content-digest", digest));
  }
}
