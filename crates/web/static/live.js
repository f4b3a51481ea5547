// Live pages (presenter, projector, phone): listen to the room's stream
// and refresh the server-rendered parts of the page when it says
// something changed. Without JavaScript, or when the stream drops, a
// reload shows the same state: the pages never depend on this file.
//
// Markup it reads:
//   <section data-live-events="/api/v1/live/{code}/events"
//            data-live-refresh="{url of the whole live part}">
//     … <div data-live-results="{url of the results part}">…</div> …
//   </section>
// An `activity` event (the open activity changed) reloads the whole part;
// a `results` event reloads only the results parts, so that a participant
// typing an answer does not lose it.
(function () {
  "use strict";
  if (!("EventSource" in window) || !window.fetch) {
    return;
  }

  function load(el, url) {
    return fetch(url, {
      credentials: "same-origin",
      headers: { "X-Live-Fragment": "1" },
    })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          el.innerHTML = html;
        }
      })
      .catch(function () {});
  }

  // Several changes within a moment become one reload.
  function debounce(fn, ms) {
    var timer = null;
    return function () {
      if (timer !== null) {
        return;
      }
      timer = setTimeout(function () {
        timer = null;
        fn();
      }, ms);
    };
  }

  document.querySelectorAll("[data-live-events]").forEach(function (root) {
    var whole = root.getAttribute("data-live-refresh");
    var started = false;
    var reloadWhole = debounce(function () {
      if (whole) {
        load(root, whole);
      }
    }, 120);
    var reloadResults = debounce(function () {
      root.querySelectorAll("[data-live-results]").forEach(function (el) {
        load(el, el.getAttribute("data-live-results"));
      });
    }, 120);
    var source = new EventSource(root.getAttribute("data-live-events"));
    source.addEventListener("activity", function () {
      // The first event is the state the page was rendered with.
      if (started) {
        reloadWhole();
      }
      started = true;
    });
    source.addEventListener("results", function () {
      reloadResults();
    });
    source.addEventListener("error", function () {
      // EventSource reconnects by itself; on reconnect the first event is
      // the current state, which may differ from what is shown.
      started = true;
    });
    root.setAttribute("data-live-connected", "1");
  });
})();
