// SimpleIM companion dashboard: polls the JSON API every second and redraws each panel.
// Data is only ever put into the page as text (textContent), never as HTML.
"use strict";

(function () {
  const refreshMs = 1000;
  const token = new URLSearchParams(window.location.search).get("token");
  let ladderAfter = 0;
  let ladderCapacity = 500;

  function api(path) {
    const headers = { "Accept": "application/json" };
    if (token) {
      headers["Authorization"] = "Bearer " + token;
    }
    return fetch(path, { headers: headers, cache: "no-store" }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          const error = new Error(body.error || ("HTTP " + response.status));
          error.status = response.status;
          error.body = body;
          throw error;
        }
        return body;
      });
    });
  }

  // Builds an element: el("td", { text: "x", cls: "num", data: { user: "bob" } }, [children]).
  function el(tag, options, children) {
    const node = document.createElement(tag);
    options = options || {};
    if (options.text !== undefined && options.text !== null) { node.textContent = String(options.text); }
    if (options.cls) { node.className = options.cls; }
    if (options.title) { node.title = options.title; }
    if (options.data) {
      Object.keys(options.data).forEach(function (key) { node.dataset[key] = String(options.data[key]); });
    }
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function badge(text, kind) {
    return el("span", { text: text, cls: "badge " + (kind || text), data: { field: "badge" } });
  }

  function replaceRows(section, rows) {
    const tbody = section.querySelector("tbody");
    tbody.replaceChildren.apply(tbody, rows);
    section.querySelector(".empty").hidden = rows.length > 0;
  }

  function ago(iso) {
    if (!iso) { return "—"; }
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    return duration(seconds) + " ago";
  }

  function duration(seconds) {
    if (seconds < 60) { return seconds + " s"; }
    if (seconds < 3600) { return Math.floor(seconds / 60) + " min " + (seconds % 60) + " s"; }
    if (seconds < 86400) { return Math.floor(seconds / 3600) + " h " + Math.floor((seconds % 3600) / 60) + " min"; }
    return Math.floor(seconds / 86400) + " d " + Math.floor((seconds % 86400) / 3600) + " h";
  }

  function bytes(count) {
    if (count < 1024) { return count + " B"; }
    if (count < 1024 * 1024) { return (count / 1024).toFixed(1) + " KiB"; }
    return (count / 1024 / 1024).toFixed(1) + " MiB";
  }

  function clock(iso) {
    const d = new Date(iso);
    const pad = function (n, w) { return String(n).padStart(w || 2, "0"); };
    return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) + "." + pad(d.getMilliseconds(), 3);
  }

  function setCount(id, text) {
    document.getElementById(id).textContent = text;
  }

  function renderHealth(health) {
    const box = document.getElementById("health");
    box.dataset.status = health.status;
    const elements = health.elements.map(function (e) { return e.name + " " + e.address; }).join(", ") || "no SIP elements traced";
    document.getElementById("health-text").textContent =
      health.domain + " · role " + health.role + " · " + elements + " · storage " + (health.storageError ? "error: " + health.storageError : "ok") +
      " · up " + duration(health.uptimeSeconds);
  }

  function renderDevices(view) {
    const section = document.getElementById("devices");
    const rows = view.devices.map(function (d) {
      return el("tr", { data: { user: d.user, presence: d.presence, available: d.available, registered: d.registered } }, [
        el("td", { text: d.user, title: d.aor }),
        el("td", {}, [badge(d.presence)]),
        el("td", {}, [d.registered ? badge("yes") : badge("no", "off")]),
        el("td", { text: d.lastRegistrationAt ? ago(d.lastRegistrationAt) : (d.registered ? "before restart" : "—") }),
        el("td", { text: d.transport || "—" }),
        el("td", { text: d.contact || "—", cls: "mono" }),
      ]);
    });
    setCount("devices-count", view.devices.length);
    replaceRows(section, rows);
  }

  function renderRegistrations(view) {
    const section = document.getElementById("registrations");
    const rows = view.registrations.map(function (r) {
      return el("tr", { data: { aor: r.aor, contact: r.contact } }, [
        el("td", { text: r.aor }),
        el("td", { text: r.contact, cls: "mono" }),
        el("td", { text: r.transport || "—" }),
        el("td", { text: r.source || "—", cls: "mono" }),
        el("td", { text: duration(r.expiresInSeconds), cls: "num" }),
      ]);
    });
    setCount("registrations-count", view.registrations.length);
    replaceRows(section, rows);
  }

  function renderPresence(view) {
    const section = document.getElementById("presence");
    const cards = view.presentities.map(function (p) {
      const watchers = p.watchers.map(function (w) {
        return el("li", { data: { watcher: w.watcher, state: w.state } }, [
          el("span", { text: w.watcher, title: "expires in " + duration(w.expiresInSeconds) }),
          el("span", {}, [badge(w.state), w.rule ? badge(w.rule) : null]),
        ]);
      });
      const card = el("div", { cls: "card", data: { presentity: p.presentity, user: p.user, status: p.status, available: p.availableForIm } }, [
        el("div", { cls: "title" }, [el("strong", { text: p.user }), badge(p.status)]),
        el("div", { cls: "uri", text: p.presentity }),
        p.note ? el("div", { cls: "note", text: "“" + p.note + "”" }) : null,
        el("div", { cls: "label", text: p.publications + " publication" + (p.publications === 1 ? "" : "s") +
          (p.lastPublishedAt ? ", last " + ago(p.lastPublishedAt) : "") }),
        el("div", { cls: "label", text: watchers.length ? "Watchers" : "No watchers" }),
        watchers.length ? el("ul", {}, watchers) : null,
      ]);
      return card;
    });
    const container = section.querySelector(".cards");
    container.replaceChildren.apply(container, cards);
    section.querySelector(".empty").hidden = cards.length > 0;
    setCount("presence-count", view.presentities.length + (view.truncated ? "+" : ""));
  }

  function renderMessages(view) {
    const section = document.getElementById("messages");
    const rows = view.queues.map(function (q) {
      const senders = Array.from(new Set(q.messages.map(function (m) { return m.sender; }))).join(", ");
      return el("tr", { data: { recipient: q.recipient, user: q.user, count: q.count } }, [
        el("td", { text: q.user, title: q.recipient }),
        el("td", { text: q.count, cls: "num", data: { field: "count" } }),
        el("td", { text: bytes(q.totalBytes), cls: "num" }),
        el("td", { text: ago(q.oldestArrivedAt) }),
        el("td", { text: senders || "—" }),
      ]);
    });
    setCount("messages-count", view.totalCount + " waiting");
    replaceRows(section, rows);
  }

  function labelClass(entry) {
    if (entry.isRequest) { return "request"; }
    if (entry.status < 200) { return "provisional"; }
    return entry.status < 300 ? "ok" : "error";
  }

  function renderLadder(view) {
    const section = document.getElementById("ladder");
    const tbody = section.querySelector("tbody");
    if (view.lastSequence < ladderAfter) {
      tbody.replaceChildren(); // the server restarted: its numbering did too
    }
    ladderCapacity = view.capacity;
    const scroller = section.querySelector(".ladder-scroll");
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 30;
    view.entries.forEach(function (e) {
      tbody.appendChild(el("tr", { cls: "fresh", data: { seq: e.sequence, label: e.label, from: e.from, to: e.to } }, [
        el("td", { text: clock(e.at), cls: "mono" }),
        el("td", { text: e.from, title: e.fromAddress }),
        el("td", { text: "→", cls: "arrow" }),
        el("td", { text: e.to, title: e.toAddress }),
        el("td", { text: e.label, cls: labelClass(e), title: e.transport + (e.cSeq ? " · CSeq " + e.cSeq : "") }),
        el("td", { text: e.summary, cls: "summary" }),
        el("td", { text: (e.callId || "").slice(0, 12), cls: "mono muted", title: e.callId || "" }),
      ]));
    });
    while (tbody.rows.length > ladderCapacity) {
      tbody.deleteRow(0);
    }
    ladderAfter = view.lastSequence;
    if (atBottom) {
      scroller.scrollTop = scroller.scrollHeight;
    }
    section.querySelector(".empty").hidden = tbody.rows.length > 0;
    setCount("ladder-count", tbody.rows.length + " of last " + ladderCapacity);
  }

  function showProblem(error) {
    const banner = document.getElementById("banner");
    if (!error) {
      banner.hidden = true;
      return;
    }
    banner.hidden = false;
    banner.textContent = error.status === 401
      ? "Not authorized: open this page with ?token=<Dashboard:Token>. (" + error.message + ")"
      : "Cannot refresh: " + error.message;
    if (error.status === undefined) {
      document.getElementById("health").dataset.status = "down";
      document.getElementById("health-text").textContent = "companion unreachable";
    }
  }

  function refresh() {
    return Promise.all([
      api("/api/health").catch(function (error) {
        // 503 still carries the health document: show it rather than an error.
        if (error.status === 503 && error.body && error.body.status) { return error.body; }
        throw error;
      }),
      api("/api/devices"),
      api("/api/presence"),
      api("/api/registrations"),
      api("/api/messages"),
      api("/api/ladder?after=" + ladderAfter),
    ]).then(function (results) {
      renderHealth(results[0]);
      renderDevices(results[1]);
      renderPresence(results[2]);
      renderRegistrations(results[3]);
      renderMessages(results[4]);
      renderLadder(results[5]);
      showProblem(null);
      document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
      document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
    }).catch(showProblem);
  }

  function loop() {
    refresh().finally(function () { window.setTimeout(loop, refreshMs); });
  }

  document.addEventListener("DOMContentLoaded", loop);
})();
