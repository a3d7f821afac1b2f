package dev.backchannel.channels;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Series;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.JsonBody;
import dev.backchannel.server.Router;
import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.NewExchange;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The administration of channels, their ends and members, exchanges and the caveat registry over
 * HTTP. Each route reads its request and asks {@link Channels}, which holds the rules.
 */
public final class ChannelsApi implements Feature {
  private final Channels channels;

  public ChannelsApi(Channels channels) {
    this.channels = Objects.requireNonNull(channels, "channels");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/api/channels",
        Guard.ADMINISTRATOR,
        "Every channel with its ends and members",
        this::channels);
    r.post(
        "/api/channels",
        Guard.ADMINISTRATOR,
        "Create a channel with its two ends",
        this::createChannel);
    r.patch(
        "/api/channels/{channel}/ends/{end}",
        Guard.ADMINISTRATOR,
        "Set whether releases from an end need a second person's approval",
        this::changeEnd);
    r.put(
        "/api/channels/{channel}/ends/{end}/members/{user}",
        Guard.ADMINISTRATOR,
        "Make a user a member of an end, with or without release authority",
        this::putMember);
    r.delete(
        "/api/channels/{channel}/ends/{end}/members/{user}",
        Guard.ADMINISTRATOR,
        "Remove a user from an end",
        this::removeMember);
    r.get(
        "/api/exchanges",
        Guard.USER,
        "The exchanges of the caller's channels and of cables naming him (all for an"
            + " administrator)",
        this::exchanges);
    r.post(
        "/api/exchanges",
        Guard.ADMINISTRATOR,
        "Create an exchange with its two series",
        this::createExchange);
    r.get("/api/caveats", Guard.USER, "The station's caveat registry", this::caveats);
    r.post("/api/caveats", Guard.ADMINISTRATOR, "Add a caveat to the registry", this::addCaveat);
  }

  private void channels(Call call) {
    ArrayNode a = call.json().createArrayNode();
    channels
        .channels(call.caller().reader())
        .forEach(c -> a.add(channelJson(call, c.channel(), c.ends())));
    call.reply(a);
  }

  private void createChannel(Call call) {
    JsonBody body = call.body().only(Set.of("name", "ends"));
    String name = body.text("name");
    List<String> ends =
        body.optionalTexts("ends")
            .orElseThrow(() -> ApiException.invalid("ends", "ends is required"));
    Channels.ChannelEnds c = channels.createChannel(call.caller().reader(), name, ends);
    call.reply(201, channelJson(call, c.channel(), c.ends()));
  }

  private void changeEnd(Call call) {
    JsonBody body = call.body().only(Set.of("secondApproval"));
    boolean required =
        body.optionalBool("secondApproval")
            .orElseThrow(
                () -> ApiException.invalid("secondApproval", "secondApproval is required"));
    call.reply(
        endJson(
            call,
            channels.setSecondApproval(
                call.caller().reader(), call.path("channel"), call.path("end"), required)));
  }

  private void putMember(Call call) {
    boolean authority =
        call.optionalBody()
            .flatMap(b -> b.only(Set.of("releaseAuthority")).optionalBool("releaseAuthority"))
            .orElse(false);
    call.reply(
        endJson(
            call,
            channels.putMember(
                call.caller().reader(),
                call.path("channel"),
                call.path("end"),
                call.path("user"),
                authority)));
  }

  private void removeMember(Call call) {
    call.reply(
        endJson(
            call,
            channels.removeMember(
                call.caller().reader(),
                call.path("channel"),
                call.path("end"),
                call.path("user"))));
  }

  private void exchanges(Call call) {
    ArrayNode a = call.json().createArrayNode();
    channels.exchanges(call.caller().reader()).forEach(x -> a.add(exchangeJson(call, x)));
    call.reply(a);
  }

  /** Reads the two series as SERIES:END texts; the service decides whether the exchange may be. */
  private void createExchange(Call call) {
    JsonBody body = call.body().only(Set.of("name", "channel", "series"));
    String name = body.text("name");
    String channel = body.text("channel");
    List<String> series =
        body.optionalTexts("series")
            .orElseThrow(() -> ApiException.invalid("series", "series is required"));
    if (series.size() != 2) {
      throw ApiException.invalid(
          "series",
          "an exchange has two series written SERIES:END (HAKTO:HAK), not " + series.size());
    }
    ExchangeInfo x =
        channels.createExchange(
            call.caller().reader(),
            new NewExchange(channel, name, seriesEnd(series.get(0)), seriesEnd(series.get(1))));
    call.reply(201, exchangeJson(call, x));
  }

  private static NewExchange.SeriesEnd seriesEnd(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw ApiException.invalid(
          "series", "\"" + text + "\" is not SERIES:END, the series and the end that sends it");
    }
    return new NewExchange.SeriesEnd(
        new Series(text.substring(0, colon).strip().toUpperCase(Locale.ROOT)),
        text.substring(colon + 1).strip());
  }

  private void caveats(Call call) {
    call.reply(registryJson(call, channels.caveats()));
  }

  private void addCaveat(Call call) {
    String name = call.body().only(Set.of("name")).text("name");
    call.reply(201, registryJson(call, channels.addCaveat(call.caller().reader(), name)));
  }

  private static ArrayNode registryJson(Call call, CaveatRegistry registry) {
    ArrayNode a = call.json().createArrayNode();
    registry.caveats().forEach(c -> a.add(c.name()));
    return a;
  }

  private static ObjectNode channelJson(Call call, ChannelInfo c, List<EndInfo> ends) {
    ObjectNode o = call.json().createObjectNode();
    o.put("name", c.name());
    ArrayNode a = o.putArray("ends");
    ends.forEach(e -> a.add(endJson(call, e)));
    return o;
  }

  /** An end as the API shows it, with its members, and the peer station it lives at if any. */
  public static ObjectNode endJson(Call call, EndInfo e) {
    ObjectNode o = call.json().createObjectNode();
    o.put("channel", e.channel());
    o.put("name", e.name());
    o.put("secondApproval", e.secondApproval());
    e.station().ifPresent(s -> o.put("station", s));
    ArrayNode members = o.putArray("members");
    e.members()
        .forEach(
            m ->
                members
                    .addObject()
                    .put("user", m.user())
                    .put("releaseAuthority", m.releaseAuthority()));
    return o;
  }

  /** An exchange as the API shows it. */
  public static ObjectNode exchangeJson(Call call, ExchangeInfo x) {
    ObjectNode o = call.json().createObjectNode();
    o.put("name", x.name());
    o.put("channel", x.channel());
    ArrayNode series = o.putArray("series");
    for (ExchangeInfo.SeriesInfo s : x.series()) {
      // no counters: how many cables a series holds is for the access policy to tell, per cable
      series.addObject().put("name", s.series().name()).put("sendingEnd", s.sendingEnd());
    }
    return o;
  }
}
