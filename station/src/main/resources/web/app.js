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
    // what the page shows from now on is live; a test waits for this before it sends traffic
    stream.addEventListener("open", function () {
      document.documentElement.setAttribute("data-live", "open");
    });
    stream.addEventListener("error", function () {
      document.documentElement.setAttribute("data-live", "reconnecting");
    });
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

// The browser is a witness of the station's audit log (G8), as the CLI is: it keeps the latest
// checkpoint it verified, and on each page load checks the station's latest against it: the same
// key, a valid Ed25519 signature, no fewer entries, and an RFC 6962 consistency proof from the old
// tree to the new. A station that rewrote or removed history gets a blocking warning.
(function () {
  "use strict";
  var STORE = "backchannel.checkpoint";
  var subtle = window.crypto && window.crypto.subtle;

  function b64(text) {
    var raw = atob(text);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      out[i] = raw.charCodeAt(i);
    }
    return out;
  }

  function concat(parts) {
    var n = parts.reduce(function (a, p) { return a + p.length; }, 0);
    var out = new Uint8Array(n);
    var at = 0;
    parts.forEach(function (p) { out.set(p, at); at += p.length; });
    return out;
  }

  function sha256(bytes) {
    return subtle.digest("SHA-256", bytes).then(function (d) { return new Uint8Array(d); });
  }

  function node(left, right) {
    return sha256(concat([new Uint8Array([1]), left, right]));
  }

  function same(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }

  /** The verifier key "name+id+base64(0x01 || key)": its name, id and 32-byte key. */
  function verifierKey(text) {
    var first = text.indexOf("+");
    var second = text.indexOf("+", first + 1);
    var raw = b64(text.substring(second + 1));
    return { name: text.substring(0, first), id: text.substring(first + 1, second), key: raw.slice(1) };
  }

  /** Opens a signed note with the key: its text's lines, or null when no valid signature. */
  function open(note, vkey) {
    var split = note.lastIndexOf("\n\n");
    var text = note.substring(0, split + 1);
    var lines = note.substring(split + 2).split("\n");
    var enc = new TextEncoder();
    return subtle.importKey("raw", vkey.key, { name: "Ed25519" }, false, ["verify"])
      .then(function (key) {
        var checks = lines
          .filter(function (l) { return l.indexOf("\u2014 " + vkey.name + " ") === 0; })
          .map(function (l) {
            var sig = b64(l.substring(l.lastIndexOf(" ") + 1));
            return subtle.verify({ name: "Ed25519" }, key, sig.slice(4), enc.encode(text));
          });
        return Promise.all(checks);
      })
      .then(function (results) {
        return results.some(Boolean) ? text.split("\n") : null;
      });
  }

  /** RFC 9162 2.1.4.2: whether proof shows the tree of size m with root a inside that of n, b. */
  function consistent(m, a, n, b, proof) {
    if (m === n) {
      return Promise.resolve(proof.length === 0 && same(a, b));
    }
    if (m === 0 || m > n || proof.length === 0) {
      return Promise.resolve(false);
    }
    var path = (m & (m - 1)) === 0 ? [a].concat(proof) : proof;
    var fn = m - 1;
    var sn = n - 1;
    while (fn & 1) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    var fr = path[0];
    var sr = path[0];
    var chain = Promise.resolve(true);
    path.slice(1).forEach(function (c) {
      chain = chain.then(function (ok) {
        if (!ok || sn === 0) {
          return false;
        }
        var step;
        if ((fn & 1) || fn === sn) {
          step = Promise.all([node(c, fr), node(c, sr)]).then(function (r) {
            fr = r[0];
            sr = r[1];
            if (!(fn & 1)) {
              while (!(fn & 1) && fn !== 0) {
                fn = Math.floor(fn / 2);
                sn = Math.floor(sn / 2);
              }
            }
          });
        } else {
          step = node(sr, c).then(function (r) { sr = r; });
        }
        return step.then(function () {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
          return true;
        });
      });
    });
    return chain.then(function (ok) { return ok && sn === 0 && same(fr, a) && same(sr, b); });
  }

  function alarm(words) {
    if (document.getElementById("log-alarm")) {
      return;
    }
    var box = document.createElement("div");
    box.id = "log-alarm";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", "log-alarm-title");
    var inner = document.createElement("div");
    var h = document.createElement("h2");
    h.id = "log-alarm-title";
    h.textContent = "This station's record does not match what your browser saw before";
    var p = document.createElement("p");
    p.textContent = words + " Someone may have rewritten or removed history (G8). Do not rely on"
      + " what this station shows until its operator explains; tell your security officer.";
    inner.appendChild(h);
    inner.appendChild(p);
    box.appendChild(inner);
    document.body.appendChild(box);
    h.setAttribute("tabindex", "-1");
    h.focus();
  }

  function check() {
    var log;
    fetch("/api/log", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        log = answer;
        if (!log || !log.checkpoint) {
          return null;
        }
        return open(log.checkpoint.note, verifierKey(log.publicKey));
      })
      .then(function (lines) {
        if (!log || !log.checkpoint) {
          return;
        }
        if (!lines) {
          alarm("Its latest checkpoint does not carry a valid signature of its own key.");
          return;
        }
        var now = { key: log.publicKey, size: parseInt(lines[1], 10), root: lines[2], note: log.checkpoint.note };
        var kept = null;
        try { kept = JSON.parse(window.localStorage.getItem(STORE)); } catch (x) { kept = null; }
        if (!kept) {
          window.localStorage.setItem(STORE, JSON.stringify(now));
          document.body.dataset.witness = "kept";
          return;
        }
        if (kept.key !== now.key) {
          alarm("It now signs its log with another key than the one your browser saw.");
          return;
        }
        if (now.size < kept.size) {
          alarm("Its log now holds " + now.size + " entries, fewer than the " + kept.size + " your browser verified.");
          return;
        }
        return fetch("/api/log/proofs/consistency?first=" + kept.size + "&second=" + now.size, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { proof: null }; })
          .then(function (answer) {
            if (!answer.proof) {
              alarm("It gives no proof that its log of " + now.size + " entries holds the " + kept.size + " your browser verified.");
              return;
            }
            return consistent(kept.size, b64(kept.root), now.size, b64(now.root), answer.proof.map(b64))
              .then(function (ok) {
                if (!ok) {
                  alarm("Its log of " + now.size + " entries does not hold the " + kept.size + " your browser verified.");
                  return;
                }
                window.localStorage.setItem(STORE, JSON.stringify(now));
                document.body.dataset.witness = "consistent";
              });
          });
      })
      .catch(function () { /* the station unreachable: nothing to witness now */ });
  }

  if (subtle && window.fetch && window.localStorage) {
    check();
  }
})();
