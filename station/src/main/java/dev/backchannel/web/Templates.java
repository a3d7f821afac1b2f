package dev.backchannel.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The web UI's JTE templates, precompiled at build time ({@code src/main/jte}, the
 * jte-maven-plugin): nothing is compiled while the station runs. Every {@code ${}} is HTML-escaped.
 */
final class Templates {
  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(
          null,
          ContentType.Html,
          Templates.class.getClassLoader(),
          "dev.backchannel.web.templates");

  /** The page or fragment {@code name} ({@code inbox.jte}) made from its one model. */
  String render(String name, Object model) {
    StringOutput out = new StringOutput();
    engine.render(name, model, out);
    return out.toString();
  }
}
