package dev.backchannel.web;

import dev.backchannel.cable.Designator;
import dev.backchannel.server.Call;
import dev.backchannel.server.Caller;
import dev.backchannel.service.Refused;
import dev.backchannel.store.Role;
import dev.backchannel.store.StoredCable;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What every page does alike: render a template with the pages' own Content-Security-Policy, the
 * chrome around it, the page for what does not exist or may not be known (G3), and links.
 */
final class Pages {
  private final Templates templates = new Templates();

  /** Answers with a page or fragment made from its model. */
  void html(Call call, int status, String template, Object model) {
    Context ctx = call.context();
    ctx.header("Content-Security-Policy", WebUi.CONTENT_SECURITY_POLICY);
    ctx.status(status)
        .contentType("text/html; charset=utf-8")
        .result(templates.render(template, model));
  }

  /** The page of a cable, draft or exchange that does not exist or that he may not know of. */
  void notFound(Call call, Refused e) {
    html(
        call,
        404,
        "notfound.jte",
        new WebUi.NotFoundView(chrome(call.caller(), "Not found"), e.getMessage()));
  }

  static Chrome chrome(Caller caller, String title) {
    return new Chrome(
        title,
        Optional.of(caller.reader().user().name()),
        caller.session().csrfToken(),
        caller.reader().has(Role.ADMINISTRATOR) || caller.reader().has(Role.DUTY_OFFICER));
  }

  static String exchangeHref(String exchange) {
    return "/exchanges/" + segment(exchange);
  }

  static String href(StoredCable c) {
    return "/exchanges/" + segment(c.exchange()) + "/cables/" + segment(linkDesignator(c));
  }

  /** The designator a link names a cable by: series and serial, or the station serial alone. */
  static String linkDesignator(StoredCable c) {
    Designator d = c.cable().designator().orElseThrow();
    return d.numbered().map(n -> n.series().name() + " " + n.serial()).orElse(d.text());
  }

  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
