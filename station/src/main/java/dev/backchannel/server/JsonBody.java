package dev.backchannel.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request body that must be a JSON object; each accessor names the field in its error. Fields the
 * route does not know are refused by {@link #only}, so a misspelt field is never silently ignored,
 * and a field given twice is refused when parsed, so none is read from the last of its copies.
 */
public final class JsonBody {
  private final ObjectNode node;

  private JsonBody(ObjectNode node) {
    this.node = node;
  }

  static JsonBody parse(ObjectMapper json, String text) {
    if (text.isBlank()) {
      throw ApiException.invalid("body", "the request needs a JSON object as its body");
    }
    try {
      JsonNode n =
          json.reader()
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              // a field given twice has no one meaning: refused, not the last one taken
              .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
              .readTree(text);
      if (n instanceof ObjectNode o) {
        return new JsonBody(o);
      }
      throw ApiException.invalid("body", "the body must be a JSON object, not " + n.getNodeType());
    } catch (JsonProcessingException e) {
      if (e.getProcessor() instanceof JsonParser p
          && e.getOriginalMessage().startsWith("Duplicate field")) {
        String name = currentName(p);
        throw ApiException.invalid(
            name, "the field " + name + " is given twice at " + location(e) + "; give it once");
      }
      throw ApiException.invalid(
          "body", "the body is not JSON: " + e.getOriginalMessage() + " at " + location(e));
    }
  }

  private static String currentName(JsonParser p) {
    try {
      return p.currentName();
    } catch (IOException e) {
      // the parser had the name in hand when it refused it; without it the body is the place
      return "body";
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? "an unknown place"
        : "line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
  }

  /**
   * Refuses fields other than these.
   *
   * @throws ApiException INVALID naming the first unknown field
   */
  public JsonBody only(Set<String> fields) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw ApiException.invalid(
            name,
            "unknown field " + name + "; this request takes " + String.join(", ", sorted(fields)));
      }
    }
    return this;
  }

  private static List<String> sorted(Set<String> fields) {
    return fields.stream().sorted().toList();
  }

  /** A required string field, not blank. */
  public String text(String field) {
    return optionalText(field)
        .orElseThrow(() -> ApiException.invalid(field, field + " is required"));
  }

  /** An optional string field; present but blank or not a string is an error. */
  public Optional<String> optionalText(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ApiException.invalid(field, field + " must be a non-empty string, not " + v);
    }
    return Optional.of(v.asText());
  }

  /** An optional boolean field. */
  public Optional<Boolean> optionalBool(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw ApiException.invalid(field, field + " must be true or false, not " + v);
    }
    return Optional.of(v.asBoolean());
  }

  /** An optional array of strings. */
  public Optional<List<String>> optionalTexts(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isArray()) {
      throw ApiException.invalid(field, field + " must be an array of strings, not " + v);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual() || e.asText().isBlank()) {
        throw ApiException.invalid(field, field + " must hold non-empty strings only, not " + e);
      }
      out.add(e.asText());
    }
    return Optional.of(List.copyOf(out));
  }
}
