/* StackLab explorer, part 1 of 2: the panels (packet inspector, tables, topology, quiz question).
 * Written for StackLab; no library. Reads the run from the JSON in #run-data (see ExplorerData.java):
 * each event is [t_ns, host, kind, summary, process, socket, proto, packet|0, tableChange|0]. */
"use strict";
var SLX = (function () {
  var X = {};
  var PKT = { tx: 1, rx: 1, forward: 1, deliver: 1, drop: 1 };
  X.PKT = PKT;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  X.el = el;

  X.time = function (ns) {
    var s = String(Math.floor(ns / 1e9)), f = String(ns % 1e9);
    while (f.length < 9) { f = "0" + f; }
    return s + "." + f;
  };

  function bytesOf(b64) {
    var bin = atob(b64), a = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { a[i] = bin.charCodeAt(i); }
    return a;
  }
  X.bytesOf = bytesOf;
  function u16(a, o) { return (a[o] << 8) | a[o + 1]; }
  function u32(a, o) { return a[o] * 16777216 + ((a[o + 1] << 16) | (a[o + 2] << 8) | a[o + 3]); }
  function ip(a, o) { return a[o] + "." + a[o + 1] + "." + a[o + 2] + "." + a[o + 3]; }
  /* An IPv6 address as RFC 5952 prints it (as Java's Ipv6Address does): the longest run of two or more zero groups as "::". */
  function ip6(a, o) {
    var g = [], best = -1, bestLen = 1, i, j, s = "";
    for (i = 0; i < 8; i++) { g.push(u16(a, o + 2 * i)); }
    for (i = 0; i < 8; i = Math.max(i + 1, j)) {
      for (j = i; j < 8 && g[j] === 0; j++) { }
      if (j - i > bestLen) { best = i; bestLen = j - i; }
    }
    for (i = 0; i < 8; i++) {
      if (i === best) { s += "::"; i += bestLen - 1; continue; }
      s += (s && s.charAt(s.length - 1) !== ":" ? ":" : "") + g[i].toString(16);
    }
    return s;
  }
  function tcpFlags(f) {
    var s = (f & 2 ? "S" : "") + (f & 1 ? "F" : "") + (f & 4 ? "R" : "") + (f & 8 ? "P" : "") + (f & 32 ? "U" : "");
    return s + (f & 16 ? "." : "");
  }

  /* The packet's headers, read from its bytes: every field with the bytes [from, to) it covers. */
  function parse(a) {
    var p = { fields: [] };
    function f(layer, name, from, to, value) { p.fields.push({ layer: layer, name: name, from: from, to: to, value: value }); }
    var ihl = (a[0] & 15) * 4;
    p.v6 = (a[0] >> 4) === 6;
    if (p.v6) {
      /* RFC 8200 section 3: a fixed 40-byte header, no checksum, no identification */
      ihl = 40;
      p.ttl = a[7]; p.protoNum = a[6]; p.src = ip6(a, 8); p.dst = ip6(a, 24); p.id = 0;
      f("IPv6", "version, traffic class, flow label", 0, 4, (a[0] >> 4) + ", " + (((a[0] & 15) << 4) | (a[1] >> 4)) + ", " + (((a[1] & 15) << 16) | u16(a, 2)));
      f("IPv6", "payload length", 4, 6, u16(a, 4));
      f("IPv6", "next header", 6, 7, p.protoNum + (p.protoNum === 6 ? " (TCP)" : p.protoNum === 17 ? " (UDP)" : p.protoNum === 58 ? " (ICMPv6)" : ""));
      f("IPv6", "hop limit", 7, 8, p.ttl);
      f("IPv6", "source", 8, 24, p.src);
      f("IPv6", "destination", 24, 40, p.dst);
    } else {
    p.ttl = a[8]; p.protoNum = a[9]; p.src = ip(a, 12); p.dst = ip(a, 16); p.id = u16(a, 4);
    f("IP", "version, header length", 0, 1, (a[0] >> 4) + ", " + ihl + " bytes");
    f("IP", "DSCP, ECN", 1, 2, a[1]);
    f("IP", "total length", 2, 4, u16(a, 2));
    f("IP", "identification", 4, 6, p.id);
    f("IP", "flags, fragment offset", 6, 8, (a[6] & 64 ? "DF" : "-") + ", " + (u16(a, 6) & 8191));
    f("IP", "TTL", 8, 9, p.ttl);
    f("IP", "protocol", 9, 10, p.protoNum + (p.protoNum === 6 ? " (TCP)" : p.protoNum === 17 ? " (UDP)" : p.protoNum === 1 ? " (ICMP)" : ""));
    f("IP", "header checksum", 10, 12, "0x" + u16(a, 10).toString(16));
    f("IP", "source", 12, 16, p.src);
    f("IP", "destination", 16, 20, p.dst);
    }
    var o = ihl;
    if (p.protoNum === 6) {
      var doff = (a[o + 12] >> 4) * 4;
      p.proto = "tcp"; p.sport = u16(a, o); p.dport = u16(a, o + 2); p.flags = tcpFlags(a[o + 13]);
      f("TCP", "source port", o, o + 2, p.sport);
      f("TCP", "destination port", o + 2, o + 4, p.dport);
      f("TCP", "sequence number", o + 4, o + 8, u32(a, o + 4));
      f("TCP", "acknowledgment number", o + 8, o + 12, u32(a, o + 8));
      f("TCP", "data offset, flags", o + 12, o + 14, doff + " bytes, [" + p.flags + "]");
      f("TCP", "window", o + 14, o + 16, u16(a, o + 14));
      f("TCP", "checksum", o + 16, o + 18, "0x" + u16(a, o + 16).toString(16));
      f("TCP", "urgent pointer", o + 18, o + 20, u16(a, o + 18));
      if (doff > 20) { f("TCP", "options", o + 20, o + doff, a[o + 20] === 2 ? "mss " + u16(a, o + 22) : (doff - 20) + " bytes"); }
      o += doff;
    } else if (p.protoNum === 17) {
      p.proto = "udp"; p.sport = u16(a, o); p.dport = u16(a, o + 2);
      f("UDP", "source port", o, o + 2, p.sport);
      f("UDP", "destination port", o + 2, o + 4, p.dport);
      f("UDP", "length", o + 4, o + 6, u16(a, o + 4));
      f("UDP", "checksum", o + 6, o + 8, "0x" + u16(a, o + 6).toString(16));
      o += 8;
    } else if (p.protoNum === 1 || p.protoNum === 58) {
      var L = p.protoNum === 58 ? "ICMPv6" : "ICMP";
      p.proto = p.protoNum === 58 ? "icmp6" : "icmp"; p.sport = 0; p.dport = 0;
      f(L, "type, code", o, o + 2, a[o] + ", " + a[o + 1]);
      f(L, "checksum", o + 2, o + 4, "0x" + u16(a, o + 2).toString(16));
      f(L, "rest of header", o + 4, o + 8, u32(a, o + 4));
      if (a.length > o + 8) { f(L, "quoted packet", o + 8, a.length, (a.length - o - 8) + " bytes"); }
      o = a.length;
    }
    /* IPv6 has no identification: the same packet at another hop is known by its transport checksum */
    if (p.v6) { p.id = "c" + u16(a, ihl + (p.protoNum === 6 ? 16 : p.protoNum === 17 ? 6 : 2)); }
    if (a.length > o) { f("data", "payload", o, a.length, (a.length - o) + " bytes"); }
    p.key = p.proto + " " + p.src + ":" + p.sport + ">" + p.dst + ":" + p.dport + " id " + p.id;
    return p;
  }
  X.parse = parse;

  /* A packet event's one line, tcpdump-like, written from its bytes (the page does not carry it twice). */
  X.line = function (x) {
    if (x[3] || !x[7]) { return x[3]; }
    var a = bytesOf(x[7].b), p = parse(a), ihl = p.v6 ? 40 : (a[0] & 15) * 4, ipv = p.v6 ? "IP6 " : "IP ",
      s = ipv + p.src + "." + p.sport + " > " + p.dst + "." + p.dport + ": ";
    if (p.proto === "tcp") {
      var o = ihl, len = a.length - o - (a[o + 12] >> 4) * 4, seq = u32(a, o + 4);
      s += "Flags [" + p.flags + "], seq " + (len ? seq + ":" + (seq + len) : seq) + (a[o + 13] & 16 ? ", ack " + u32(a, o + 8) : "")
        + ", win " + u16(a, o + 14) + ", length " + len;
    } else if (p.proto === "udp") {
      s += "UDP, length " + (u16(a, ihl + 4) - 8);
    } else {
      s = ipv + p.src + " > " + p.dst + ": " + (p.v6 ? "ICMP6" : "ICMP") + " type " + a[ihl] + " code " + a[ihl + 1];
    }
    if (x[7].d) { s += " → socket " + x[7].d[0] + " (" + x[7].d[1] + ")"; }
    if (x[7].why) { s += " ✕ " + x[7].why; }
    x[3] = s;
    return s;
  };

  /* The same packet at another hop: same addresses, ports and IP id. */
  X.hop = function (E, i, dir, kinds) {
    var key = parse(bytesOf(E[i][7].b)).key;
    for (var j = i + dir, n = 0; j >= 0 && j < E.length && n < 400; j += dir, n++) {
      var x = E[j];
      if (x[7] && kinds[x[2]] && parse(bytesOf(x[7].b)).key === key) { return j; }
    }
    return -1;
  };

  /* Host h's socket table after event i: socket id -> row [id, proto, state, local, peer, process, recvQ, sendQ]. */
  X.tableAt = function (D, i, h) {
    var t = {}, start = 0;
    if (i >= D.head && D.events.length > D.head) {
      start = D.head;
      D.tailBase.forEach(function (b) { if (b[0] === h) { b[1].forEach(function (r) { t[r[0]] = r; }); } });
    }
    for (var j = start; j <= i; j++) {
      var x = D.events[j], c = x[8];
      if (c && x[1] === h) {
        c[0].forEach(function (r) { t[r[0]] = r; });
        c[1].forEach(function (id) { delete t[id]; });
      }
    }
    return t;
  };

  function row(tr, cells, tag) {
    cells.forEach(function (c) { tr.appendChild(el(tag || "td", null, c)); });
    return tr;
  }
  function portOf(local) { return local.substring(local.lastIndexOf(":") + 1); }
  X.portOf = portOf;

  /* The tables at event i for host h, as ss -tuanp prints them, and the port-by-port view. */
  X.tables = function (D, i, h, ss, dual) {
    var after = X.tableAt(D, i, h), before = i > 0 ? X.tableAt(D, i - 1, h) : {};
    var x = D.events[i], changed = {};
    if (x && x[1] === h && x[8]) { x[8][0].forEach(function (r) { changed[r[0]] = 1; }); }
    var ids = Object.keys(after).concat(Object.keys(before).filter(function (k) { return !(k in after); }))
      .map(Number).sort(function (a, b) { return a - b; });
    ss.textContent = ""; dual.textContent = "";
    ss.appendChild(el("h3", null, "Sockets of " + D.hosts[h] + " after #" + X.num(D, i) + " (ss -tuanp)"));
    var tb = el("table", "ex-ss"); tb.setAttribute("data-host", D.hosts[h]);
    row(tb.appendChild(el("thead")).appendChild(el("tr")), ["Netid", "State", "Recv-Q", "Send-Q", "Local Address:Port",
      "Peer Address:Port", "Process"], "th");
    var body = tb.appendChild(el("tbody")), ports = {};
    ids.forEach(function (id) {
      var r = after[id] || before[id], gone = !after[id];
      var tr = row(el("tr", gone ? "gone" : changed[id] ? "chg" : ""), [r[1], r[2], r[6], r[7], r[3], r[4],
        "users:((\"" + r[5] + "\",sock=" + r[0] + "))"]);
      tr.setAttribute("data-sock", r[0]);
      body.appendChild(tr);
      var k = r[1] + " port " + portOf(r[3]);
      (ports[k] = ports[k] || []).push({ r: r, gone: gone, chg: !!changed[id] });
    });
    if (!ids.length) { body.appendChild(row(el("tr"), ["(no socket bound)", "", "", "", "", "", ""])); }
    ss.appendChild(tb);
    dual.appendChild(el("h3", null, "Port table of " + D.hosts[h] + ": each port and the sockets on it"));
    var dt = el("table", "ex-dualt");
    row(dt.appendChild(el("thead")).appendChild(el("tr")), ["port", "socket", "state", "local", "peer", "process"], "th");
    var db = dt.appendChild(el("tbody"));
    Object.keys(ports).sort().forEach(function (k) {
      ports[k].forEach(function (s, n) {
        var tr = row(el("tr", s.gone ? "gone" : s.chg ? "chg" : ""), [n === 0 ? k : "", "socket " + s.r[0], s.r[2], s.r[3], s.r[4], s.r[5]]);
        db.appendChild(tr);
      });
    });
    dual.appendChild(dt);
  };

  X.num = function (D, i) { return i < D.head ? i : i + (D.seen - D.events.length); };

  X.ruleLink = function (D, rule) {
    var a = el("a", "rule", rule);
    a.href = (D.docs || "port-table.md") + "#" + String(rule).toLowerCase();
    a.title = "the rule, explained in docs/port-table.md";
    return a;
  };

  /* The hex dump and field table of a packet, each field highlighted under the cursor in both. */
  X.bytesView = function (box, a, p) {
    var ft = el("table", "ex-fields"), hex = el("div", "ex-hex"), owner = [], spans = [], rows = [];
    row(ft.appendChild(el("thead")).appendChild(el("tr")), ["layer", "field", "bytes", "value"], "th");
    var tb = ft.appendChild(el("tbody"));
    p.fields.forEach(function (f, n) {
      for (var b = f.from; b < f.to; b++) { owner[b] = n; }
      var tr = row(el("tr"), [f.layer, f.name, f.from + "–" + (f.to - 1), f.value]);
      tr.setAttribute("data-f", n);
      rows.push(tr); tb.appendChild(tr);
    });
    var all = "";
    for (var b = 0; b < a.length; b++) {
      if (b % 16 === 0) { hex.appendChild(el("span", "off", (b ? "\n" : "") + ("000" + b.toString(16)).slice(-4) + "  ")); }
      var h = ("0" + a[b].toString(16)).slice(-2);
      all += h;
      var s = el("span", null, h + (b % 16 === 15 ? "" : " "));
      s.setAttribute("data-f", owner[b] === undefined ? -1 : owner[b]);
      spans.push(s); hex.appendChild(s);
    }
    hex.setAttribute("data-hex", all);
    function hot(n, on) {
      if (n < 0 || !p.fields[n]) { return; }
      rows[n].classList.toggle("hot", on);
      for (var k = p.fields[n].from; k < p.fields[n].to; k++) { spans[k].classList.toggle("hot", on); }
    }
    [hex, tb].forEach(function (c) {
      c.addEventListener("mouseover", function (ev) { var t = ev.target.closest("[data-f]"); if (t) { hot(+t.getAttribute("data-f"), true); } });
      c.addEventListener("mouseout", function (ev) { var t = ev.target.closest("[data-f]"); if (t) { hot(+t.getAttribute("data-f"), false); } });
    });
    box.appendChild(el("h3", null, "Header fields"));
    box.appendChild(ft);
    box.appendChild(el("h3", null, "The packet's bytes (" + a.length + ", as in trace.pcap; hover to find a field)"));
    box.appendChild(hex);
  };

  /* Topology: the static section's drawing, cloned, with the packet, drops and table badges on top. */
  X.topo = function (box) {
    var src = document.querySelector("#topology svg.topo");
    var T = { pos: {}, svg: null, anim: 0 };
    if (!src) { return T; }
    T.svg = src.cloneNode(true);
    box.appendChild(T.svg);
    Array.prototype.forEach.call(T.svg.querySelectorAll("g.box"), function (g) {
      var r = g.querySelector("rect:not(.behind)"), key = g.hasAttribute("data-group")
        ? "\u0000" + g.getAttribute("data-group") : g.getAttribute("data-host");
      if (!r || key === null) { return; }
      T.pos[key] = { g: g, x: +r.getAttribute("x") + r.getAttribute("width") / 2, y: +r.getAttribute("y"),
        w: +r.getAttribute("width"), h: +r.getAttribute("height") };
    });
    T.ns = T.svg.namespaceURI;
    T.layer = document.createElementNS(T.ns, "g");
    T.svg.appendChild(T.layer);
    return T;
  };
  var svgNs = null;
  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(svgNs, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }
  /* The box host h is drawn in: its own, or its group's when the group is one box. */
  X.box = function (T, D, h) {
    var name = D.hosts[h], g = D.groups ? D.groups[name] : undefined;
    return T.pos[name] || (g !== undefined ? T.pos["\u0000" + g] : undefined);
  };
  X.topoShow = function (T, D, i, ms) {
    if (!T.svg) { return; }
    svgNs = T.ns;
    var E = D.events, x = E[i], at = X.box(T, D, x[1]);
    T.layer.textContent = "";
    cancelAnimationFrame(T.anim);
    Object.keys(T.pos).forEach(function (k) { T.pos[k].g.classList.toggle("here", T.pos[k] === at); });
    if (!at) { return; }
    var cy = at.y + at.h / 2;
    if (x[8]) {
      T.layer.appendChild(svgEl("circle", { "class": "badge", cx: at.x + at.w / 2 - 4, cy: at.y + 2, r: 8 }));
      T.layer.appendChild(svgEl("text", { "class": "badgetext", x: at.x + at.w / 2 - 7, y: at.y + 6 }, "T"))
        .appendChild(svgEl("title", {}, "the socket table changed"));
    }
    if (!x[7]) { return; }
    if (x[2] === "drop") {
      T.layer.appendChild(svgEl("text", { "class": "dropmark", x: at.x - 7, y: at.y - 2 }, "✕"))
        .appendChild(svgEl("title", {}, "dropped: " + x[7].why));
      return;
    }
    var dot = T.layer.appendChild(svgEl("circle", { "class": "pkt " + (x[6] || ""), cx: at.x, cy: cy, r: 7 }));
    if (x[2] !== "tx" && x[2] !== "forward") { return; }
    var j = X.hop(E, i, 1, { rx: 1, drop: 1 }), to = j >= 0 ? X.box(T, D, E[j][1]) : null;
    if (!to || to === at) { return; }
    var t0 = performance.now();
    (function frame(now) {
      var f = Math.min(1, (now - t0) / ms);
      dot.setAttribute("cx", at.x + (to.x - at.x) * f);
      dot.setAttribute("cy", cy + (to.y + to.h / 2 - cy) * f);
      if (f < 1) { T.anim = requestAnimationFrame(frame); }
    })(t0);
  };

  /* The choices of a quiz question at delivery i: the sockets of that protocol on the host just before. */
  X.choices = function (D, i) {
    var x = D.events[i], d = x[7].d, t = i > 0 ? X.tableAt(D, i - 1, x[1]) : {}, out = [], seen = {};
    Object.keys(t).map(Number).sort(function (a, b) { return a - b; }).forEach(function (id) {
      var r = t[id];
      if (r[1] === x[6] && out.length < 8) { out.push({ sock: id, text: "socket " + id + " " + r[1] + " " + r[2] + " " + r[3] + " ↔ " + r[4] + " (" + r[5] + ")" }); seen[id] = 1; }
    });
    if (!seen[d[0]]) { out.push({ sock: d[0], text: "socket " + d[0] + " " + d[3] + " (" + d[1] + ")" }); }
    out.sort(function (a, b) { return a.sock - b.sock; });
    out.push({ sock: -1, text: "no socket: the kernel refuses it (RST or ICMP port unreachable)" });
    return out;
  };

  return X;
})();
