package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.tlog.Checkpoint;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.Proofs;
import dev.backchannel.tlog.SignedNote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The CLI as a witness of the stations it talks to (G8): it keeps, per station, the latest
 * checkpoint it verified, owner-only beside the login ({@code checkpoints.json}), and before any
 * command's work checks the station's current checkpoint against it: signed by the same key, no
 * smaller, and holding the old tree (an RFC 6962 consistency proof). A station that rewrote or
 * truncated its history fails here, for every client that saw the old one.
 */
final class Witness {
  private final Path file;
  private final ObjectMapper json;

  Witness(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
  }

  /** The witness of this environment, beside its login file. */
  static Witness of(CliContext context) {
    return new Witness(LoginFile.of(context).folder().resolve("checkpoints.json"), context.json());
  }

  /**
   * Checks the station's latest checkpoint against the one kept for it, and keeps the new one.
   *
   * @throws StationClient.Failure LOG_INCONSISTENT (exit 1) saying what did not match
   */
  void check(StationClient client) {
    try {
      witness(client);
    } catch (IllegalArgumentException e) {
      // a station that answers out of protocol has as little to show for its history
      throw inconsistent(client.url(), "its log's answer is malformed: " + e.getMessage());
    }
  }

  private void witness(StationClient client) {
    JsonNode log = client.get("/api/log");
    if (!log.has("checkpoint")) {
      return;
    }
    String url = client.url();
    SignedNote.Verifier key = SignedNote.Verifier.parse(log.path("publicKey").asText());
    String note = log.path("checkpoint").path("note").asText();
    Checkpoint now =
        open(note, key)
            .orElseThrow(
                () ->
                    inconsistent(
                        url,
                        "its latest checkpoint does not carry a good signature by its own key "
                            + key.text()));
    ObjectNode kept = read();
    JsonNode before = kept.path(url);
    if (before.isObject()) {
      SignedNote.Verifier oldKey = SignedNote.Verifier.parse(before.path("publicKey").asText());
      if (!oldKey.equals(key)) {
        throw inconsistent(
            url,
            "its log is now signed by "
                + key.text()
                + ", not by the key "
                + oldKey.text()
                + " of the checkpoint you verified");
      }
      Checkpoint old =
          open(before.path("note").asText(), oldKey)
              .orElseThrow(() -> new IllegalStateException("the kept checkpoint of " + url));
      if (now.size() < old.size()) {
        throw inconsistent(
            url,
            "its log now holds "
                + now.size()
                + " entries, fewer than the "
                + old.size()
                + " of the checkpoint you verified: history was removed");
      }
      if (now.size() == old.size() && !now.root().equals(old.root())) {
        throw inconsistent(
            url,
            "its checkpoint of "
                + now.size()
                + " entries has another root than the one you verified: history was rewritten");
      }
      if (now.size() > old.size()) {
        JsonNode proof =
            client.get("/api/log/proofs/consistency?first=" + old.size() + "&second=" + now.size());
        List<Hash> path = new ArrayList<>();
        proof.path("proof").forEach(h -> path.add(Hash.of(Base64.getDecoder().decode(h.asText()))));
        if (!Proofs.verifyConsistency(old.size(), now.size(), path, old.root(), now.root())) {
          throw inconsistent(
              url,
              "its checkpoint of "
                  + now.size()
                  + " entries does not hold the tree of "
                  + old.size()
                  + " entries you verified: history was rewritten");
        }
      }
      if (now.size() == old.size()) {
        return;
      }
    }
    ObjectNode entry = kept.putObject(url);
    entry.put("publicKey", key.text());
    entry.put("size", now.size());
    entry.put("note", note);
    LoginFile.writeOwnerOnly(file, kept.toPrettyString() + "\n", "the verified checkpoints");
  }

  private static Optional<Checkpoint> open(String note, SignedNote.Verifier key) {
    return SignedNote.open(note, key).map(Checkpoint::parse);
  }

  private static StationClient.Failure inconsistent(String url, String what) {
    return new StationClient.Failure(
        "LOG_INCONSISTENT",
        "the station at " + url + " fails its audit log check: " + what,
        ExitCode.FAILURE);
  }

  private ObjectNode read() {
    try {
      JsonNode n = json.readTree(Files.readString(file));
      return n instanceof ObjectNode o ? o : json.createObjectNode();
    } catch (NoSuchFileException e) {
      return json.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the verified checkpoints in " + file, e);
    }
  }
}
