package dev.backchannel.receipts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.JsonBody;
import dev.backchannel.server.Router;
import dev.backchannel.store.Receipt;
import java.util.Objects;
import java.util.Set;

/**
 * The routes of proof of reading (G4, DESIGN 5.3) and passing: each calls {@link Receipts}, which
 * holds the rules.
 */
public final class ReceiptsApi implements Feature {
  private final Receipts receipts;

  public ReceiptsApi(Receipts receipts) {
    this.receipts = Objects.requireNonNull(receipts, "receipts");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/api/exchanges/{exchange}/cables/{designator}/receipts",
        Guard.USER,
        "The receipts of a cable the caller may see: his own, or every reader's for its sender",
        this::list);
    r.post(
        "/api/exchanges/{exchange}/cables/{designator}/pass",
        Guard.USER,
        "Pass a cable verbatim to one of its PASS TO readers (an addressee it was delivered to)",
        this::pass);
    r.post(
        "/api/exchanges/{exchange}/cables/{designator}/receipts",
        Guard.USER,
        "Report READ_IN_FULL or ACKNOWLEDGED for a cable delivered to the caller",
        this::report);
  }

  private void list(Call call) {
    ArrayNode a = call.json().createArrayNode();
    receipts
        .visible(call.caller().reader(), call.path("exchange"), call.designator("designator"))
        .forEach(r -> a.add(json(call, r)));
    call.reply(a);
  }

  private void report(Call call) {
    JsonBody body = call.body().only(Set.of("kind", "client"));
    Receipt r =
        receipts.report(
            call.caller().reader(),
            call.path("exchange"),
            call.designator("designator"),
            body.text("kind"),
            body.optionalText("client").orElse("api"));
    call.reply(json(call, r));
  }

  private void pass(Call call) {
    String to = call.body().only(Set.of("to")).text("to");
    Receipts.Passed p =
        receipts.pass(
            call.caller().reader(), call.path("exchange"), call.designator("designator"), to);
    ObjectNode o = call.json().createObjectNode();
    o.put("designator", p.cable().designatorText());
    o.put("passedTo", p.to().name());
    o.put("passedNow", p.now());
    call.reply(o);
  }

  private static ObjectNode json(Call call, Receipt r) {
    ObjectNode o = call.json().createObjectNode();
    o.put("reader", r.reader());
    o.put("kind", r.kind().name());
    o.put("at", r.at().toString());
    o.put("client", r.client());
    r.by().ifPresent(b -> o.put("by", b));
    return o;
  }
}
