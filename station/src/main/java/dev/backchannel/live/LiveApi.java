package dev.backchannel.live;

import dev.backchannel.names.Names;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.Router;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The caller's live events as server-sent events: {@code delivered} (an envelope), {@code receipt},
 * and {@code resync} when he fell too far behind. A comment line every {@link #KEEP_ALIVE} keeps
 * proxies from closing a quiet stream.
 */
public final class LiveApi implements Feature, AutoCloseable {
  /** How often a quiet stream gets a comment line. */
  public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final LiveEvents events;
  private final EventFollower follower;
  private final LiveObserver observer;

  /**
   * @param observer told of each delivered cable's event once it is written to its reader
   */
  public LiveApi(LiveEvents events, EventFollower follower, LiveObserver observer) {
    this.events = Objects.requireNonNull(events, "events");
    this.follower = Objects.requireNonNull(follower, "follower");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/api/events/stream",
        Guard.USER,
        "The caller's live events (text/event-stream), most urgent first",
        this::stream);
  }

  /** Ends every open stream, so that the server can stop. */
  @Override
  public void close() {
    events.close();
  }

  private void stream(Call call) throws IOException, InterruptedException {
    long user = call.caller().reader().user().id();
    OptionalLong after = lastEventId(call.context().header("Last-Event-ID"));
    var res = call.context().res();
    res.setStatus(200);
    res.setContentType("text/event-stream");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Accel-Buffering", "no");
    try (LiveEvents.Subscription s = follower.subscribe(user, after)) {
      OutputStream out = res.getOutputStream();
      out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        Optional<LiveEvents.Event> e = s.next(KEEP_ALIVE);
        if (e.isPresent() && e.get().name().equals("bye")) {
          return;
        }
        String text =
            e.map(
                    x ->
                        (x.event() > 0 ? "id: " + s.written(x) + "\n" : "")
                            + "event: "
                            + x.name()
                            + "\ndata: "
                            + x.data()
                            + "\n\n")
                .orElse(": keep-alive\n\n");
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        e.flatMap(LiveEvents.Event::released).ifPresent(observer::written);
      }
    } catch (IOException e) {
      // the client went away: the subscription is closed above, nothing else to do
    }
  }

  /**
   * The station event a reconnecting stream last had whole ({@code Last-Event-ID}, as this API sent
   * it); empty for a new stream.
   *
   * @throws ApiException 400 naming the header when it is not such a number
   */
  static OptionalLong lastEventId(String header) {
    if (header == null || header.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!header.matches("[0-9]{1,18}")) {
      throw ApiException.invalid(
          "Last-Event-ID",
          "Last-Event-ID must be the id of an event this stream sent, a number: "
              + Names.escaped(header.length() > 40 ? header.substring(0, 40) + "…" : header));
    }
    return OptionalLong.of(Long.parseLong(header));
  }
}
