package dev.backchannel.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics' own HTTP listener: {@value #PATH} in Prometheus's text format, on the loopback
 * address only and apart from the API's port, so that neither the API's clients nor the network see
 * it. No login guards it: whoever can reach the loopback address is trusted with counts.
 *
 * <p>Nothing starts in the constructor; {@link #start} binds, {@link #close} stops and is
 * idempotent. One thread answers, so scrapes never pile up on the store.
 */
final class MetricsEndpoint implements AutoCloseable {
  /** The one path answered. */
  static final String PATH = "/metrics";

  /** Prometheus's text exposition format, as Micrometer's registry writes it. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final String PLAIN = "text/plain; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

  private final int port;
  private final Supplier<String> scrape;
  private HttpServer server;
  private ExecutorService thread;
  private boolean closed;

  /**
   * @param port the loopback port; 0 picks a free one
   * @param scrape the metrics' text, read at each request
   */
  MetricsEndpoint(int port, Supplier<String> scrape) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("a port is 0 to 65535: " + port);
    }
    this.port = port;
    this.scrape = scrape;
  }

  /**
   * Binds the loopback address and starts answering.
   *
   * @throws IllegalStateException if started before or closed
   * @throws UncheckedIOException if the port cannot be bound (in use, not allowed)
   */
  synchronized void start() {
    if (server != null || closed) {
      throw new IllegalStateException("the metrics endpoint can be started once; it was already");
    }
    InetSocketAddress address = new InetSocketAddress(loopback(), port);
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve the metrics on " + address.getAddress().getHostAddress() + ":" + port, e);
    }
    thread =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("metrics-endpoint").unstarted(r));
    server.setExecutor(thread);
    server.createContext("/", this::answer);
    server.start();
  }

  /** Where it listens: the loopback address and the port (the one picked when 0). */
  synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("the metrics endpoint is not started");
    }
    return server.getAddress();
  }

  /** 127.0.0.1, whatever the JVM prefers (an IPv6 loopback would change the printed URL). */
  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new AssertionError("four bytes are an IPv4 address", e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        send(exchange, 404, PLAIN, "only " + PATH + " is served here\n");
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, PLAIN, PATH + " answers GET and HEAD\n");
        return;
      }
      String text;
      try {
        text = scrape.get();
      } catch (RuntimeException e) {
        LOG.error("reading the metrics failed", e);
        send(exchange, 500, PLAIN, "the metrics could not be read; the error is logged\n");
        return;
      }
      send(exchange, 200, CONTENT_TYPE, text);
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.stop(0);
      thread.shutdownNow();
    }
  }
}
