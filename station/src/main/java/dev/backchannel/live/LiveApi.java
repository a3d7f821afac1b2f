package dev.backchannel.live;

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

/**
 * The caller's live events as server-sent events: {@code delivered} (an envelope), {@code receipt},
 * and {@code resync} when he fell too far behind. A comment line every {@link #KEEP_ALIVE} keeps
 * proxies from closing a quiet stream.
 */
public final class LiveApi implements Feature, AutoCloseable {
  /** How often a quiet stream gets a comment line. */
  public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final LiveEvents events;
  private final LiveObserver observer;

  /**
   * @param observer told of each delivered cable's event once it is written to its reader
   */
  public LiveApi(LiveEvents events, LiveObserver observer) {
    this.events = Objects.requireNonNull(events, "events");
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
    var res = call.context().res();
    res.setStatus(200);
    res.setContentType("text/event-stream");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Accel-Buffering", "no");
    try (LiveEvents.Subscription s = events.subscribe(user)) {
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
                        "id: "
                            + x.sequence()
                            + "\nevent: "
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
}
