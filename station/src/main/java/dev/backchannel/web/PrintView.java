package dev.backchannel.web;

import java.util.Objects;
import java.util.Optional;

/** The print view: the canonical text between its banners, when the reader may read it. */
public record PrintView(
    Chrome chrome,
    String designator,
    String banner,
    String bannerClass,
    Optional<String> canonical,
    String sha256) {
  public PrintView {
    Objects.requireNonNull(chrome, "chrome");
    Objects.requireNonNull(canonical, "canonical");
  }
}
