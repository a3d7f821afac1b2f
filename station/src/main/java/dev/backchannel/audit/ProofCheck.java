package dev.backchannel.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.tlog.Checkpoint;
import dev.backchannel.tlog.Proofs;
import dev.backchannel.tlog.Rfc6962;
import dev.backchannel.tlog.SignedNote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a {@link ReceiptProof} offline, with nothing but the proof, as the README's algorithm
 * says: the key's id, the checkpoint's signature by that key, each entry's inclusion in the
 * checkpoint, and that a receipt names the cable its release entry names.
 */
public final class ProofCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProofCheck() {}

  /** What a good proof proves: the checkpoint, and its entries as JSON, in the proof's order. */
  public record Proven(Checkpoint checkpoint, List<JsonNode> entries) {
    public Proven {
      Objects.requireNonNull(checkpoint, "checkpoint");
      entries = List.copyOf(entries);
    }
  }

  /** A proof that does not hold: what did not match. */
  public static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  /**
   * Checks the proof.
   *
   * @throws Failed saying the first thing that does not hold
   */
  public static Proven check(ReceiptProof proof) throws Failed {
    SignedNote.Verifier key;
    try {
      key = SignedNote.Verifier.parse(proof.publicKey());
    } catch (IllegalArgumentException e) {
      throw new Failed("the proof's key is no Ed25519 verifier key: " + e.getMessage());
    }
    String text =
        SignedNote.open(proof.checkpoint(), key)
            .orElseThrow(
                () ->
                    new Failed(
                        "the checkpoint does not carry a good signature by "
                            + key.name()
                            + " (key "
                            + String.format("%08x", key.keyId())
                            + ")"));
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Failed("the signed text is no checkpoint: " + e.getMessage());
    }
    if (!checkpoint.origin().equals(key.name())) {
      throw new Failed(
          "the checkpoint is of the log "
              + checkpoint.origin()
              + ", not of the key's log "
              + key.name());
    }
    List<JsonNode> entries = new ArrayList<>();
    for (ReceiptProof.Entry e : proof.entries()) {
      byte[] bytes = e.entry().getBytes(StandardCharsets.UTF_8);
      if (!Proofs.verifyInclusion(
          Rfc6962.leafHash(bytes),
          e.index(),
          checkpoint.size(),
          e.inclusion(),
          checkpoint.root())) {
        throw new Failed(
            "entry "
                + e.index()
                + " is not in the checkpoint of "
                + checkpoint.size()
                + " entries: its inclusion proof does not lead to the checkpoint's root");
      }
      try {
        entries.add(JSON.readTree(e.entry()));
      } catch (JsonProcessingException x) {
        throw new Failed("entry " + e.index() + " is not JSON");
      }
    }
    String cable = entries.getFirst().path("cable").asText("");
    for (JsonNode e : entries) {
      if (!e.path("cable").asText("").equals(cable)) {
        throw new Failed(
            "the entries name different cables: " + cable + " and " + e.path("cable").asText(""));
      }
    }
    return new Proven(checkpoint, entries);
  }
}
