package dev.backchannel.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one canonical encoding of an {@link Event} (docs/events.md): a JSON object of the event's
 * fields and {@code "v"}, the encoding's version, with keys in code-point order, no white space,
 * and strings escaped as JSON requires; UTF-8. The same event always gives the same bytes, whatever
 * order its fields were made in, so the audit log can hash it (G8).
 */
public final class EventCodec {
  /** The version of the encoding, written as {@code "v"}. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private EventCodec() {}

  /** The event's canonical JSON text. */
  public static String encode(Event event) {
    Map<String, Object> fields = new TreeMap<>(event.fields());
    if (fields.containsKey("v")) {
      throw new IllegalArgumentException("an event's field may not be named v: " + event.kind());
    }
    fields.put("v", VERSION);
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not encode the event " + event.kind(), e);
    }
  }

  /** The event's canonical bytes: {@link #encode} in UTF-8. */
  public static byte[] bytes(Event event) {
    return encode(event).getBytes(StandardCharsets.UTF_8);
  }
}
