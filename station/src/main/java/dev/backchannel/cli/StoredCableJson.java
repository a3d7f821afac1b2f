package dev.backchannel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.json.CableJson;
import dev.backchannel.store.StoredCable;

/** The JSON of a stored cable: the cable's JSON (DESIGN 4.3) and what the station adds. */
final class StoredCableJson {
  private StoredCableJson() {}

  static ObjectNode of(StoredCable c) {
    ObjectNode o = CableJson.of(c.cable());
    o.put("exchange", c.exchange());
    o.put("origin", c.origin().name());
    c.releasedAt().ifPresent(at -> o.put("releasedAt", at.toString()));
    c.seen().ifPresent(seen -> o.put("seen", seen));
    c.document().ifPresent(document -> o.put("document", document));
    return o;
  }
}
