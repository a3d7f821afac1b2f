package dev.backchannel.web;

import dev.backchannel.access.Reader;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.EyesOnly;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cables.Facts;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.Router;
import dev.backchannel.service.Refused;
import dev.backchannel.store.Draft;
import dev.backchannel.traffic.Drafting;
import dev.backchannel.traffic.Traffic;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writing cables in the browser: the compose form (checked field by field through the drafting
 * service, nothing stored while any field is wrong), saving a draft, releasing with G5's warning
 * confirmed, and a second person's approval where the end requires it.
 */
public final class DraftPages implements Feature {
  /** How many fields one check may find wrong, one after the other. */
  private static final int MAX_ROUNDS = ComposeForm.FIELDS.size() + 1;

  private final Traffic traffic;
  private final Facts facts;
  private final Pages pages = new Pages();

  public DraftPages(Traffic traffic, Facts facts) {
    this.traffic = Objects.requireNonNull(traffic, "traffic");
    this.facts = Objects.requireNonNull(facts, "facts");
  }

  @Override
  public void routes(Router r) {
    r.page(
        "GET", "/exchanges/{exchange}/compose", Guard.USER, "The compose form", this::composePage);
    r.page(
        "POST",
        "/exchanges/{exchange}/compose",
        Guard.USER,
        "Save the form as a draft, or release it",
        this::compose);
    r.page("GET", "/drafts", Guard.USER, "The drafts of the caller's ends", this::drafts);
    r.page("GET", "/drafts/{id}", Guard.USER, "One draft, to approve or release", this::draft);
    r.page(
        "POST",
        "/drafts/{id}/approve",
        Guard.USER,
        "Approve a draft as the second person its end requires",
        this::approve);
    r.page("POST", "/drafts/{id}/release", Guard.USER, "Release a saved draft", this::releaseDraft);
  }

  /**
   * The address book of the caller's place in the path's exchange; empty, the page of a missing
   * exchange answered, when he has no end in it (G3).
   */
  private Optional<Drafting.AddressBook> book(Call call) {
    try {
      return Optional.of(traffic.addressBook(call.caller().reader(), call.path("exchange")));
    } catch (Refused e) {
      pages.notFound(call, e);
      return Optional.empty();
    }
  }

  private void composePage(Call call) {
    Reader reader = call.caller().reader();
    Optional<Drafting.AddressBook> found = book(call);
    if (found.isEmpty()) {
      return;
    }
    Drafting.AddressBook book = found.get();
    String from =
        book.from().contains(reader.user().addressedAs())
            ? reader.user().addressedAs()
            : book.from().stream().findFirst().orElse("");
    pages.html(
        call,
        200,
        "compose.jte",
        view(
            call,
            ComposeForm.empty(call.path("exchange"), from),
            Map.of(),
            Optional.empty(),
            false,
            book));
  }

  private void compose(Call call) {
    Reader reader = call.caller().reader();
    String exchange = call.path("exchange");
    Optional<Drafting.AddressBook> found = book(call);
    if (found.isEmpty()) {
      return;
    }
    Drafting.AddressBook book = found.get();
    ComposeForm form = ComposeForm.read(call.context(), exchange);
    Map<String, String> errors = check(reader, form, book);
    if (!errors.isEmpty()) {
      pages.html(call, 422, "compose.jte", view(call, form, errors, Optional.empty(), false, book));
      return;
    }
    String text = form.compose().text();
    boolean release = "release".equals(call.context().formParam("action"));
    boolean confirm = "true".equals(call.context().formParam("confirm"));
    try {
      if (!release) {
        traffic.create(reader, exchange, text);
        call.context().redirect("/drafts", HttpStatus.SEE_OTHER);
        return;
      }
      Traffic.Released r = traffic.releaseText(reader, exchange, text, confirm);
      call.context().redirect(Pages.href(r.cable()), HttpStatus.SEE_OTHER);
    } catch (Refused e) {
      // a release warning to confirm (G5), or an end that takes drafts only: the form stays
      boolean warning = e.code().equals("RELEASE_WARNING");
      if (!warning && !e.code().equals("NEEDS_APPROVAL")) {
        throw e;
      }
      String notice =
          warning
              ? e.getMessage() + " Read them first, or release anyway."
              : e.getMessage() + ". Save it as a draft; the approver then releases it.";
      pages.html(
          call, 409, "compose.jte", view(call, form, Map.of(), Optional.of(notice), warning, book));
    }
  }

  /**
   * Every field the form has wrong, each with its words: the missing ones, then what the drafting
   * service refuses, one field after another, each set aside to look past it. Nothing is stored.
   */
  private Map<String, String> check(Reader reader, ComposeForm form, Drafting.AddressBook book) {
    Map<String, String> errors = new LinkedHashMap<>(form.missing());
    String anyTo = book.to().stream().findFirst().orElse("X");
    String anyFrom = book.from().stream().findFirst().orElse(anyTo);
    java.util.function.Function<String, String> standIn =
        field -> field.equals("from") ? anyFrom : anyTo;
    ComposeForm f = form;
    for (String field : errors.keySet()) {
      f = f.without(field, standIn.apply(field));
    }
    for (int round = 0; round < MAX_ROUNDS; round++) {
      ComposeForm.Composed c = f.compose();
      try {
        traffic.check(reader, form.exchange(), c.text());
        break;
      } catch (Refused e) {
        if (e.kind() == Refused.Kind.NOT_FOUND) {
          throw e;
        }
        Map.Entry<String, String> at =
            e.field().equals("text")
                ? c.locate(e.getMessage())
                : Map.entry(field(e.field()), e.getMessage());
        if (errors.containsKey(at.getKey())) {
          break;
        }
        errors.put(at.getKey(), at.getValue());
        f = f.without(at.getKey(), standIn.apply(at.getKey()));
      }
    }
    return errors;
  }

  /** The form's field a refusal names. */
  private static String field(String refused) {
    return switch (refused) {
      case "label" -> "classification";
      case "from", "to", "info", "passTo", "references", "handling", "subject", "precedence" ->
          refused;
      default -> "paragraphs";
    };
  }

  private ComposeView view(
      Call call,
      ComposeForm form,
      Map<String, String> errors,
      Optional<String> notice,
      boolean confirm,
      Drafting.AddressBook book) {
    Reader reader = call.caller().reader();
    Classification level = reader.user().clearance().level();
    List<String> references;
    try {
      references =
          facts.ladder(reader, form.exchange()).rungs().stream()
              .map(r -> r.name().toUpperCase(java.util.Locale.ROOT))
              .toList();
    } catch (Refused e) {
      references = List.of();
    }
    return new ComposeView(
        Pages.chrome(call.caller(), "New cable"),
        "/exchanges/" + Pages.segment(form.exchange()) + "/compose",
        form,
        errors,
        notice,
        confirm,
        Arrays.stream(Precedence.values()).map(Precedence::words).toList(),
        Arrays.stream(Classification.values())
            .filter(level::atLeast)
            .map(Classification::words)
            .toList(),
        reader.user().clearance().caveats().stream().map(Caveat::name).sorted().toList(),
        Arrays.stream(EyesOnly.values()).map(EyesOnly::words).toList(),
        book.from(),
        book.to(),
        book.anyone(),
        references);
  }

  private void drafts(Call call) {
    List<Draft> drafts = traffic.drafts(call.caller().reader());
    pages.html(
        call, 200, "drafts.jte", new DraftsView(Pages.chrome(call.caller(), "Drafts"), drafts));
  }

  private static long id(Call call) {
    return Call.canonicalNumber(call.path("id")).orElse(-1);
  }

  private void draft(Call call) {
    showDraft(call, 200, Optional.empty(), false);
  }

  private void showDraft(Call call, int status, Optional<String> notice, boolean confirm) {
    Draft d;
    try {
      d = traffic.draft(call.caller().reader(), id(call));
    } catch (Refused e) {
      pages.notFound(call, e);
      return;
    }
    pages.html(
        call,
        status,
        "draft.jte",
        new DraftView(
            Pages.chrome(call.caller(), "Draft " + d.id()),
            d,
            notice,
            confirm,
            "/drafts/" + d.id()));
  }

  private void approve(Call call) {
    try {
      traffic.approve(call.caller().reader(), id(call));
    } catch (Refused e) {
      if (e.kind() == Refused.Kind.NOT_FOUND) {
        pages.notFound(call, e);
        return;
      }
      showDraft(call, 403, Optional.of(e.getMessage()), false);
      return;
    }
    call.context().redirect("/drafts/" + id(call), HttpStatus.SEE_OTHER);
  }

  private void releaseDraft(Call call) {
    boolean confirm = "true".equals(call.context().formParam("confirm"));
    try {
      Traffic.Released r = traffic.releaseDraft(call.caller().reader(), id(call), confirm);
      call.context().redirect(Pages.href(r.cable()), HttpStatus.SEE_OTHER);
    } catch (Refused e) {
      switch (e.code()) {
        case "NOT_FOUND" -> pages.notFound(call, e);
        case "RELEASE_WARNING" ->
            showDraft(
                call,
                409,
                Optional.of(e.getMessage() + " Read them first, or release anyway."),
                true);
        default ->
            showDraft(
                call,
                e.kind() == Refused.Kind.FORBIDDEN ? 403 : 409,
                Optional.of(e.getMessage()),
                false);
      }
    }
  }

  /** One draft: its text, who approved it, and what the caller may do with it. */
  public record DraftView(
      dev.backchannel.web.Chrome chrome,
      Draft draft,
      Optional<String> notice,
      boolean confirm,
      String href) {}

  /** The drafts page: the caller's ends' drafts he may read. */
  public record DraftsView(dev.backchannel.web.Chrome chrome, List<Draft> drafts) {
    public DraftsView {
      drafts = List.copyOf(drafts);
    }
  }
}
