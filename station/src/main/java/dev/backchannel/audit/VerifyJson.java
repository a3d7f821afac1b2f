package dev.backchannel.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Verify.Report} as the API answers it and the CLI reads it back. */
public final class VerifyJson {
  private VerifyJson() {}

  public static ObjectNode write(ObjectMapper json, Verify.Report r) {
    ObjectNode o = json.createObjectNode();
    o.put("holds", r.holds());
    o.put("entries", r.entries());
    o.put("checkpoints", r.checkpoints());
    o.put("divergenceCount", r.divergenceCount());
    o.put("readingRowsMillis", r.readingRows().toMillis());
    o.put("hashingMillis", r.hashing().toMillis());
    ArrayNode d = o.putArray("divergences");
    for (Verify.Divergence x : r.divergences()) {
      d.addObject().put("entry", x.entry()).put("checkpoint", x.checkpoint()).put("what", x.what());
    }
    return o;
  }

  public static Verify.Report read(JsonNode o) {
    List<Verify.Divergence> d = new ArrayList<>();
    o.path("divergences")
        .forEach(
            x ->
                d.add(
                    new Verify.Divergence(
                        x.path("entry").asLong(),
                        x.path("checkpoint").asBoolean(),
                        x.path("what").asText())));
    return new Verify.Report(
        o.path("entries").asLong(),
        o.path("checkpoints").asInt(),
        d,
        o.path("divergenceCount").asLong(),
        Duration.ofMillis(o.path("readingRowsMillis").asLong()),
        Duration.ofMillis(o.path("hashingMillis").asLong()));
  }
}
