package dev.backchannel.attacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Requests written byte for byte on a socket: HTTP clients normalise or refuse to send what an
 * attacker sends ({@code %00}, {@code ..;/}, a backslash, CONNECT, a false Content-Length), so the
 * station's answer to exactly those bytes can only be seen this way.
 */
final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** One answer, read until the server closes or its Content-Length is complete. */
  record Answer(int status, Map<String, String> headers, String body, long millis) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  /** Sends {@code head} (CRLF line ends added) and then {@code body}, and reads one answer. */
  Answer send(String head, byte[] body) {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(head.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return read(s.getInputStream(), start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request of a method, a target and headers (no body). */
  Answer send(String head) {
    return send(head, new byte[0]);
  }

  private static Answer read(InputStream in, long start) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int headEnd = -1;
    long contentLength = -1;
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
        byte[] sofar = all.toByteArray();
        if (headEnd < 0) {
          headEnd = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          if (headEnd >= 0) {
            contentLength =
                contentLength(new String(sofar, 0, headEnd, StandardCharsets.ISO_8859_1));
          }
        }
        if (headEnd >= 0 && contentLength >= 0 && sofar.length >= headEnd + 4 + contentLength) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "no complete answer in 10 s: " + all.toString(StandardCharsets.UTF_8));
    }
    byte[] bytes = all.toByteArray();
    if (headEnd < 0) {
      throw new AssertionError("no answer head: " + all.toString(StandardCharsets.UTF_8));
    }
    String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    String body =
        new String(bytes, headEnd + 4, bytes.length - headEnd - 4, StandardCharsets.UTF_8);
    return new Answer(status, headers, body, (System.nanoTime() - start) / 1_000_000);
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(15).strip());
      }
    }
    return -1;
  }

  private static int indexOf(byte[] in, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= in.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
