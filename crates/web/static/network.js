// maillage — interactive network view: zoom (wheel, pinch, buttons, + / -),
// pan (drag, arrow keys) by changing the SVG viewBox; hover or focus on an
// organization highlights it and its neighbours. Without this script the
// drawing stays a static SVG whose nodes are links.
(function () {
  "use strict";
  function setup(svg) {
    var W = parseFloat(svg.getAttribute("data-width")) || 1000;
    var H = parseFloat(svg.getAttribute("data-height")) || 720;
    var view = { x: 0, y: 0, w: W, h: H };
    var frame = svg.closest(".network-frame") || svg.parentNode;
    var section = svg.closest(".network-view");
    function apply() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) {
        return Math.round(v * 100) / 100;
      }).join(" "));
    }
    function zoom(factor, cx, cy) {
      var w = Math.min(W * 4, Math.max(W / 40, view.w * factor));
      var f = w / view.w;
      if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
      view.x = cx - (cx - view.x) * f;
      view.y = cy - (cy - view.y) * f;
      view.w = w;
      view.h = view.h * f;
      apply();
    }
    function reset() { view = { x: 0, y: 0, w: W, h: H }; apply(); }
    function toSvg(clientX, clientY) {
      var r = svg.getBoundingClientRect();
      return {
        x: view.x + (clientX - r.left) / r.width * view.w,
        y: view.y + (clientY - r.top) / r.height * view.h
      };
    }
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      zoom(e.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
    }, { passive: false });

    var pointers = {};
    var moved = false;
    var last = null;
    var pinch = null;
    svg.addEventListener("pointerdown", function (e) {
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      moved = false;
      last = { x: e.clientX, y: e.clientY };
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        pinch = Math.hypot(a.x - b.x, a.y - b.y);
      }
    });
    svg.addEventListener("pointermove", function (e) {
      if (!pointers[e.pointerId]) { return; }
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      var ids = Object.keys(pointers);
      var r = svg.getBoundingClientRect();
      if (ids.length === 2 && pinch) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var d = Math.hypot(a.x - b.x, a.y - b.y);
        if (d > 0) {
          var c = toSvg((a.x + b.x) / 2, (a.y + b.y) / 2);
          zoom(pinch / d, c.x, c.y);
          pinch = d;
          moved = true;
        }
        return;
      }
      var dx = e.clientX - last.x, dy = e.clientY - last.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; }
      if (moved) {
        view.x -= dx / r.width * view.w;
        view.y -= dy / r.height * view.h;
        last = { x: e.clientX, y: e.clientY };
        apply();
        svg.classList.add("is-panning");
      }
    });
    function up(e) {
      delete pointers[e.pointerId];
      if (Object.keys(pointers).length < 2) { pinch = null; }
      svg.classList.remove("is-panning");
    }
    svg.addEventListener("pointerup", up);
    svg.addEventListener("pointercancel", up);
    svg.addEventListener("pointerleave", up);
    // A drag is not a click on the organization under the pointer.
    svg.addEventListener("click", function (e) {
      if (moved) { e.preventDefault(); moved = false; }
    }, true);

    // Highlight an organization and its neighbours.
    var nodes = svg.querySelectorAll(".net-node");
    var byIndex = {};
    nodes.forEach(function (n) { byIndex[n.getAttribute("data-i")] = n; });
    var lines = svg.querySelectorAll(".net-links line");
    var adj = {};
    lines.forEach(function (l) {
      var a = l.getAttribute("data-a"), b = l.getAttribute("data-b");
      (adj[a] = adj[a] || []).push(b);
      (adj[b] = adj[b] || []).push(a);
    });
    var labels = svg.querySelectorAll(".net-label");
    function clear() {
      svg.classList.remove("has-focus");
      var st = section && section.querySelector(".network-status");
      if (st) { st.textContent = ""; }
      svg.querySelectorAll(".is-focus, .is-neighbour").forEach(function (el) {
        el.classList.remove("is-focus", "is-neighbour");
      });
    }
    function highlight(node) {
      clear();
      var i = node.getAttribute("data-i");
      var nb = adj[i] || [];
      svg.classList.add("has-focus");
      node.classList.add("is-focus");
      nb.forEach(function (j) { if (byIndex[j]) { byIndex[j].classList.add("is-neighbour"); } });
      lines.forEach(function (l) {
        if (l.getAttribute("data-a") === i || l.getAttribute("data-b") === i) { l.classList.add("is-focus"); }
      });
      labels.forEach(function (t) {
        var k = t.getAttribute("data-i");
        if (k === i || nb.indexOf(k) >= 0) { t.classList.add("is-neighbour"); }
      });
      var status = section && section.querySelector(".network-status");
      if (status) { status.textContent = node.getAttribute("aria-label") + " · " + nb.length; }
    }
    nodes.forEach(function (n) {
      n.addEventListener("mouseenter", function () { highlight(n); });
      n.addEventListener("focus", function () { highlight(n); });
      n.addEventListener("mouseleave", clear);
      n.addEventListener("blur", clear);
    });

    // Keyboard: + / - zoom, arrows pan, 0 resets (on the focused frame).
    frame.addEventListener("keydown", function (e) {
      var step = view.w / 10;
      switch (e.key) {
        case "+": case "=": zoom(0.8); break;
        case "-": case "_": zoom(1.25); break;
        case "0": reset(); break;
        case "ArrowLeft": view.x -= step; apply(); break;
        case "ArrowRight": view.x += step; apply(); break;
        case "ArrowUp": view.y -= step; apply(); break;
        case "ArrowDown": view.y += step; apply(); break;
        default: return;
      }
      e.preventDefault();
    });
    if (section) {
      var bar = section.querySelector(".network-toolbar");
      if (bar) {
        bar.hidden = false;
        bar.querySelectorAll("button[data-zoom]").forEach(function (b) {
          b.addEventListener("click", function () {
            var z = b.getAttribute("data-zoom");
            if (z === "in") { zoom(0.8); } else if (z === "out") { zoom(1.25); } else { reset(); }
          });
        });
      }
      if (!section.querySelector(".network-status")) {
        var s = document.createElement("p");
        s.className = "network-status hint";
        s.setAttribute("aria-live", "polite");
        frame.parentNode.insertBefore(s, frame.nextSibling);
      }
    }
    svg.classList.add("is-interactive");
  }
  function init() { document.querySelectorAll("svg.network-svg").forEach(setup); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
