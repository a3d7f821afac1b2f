package dev.backchannel.relay;

import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Actor;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Limits;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.service.Refused;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.PeerInfo;
import dev.backchannel.store.RelayRepository.EscalationReport;
import dev.backchannel.store.RelayRepository.Incoming;
import dev.backchannel.store.RelayRepository.Queue;
import dev.backchannel.store.RelayRepository.Received;
import dev.backchannel.store.RelayRepository.Report;
import dev.backchannel.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Relay between stations (issue 25), whoever asks: administrators introduce peers, place ends at
 * them and take links down and up; a peer, once its signature is checked, hands over cables and
 * receipts. Knows nothing of HTTP: it refuses with {@link Refused}.
 */
public final class Relay {
  /** A peer is named by its station prefix, as {@code init} takes it. */
  private static final Pattern PREFIX = Pattern.compile("[A-Z]{1,10}");

  /** At most this many cables or reports in one relay request. */
  public static final int MAX_BATCH = 500;

  private final Store store;
  private final AccessPolicy policy;

  public Relay(Store store, AccessPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** A peer with the state of the link to it and what waits for it. */
  public record Link(PeerInfo peer, String fingerprint, Queue queue) {
    public Link {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(queue, "queue");
    }
  }

  /**
   * Introduces a peer station.
   *
   * @throws Refused FORBIDDEN for anyone but an administrator; INVALID naming the field; CONFLICT
   *     for a peer known already or this station's own prefix
   */
  public Link addPeer(Actor actor, String name, String url, String key) {
    requireAdministrator(actor);
    if (!PREFIX.matcher(name).matches()) {
      throw Refused.invalid(
          "name", "a peer is named by its station prefix, 1 to 10 letters A-Z: \"" + name + "\"");
    }
    PublicKey publicKey;
    try {
      publicKey = PeerKeys.parse(key);
    } catch (IllegalArgumentException e) {
      throw Refused.invalid("key", e.getMessage());
    }
    PeerInfo peer = store.addPeer(name, baseUrl(url), PeerKeys.text(publicKey), actor.name());
    return link(peer);
  }

  /** The URL a peer is reached at, without a final slash. */
  private static String baseUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw Refused.invalid("url", "the peer's URL is not a URL: \"" + url + "\"");
    }
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw Refused.invalid(
          "url", "the peer's URL must be http or https, with a host and no query: \"" + url + "\"");
    }
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * Every peer with its link.
   *
   * @throws Refused FORBIDDEN for anyone but an administrator
   */
  public List<Link> links(Actor actor) {
    requireAdministrator(actor);
    List<Link> out = new ArrayList<>();
    for (PeerInfo p : store.peers()) {
      out.add(link(p));
    }
    return out;
  }

  /**
   * Takes the link to a peer down, or brings it up: while it is down, cables for the peer queue.
   *
   * @throws Refused FORBIDDEN for anyone but an administrator
   */
  public Link setLinkDown(Actor actor, String peer, boolean down) {
    requireAdministrator(actor);
    return link(store.setLinkDown(peer, down, actor.name()));
  }

  /**
   * Places an end of a channel at a peer station, or back here ({@code station} empty).
   *
   * @throws Refused FORBIDDEN for anyone but an administrator
   */
  public EndInfo placeEnd(Actor actor, String channel, String end, Optional<String> station) {
    requireAdministrator(actor);
    return store.placeEnd(channel, end, station, actor.name());
  }

  private Link link(PeerInfo p) {
    return new Link(p, PeerKeys.fingerprint(PeerKeys.parse(p.publicKey())), store.queue(p.name()));
  }

  private void requireAdministrator(Actor actor) {
    if (!policy.administers(actor)) {
      throw Refused.forbidden("peers and links are for administrators");
    }
  }

  /**
   * A cable as a peer sends it.
   *
   * @param canonical its canonical text, as released and hashed there
   * @param sha256 the SHA-256 the peer computed of that text (G2)
   */
  public record Relayed(
      String exchange,
      String canonical,
      String sha256,
      int seen,
      Instant releasedAt,
      String releaser) {
    public Relayed {
      Objects.requireNonNull(exchange, "exchange");
      Objects.requireNonNull(canonical, "canonical");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(releasedAt, "releasedAt");
      Objects.requireNonNull(releaser, "releaser");
    }
  }

  /**
   * Stores cables a peer relayed, all or none: each text must hash to the SHA-256 the peer sent and
   * be a released cable. Answers once they are durable and delivered.
   *
   * @param peer the peer whose signature the request carried
   * @throws Refused INVALID naming the cable ({@code cables[i]}) and its problem; as the store
   *     refuses (an exchange not known here, a series not sent from that peer)
   */
  public List<Received> receive(String peer, List<Relayed> cables) {
    if (cables.size() > MAX_BATCH) {
      throw Refused.invalid(
          "cables", "at most " + MAX_BATCH + " cables in one request, not " + cables.size());
    }
    CanonicalText parser = new CanonicalText(store.caveats(), Limits.DEFAULT);
    List<Incoming> incoming = new ArrayList<>();
    for (int i = 0; i < cables.size(); i++) {
      Relayed r = cables.get(i);
      String field = "cables[" + i + "]";
      String computed = CanonicalText.sha256(r.canonical());
      if (!computed.equals(r.sha256())) {
        throw Refused.invalid(
            field + ".sha256",
            "the text hashes to " + computed + ", not to the SHA-256 sent, " + r.sha256());
      }
      Cable cable;
      try {
        cable = parser.parse(r.canonical());
      } catch (CableSyntaxException e) {
        throw Refused.invalid(field + ".canonical", e.getMessage());
      }
      if (cable.isDraft() || cable.designator().flatMap(d -> d.numbered()).isEmpty()) {
        throw Refused.invalid(
            field + ".canonical", "a relayed cable is released: it has its designator and DTG");
      }
      if (r.seen() < 0) {
        throw Refused.invalid(field + ".seen", "seen is a serial, 0 or more: " + r.seen());
      }
      incoming.add(new Incoming(r.exchange(), cable, r.seen(), r.releasedAt(), r.releaser()));
    }
    return store.receive(peer, incoming);
  }

  /**
   * Stores the receipts a peer's readers gave to cables sent from here, and their escalations
   * there, each once.
   *
   * @throws Refused INVALID for too many; as the store refuses (a cable not sent to that peer)
   */
  public int receiveReports(String peer, List<Report> reports, List<EscalationReport> escalations) {
    if (reports.size() + escalations.size() > MAX_BATCH * 8) {
      throw Refused.invalid(
          "reports",
          "at most "
              + MAX_BATCH * 8
              + " reports and escalations in one request, not "
              + (reports.size() + escalations.size()));
    }
    return store.receiveReports(peer, reports, escalations);
  }
}
