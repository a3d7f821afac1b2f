// Backchannel's pages: the session's CSRF token on every htmx request, live traffic from the
// station's event stream, and READ_IN_FULL once every paragraph of a cable has been on screen
// (DESIGN 5.3). No inline script: the page's data comes in data- attributes.
(function () {
  "use strict";
  var csrf = document.body.dataset.csrf || "";

  document.body.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrf;
  });

  function announce(text) {
    var region = document.getElementById("announce");
    if (!region) {
      return;
    }
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 50);
  }

  function refreshInbox() {
    var inbox = document.querySelector("[data-live=inbox]");
    if (inbox && window.htmx) {
      window.htmx.ajax("GET", "/inbox/list", { target: inbox, swap: "innerHTML" });
    }
  }

  function refreshTimeline() {
    var timeline = document.querySelector("[data-timeline]");
    if (timeline && window.htmx) {
      window.htmx.ajax("GET", timeline.dataset.timeline, { target: timeline, swap: "innerHTML" });
    }
  }

  if (csrf && window.EventSource) {
    var stream = new EventSource("/api/events/stream");
    stream.addEventListener("delivered", function (e) {
      var data = {};
      try { data = JSON.parse(e.data); } catch (x) { /* keep the default */ }
      refreshInbox();
      var name = data.designator && data.designator.text ? data.designator.text : "a cable";
      var from = data.from && data.from.name ? " from " + data.from.name : "";
      if ((data.precedence || "").indexOf("FLASH") === 0) {
        announce("FLASH arrived: " + name + from + ".");
        document.body.classList.add("flash-arrived");
      } else {
        announce("New cable: " + name + from + ".");
      }
    });
    stream.addEventListener("receipt", function () {
      refreshInbox();
      refreshTimeline();
    });
  }

  var article = document.querySelector("article.cable[data-receipts]");
  if (article && article.dataset.receipts && window.IntersectionObserver) {
    var paragraphs = Array.prototype.slice.call(article.querySelectorAll("[data-para]"));
    var seen = new Set();
    var reported = false;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        // seen once its end has been on screen: a paragraph taller than the screen counts too
        var bottom = entry.rootBounds ? entry.rootBounds.bottom : window.innerHeight;
        if (entry.isIntersecting && entry.boundingClientRect.bottom <= bottom + 1) {
          seen.add(entry.target.id);
          observer.unobserve(entry.target);
        }
      });
      if (!reported && paragraphs.length > 0 && seen.size === paragraphs.length) {
        reported = true;
        fetch(article.dataset.receipts, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify({ kind: "READ_IN_FULL", client: "web" })
        }).then(function (r) {
          if (r.ok) {
            var state = document.getElementById("my-state");
            if (state && state.textContent === "opened") {
              state.textContent = "read in full";
              state.className = "state state-read-in-full";
            }
            announce("Recorded: read in full.");
          }
        });
      }
    }, { threshold: [0, 0.1, 0.25, 0.5, 0.75, 1] });
    paragraphs.forEach(function (p) { observer.observe(p); });
  }
})();
