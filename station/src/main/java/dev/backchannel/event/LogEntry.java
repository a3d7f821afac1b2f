package dev.backchannel.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as the audit log holds it (G8), the bytes one leaf of the Merkle tree hashes: a JSON
 * object with keys in code-point order and no white space (README, "The audit log"):
 *
 * <pre>{"actor":A,"at":T,"cable":S,"event":E,"kind":K,"salt":R}</pre>
 *
 * where T is the instant in ISO-8601 (UTC, milliseconds when not zero), S the SHA-256 of the
 * canonical text of the cable the event concerns (the key left out when it concerns none), E the
 * event's canonical encoding ({@link EventCodec}), and R 16 random bytes in base64: with them, a
 * leaf's hash cannot be tested against guesses of what it holds, so the hashes can be public.
 */
public final class LogEntry {
  /** The length of a salt, in bytes. */
  public static final int SALT_LENGTH = 16;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Instant at;
  private final String kind;
  private final String actor;
  private final Optional<String> cable;
  private final String data;
  private final byte[] salt;
  private String text;

  /**
   * @param data the event's canonical encoding
   * @throws IllegalArgumentException when the salt is not {@link #SALT_LENGTH} bytes
   */
  public LogEntry(
      Instant at, String kind, String actor, Optional<String> cable, String data, byte[] salt) {
    this.at = Objects.requireNonNull(at, "at");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.cable = Objects.requireNonNull(cable, "cable");
    this.data = Objects.requireNonNull(data, "data");
    Objects.requireNonNull(salt, "salt");
    if (salt.length != SALT_LENGTH) {
      throw new IllegalArgumentException(
          "salt: a log entry's salt is " + SALT_LENGTH + " bytes, not " + salt.length);
    }
    this.salt = salt.clone();
  }

  public Instant at() {
    return at;
  }

  public String kind() {
    return kind;
  }

  public String actor() {
    return actor;
  }

  /** The SHA-256 of the cable's text, when the event concerns a cable. */
  public Optional<String> cable() {
    return cable;
  }

  /** The event's canonical encoding. */
  public String data() {
    return data;
  }

  public byte[] salt() {
    return salt.clone();
  }

  /** The entry's text, as the leaf holds it; made once (a race makes it twice, alike). */
  public String text() {
    String t = text;
    if (t == null) {
      t = render();
      text = t;
    }
    return t;
  }

  private String render() {
    StringBuilder b = new StringBuilder(data.length() + 200);
    b.append("{\"actor\":").append(quoted(actor));
    b.append(",\"at\":").append(quoted(at.toString()));
    cable.ifPresent(c -> b.append(",\"cable\":").append(quoted(c)));
    b.append(",\"event\":").append(data);
    b.append(",\"kind\":").append(quoted(kind));
    b.append(",\"salt\":\"").append(Base64.getEncoder().encodeToString(salt)).append("\"}");
    return b.toString();
  }

  /** The entry's bytes: {@link #text} in UTF-8. */
  public byte[] bytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  private static String quoted(String s) {
    // names, kinds, instants and hashes hold nothing JSON escapes: written as they are
    boolean plain = true;
    for (int i = 0; i < s.length() && plain; i++) {
      char c = s.charAt(i);
      plain = c >= 0x20 && c != '"' && c != '\\';
    }
    if (plain) {
      return "\"" + s + "\"";
    }
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not quote a string as JSON", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry e && e.text().equals(text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  @Override
  public String toString() {
    return text();
  }

  /** Whether this entry says what {@code other} says, without writing either out. */
  public boolean same(LogEntry other) {
    return at.equals(other.at)
        && kind.equals(other.kind)
        && actor.equals(other.actor)
        && cable.equals(other.cable)
        && data.equals(other.data)
        && java.util.Arrays.equals(salt, other.salt);
  }
}
