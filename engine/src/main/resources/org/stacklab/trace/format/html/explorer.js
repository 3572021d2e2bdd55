/* StackLab explorer, part 2 of 2: the event list, stepping, the inspector's layers, the quiz, keys.
 * Written for StackLab; no library. */
(function () {
  var root = document.getElementById("ex"), data = document.getElementById("run-data");
  if (!root || !data) { return; }
  var D = JSON.parse(data.textContent), E = D.events, el = SLX.el, $ = function (id) { return document.getElementById(id); };
  E.forEach(function (x, i) { /* bytes a hop did not change are written once; deliveries' strings are in D.strs */
    if (x[7] && x[7].r) { x[7].b = E[i - x[7].r][7].b; }
    var d = x[7] && x[7].d, S = D.strs;
    if (!d) { return; }
    d[1] = S[d[1]]; d[2] = S[d[2]]; d[3] = S[d[3]]; d[4] = S[d[4]];
    d[5].forEach(function (c) { c[1] = S[c[1]]; c[2] = S[c[2]]; c[3] = S[c[3]]; });
  });
  var ROW = 20, F = [], cur = -1, timer = 0, asked = {}, score = { asked: 0, right: 0 }, quizAt = -1;
  var T = SLX.topo($("ex-topo")), tHost = 0, questions = {};
  var SPEEDS = [1, 2, 5, 10, 25, 100];

  /* Filters: the choices come from the events themselves. */
  function fill(sel, values) {
    Object.keys(values).sort().forEach(function (v) { var o = el("option", null, v); o.value = v; sel.appendChild(o); });
  }
  var procs = {}, kinds = {};
  E.forEach(function (x) { if (x[4]) { procs[x[4]] = 1; } kinds[x[2]] = 1; });
  var hostSel = $("ex-f-host"), tSel = $("ex-t-host");
  D.hosts.forEach(function (h, n) {
    if (!h) { return; }
    var o = el("option", null, h); o.value = n; hostSel.appendChild(o);
    var o2 = el("option", null, h); o2.value = n; tSel.appendChild(o2);
  });
  fill($("ex-f-proc"), procs);
  fill($("ex-f-kind"), kinds);

  function filter() {
    var h = hostSel.value, p = $("ex-f-proc").value, s = $("ex-f-sock").value.trim(), pr = $("ex-f-proto").value;
    var k = $("ex-f-kind").value, q = $("ex-f-text").value.trim().toLowerCase();
    F = [];
    for (var i = 0; i < E.length; i++) {
      var x = E[i];
      if ((h === "" || x[1] === +h) && (p === "" || x[4] === p) && (s === "" || x[5] === +s) && (pr === "" || x[6] === pr)
        && (k === "" || x[2] === k) && (q === "" || (D.hosts[x[1]] + " " + x[2] + " " + SLX.line(x)).toLowerCase().indexOf(q) >= 0)) {
        F.push(i);
      }
    }
    $("ex-count").textContent = F.length + " of " + E.length + " events shown";
    $("ex-slider").max = Math.max(0, F.length - 1);
    $("ex-spacer").style.height = (F.length * ROW) + "px";
    drawList();
    if (cur >= 0 && F.length && F.indexOf(cur) < 0) { select(F[at(cur)] === undefined ? F[0] : F[Math.min(at(cur), F.length - 1)]); }
  }
  ["ex-f-host", "ex-f-proc", "ex-f-proto", "ex-f-kind"].forEach(function (id) { $(id).addEventListener("change", filter); });
  ["ex-f-sock", "ex-f-text"].forEach(function (id) { $(id).addEventListener("input", filter); });

  /* Position in F of event i, or of the first shown event after it. */
  function at(i) {
    var lo = 0, hi = F.length;
    while (lo < hi) { var m = (lo + hi) >> 1; if (F[m] < i) { lo = m + 1; } else { hi = m; } }
    return lo;
  }

  /* The list draws only the rows in view, so that 100,000 events cost what 50 do. */
  var list = $("ex-list"), pool = [];
  function drawList() {
    var first = Math.floor(list.scrollTop / ROW), n = Math.ceil(list.clientHeight / ROW) + 2;
    for (var r = 0; r < Math.max(n, pool.length); r++) {
      var k = first + r, div = pool[r];
      if (!div) { div = pool[r] = list.appendChild(el("div", "ex-row")); div.setAttribute("role", "option"); }
      if (r >= n || k >= F.length) { div.style.display = "none"; continue; }
      var i = F[k], x = E[i];
      div.style.display = ""; div.style.top = (k * ROW) + "px";
      div.className = "ex-row " + x[2] + (i === cur ? " sel" : "");
      div.setAttribute("data-i", i);
      div.setAttribute("data-kind", x[2]);
      div.setAttribute("aria-selected", i === cur ? "true" : "false");
      div.textContent = "";
      div.appendChild(el("span", "t", "#" + SLX.num(D, i) + " " + SLX.time(x[0]) + " "));
      div.appendChild(document.createTextNode((D.hosts[x[1]] || "-") + " "));
      div.appendChild(el("span", "k", x[2]));
      div.appendChild(document.createTextNode(SLX.line(x)));
      div.title = x[3];
    }
  }
  list.addEventListener("scroll", drawList);
  list.addEventListener("click", function (ev) { var r = ev.target.closest(".ex-row"); if (r) { select(+r.getAttribute("data-i")); } });

  function select(i, fromStep, keepHash) {
    if (i < 0 || i >= E.length) { return; }
    cur = i;
    var k = at(i), top = k * ROW;
    if (top < list.scrollTop || top + ROW > list.scrollTop + list.clientHeight) { list.scrollTop = top - list.clientHeight / 3; }
    $("ex-slider").value = k;
    $("ex-pos").textContent = "event #" + SLX.num(D, i) + " at " + SLX.time(E[i][0]) + " s";
    if (!keepHash) { /* the page's own #section links stay until the reader picks an event */
      writeHash();
    }
    if (D.hosts[E[i][1]]) { tHost = E[i][1]; tSel.value = tHost; }
    drawList();
    var quiz = fromStep && $("ex-quizon").checked && questions[i] && !asked[i];
    inspect(i, quiz);
    SLX.tables(D, i, tHost, $("ex-ss"), $("ex-dual"));
    SLX.topoShow(T, D, i, Math.min(700, 800 / speed()));
    if (quiz) { ask(i); }
  }
  tSel.addEventListener("change", function () { tHost = +tSel.value; SLX.tables(D, cur, tHost, $("ex-ss"), $("ex-dual")); });

  function li(ol, name, text) {
    var l = ol.appendChild(el("li"));
    l.appendChild(el("span", "ln", name));
    if (typeof text === "string") { l.appendChild(document.createTextNode(text)); } else { l.appendChild(text); }
    return l;
  }

  /* The inspector: the layers in the order the packet climbs them, then its fields and bytes. */
  function inspect(i, hide) {
    var box = $("ex-insp"), x = E[i], host = D.hosts[x[1]] || "the run";
    box.textContent = "";
    box.appendChild(el("h3", null, "#" + SLX.num(D, i) + " · " + SLX.time(x[0]) + " s · " + host + " · " + x[2]));
    box.appendChild(el("p", "mono", SLX.line(x)));
    if (!x[7]) { return; }
    var a = SLX.bytesOf(x[7].b), p = SLX.parse(a), ol = box.appendChild(el("ol", "ex-layers")), mine = D.addrs[host] || [];
    if (x[2] === "rx" || x[2] === "deliver" || x[2] === "drop") {
      var j = SLX.hop(E, i, -1, { tx: 1, forward: 1 });
      li(ol, "link", j >= 0 ? "arrives from " + D.hosts[E[j][1]] + " (sent at " + SLX.time(E[j][0]) + " s)" : "arrives");
    }
    var ipText;
    if (x[2] === "tx") {
      ipText = host + " sends " + p.src + " → " + p.dst + ", TTL " + p.ttl;
    } else if (x[2] === "forward") {
      var nx = SLX.hop(E, i, 1, { rx: 1, drop: 1 });
      ipText = p.dst + " is not mine: forward via " + (nx >= 0 ? D.hosts[E[nx][1]] : "the next hop") + ", TTL " + p.ttl;
    } else if (mine.indexOf(p.dst) >= 0 || x[2] === "deliver") {
      ipText = p.dst + " is mine, deliver locally (TTL " + p.ttl + ")";
    } else {
      ipText = p.dst + " is not one of " + host + "'s addresses (" + mine.join(", ") + "), TTL " + p.ttl;
    }
    li(ol, "IP", ipText);
    li(ol, p.proto ? p.proto.toUpperCase() : "transport", p.proto === "tcp" ? "port " + p.sport + " → " + p.dport + ", flags [" + p.flags + "]"
      : p.proto === "udp" ? "port " + p.sport + " → " + p.dport : x[3]);
    if (x[2] === "drop") {
      li(ol, "dropped", x[7].why + (x[7].wd ? ": " + x[7].wd : ""));
    }
    var d = x[7].d;
    if (d) {
      if (hide) {
        li(ol, "port table", "? (answer the question first)");
      } else {
        var pt = el("span");
        pt.appendChild(document.createTextNode("winner socket " + d[0] + " (" + d[1] + ") on " + d[3] + ", rule "));
        pt.appendChild(SLX.ruleLink(D, d[2]));
        pt.appendChild(el("div", "why", d[4]));
        if (d[5].length) {
          var cl = pt.appendChild(el("ul"));
          d[5].forEach(function (c) { cl.appendChild(el("li", null, "passed over: socket " + c[0] + " (" + c[1] + ") " + c[2] + ": " + c[3])); });
        } else {
          pt.appendChild(el("div", null, "no other socket was considered"));
        }
        li(ol, "port table", pt).setAttribute("data-winner", d[0]);
        socketAndProcess(ol, i, d);
      }
    }
    SLX.bytesView(box, a, p);
  }

  /* What the delivery did to the socket and which call it woke, from the events right after it. */
  function socketAndProcess(ol, i, d) {
    var x = E[i], states = [], call = null;
    for (var j = i + 1; j < E.length && j < i + 60 && E[j][0] === x[0]; j++) {
      var y = E[j];
      if (y[1] !== x[1]) { continue; }
      if (y[2] === "state") { states.push(y[3]); }
      if ((y[2] === "call" || y[2] === "error") && y[4] === d[1] && !call) { call = y[3]; }
      if (SLX.PKT[y[2]] && y[2] !== "tx") { break; }
    }
    var before = i > 0 ? SLX.tableAt(D, i - 1, x[1])[d[0]] : null, after = SLX.tableAt(D, i, x[1])[d[0]];
    li(ol, "socket", (states.length ? states.join("; ") : "socket " + d[0] + " stays " + (after ? after[2] : before ? before[2] : "as it was"))
      + (after ? " · Recv-Q " + after[6] + ", Send-Q " + after[7] : ""));
    li(ol, "process", call ? call : d[1] + ": no call returned at this instant");
  }

  /* The quiz: which deliveries ask (the scenario's quiz: key; every delivery when it has none). */
  (function () {
    var picks = D.quiz, counts = [];
    E.forEach(function (x, i) {
      if (x[2] !== "deliver" || !x[7] || !x[7].d) { return; }
      if (!picks) { questions[i] = 1; return; }
      picks.forEach(function (q, n) {
        if ((q[0] === null || q[0] === D.hosts[x[1]]) && (q[1] === 0 || +SLX.portOf(x[7].d[3]) === q[1])) {
          counts[n] = (counts[n] || 0) + 1;
          if (q[2] === 0 || counts[n] <= q[2]) { questions[i] = 1; }
        }
      });
    });
    $("ex-quizon").checked = !!picks;
  })();
  function showScore() {
    var s = $("ex-score");
    s.textContent = score.asked ? "score " + score.right + " of " + score.asked : "";
    s.setAttribute("data-right", score.right); s.setAttribute("data-asked", score.asked);
  }
  function ask(i) {
    pause();
    quizAt = i;
    var x = E[i], ol = $("ex-quiz-opts");
    $("ex-quiz-q").textContent = "A packet reaches " + D.hosts[x[1]] + ": " + SLX.line(x).replace(/ → socket.*$/, "")
      + ". Which socket does the port table give it to?";
    ol.textContent = ""; $("ex-quiz-res").textContent = "";
    SLX.choices(D, i).forEach(function (c, n) {
      var l = ol.appendChild(el("li", null, c.text)); l.setAttribute("data-sock", c.sock); l.setAttribute("data-n", n + 1);
      l.addEventListener("click", function () { answer(n); });
    });
    $("ex-quiz").hidden = false;
    ol.focus();
  }
  function answer(n) {
    if (quizAt < 0 || asked[quizAt]) { return; }
    var items = $("ex-quiz-opts").children, d = E[quizAt][7].d;
    if (n < 0 || n >= items.length) { return; }
    asked[quizAt] = 1; score.asked++;
    var right = +items[n].getAttribute("data-sock") === d[0];
    if (right) { score.right++; }
    Array.prototype.forEach.call(items, function (it) { if (+it.getAttribute("data-sock") === d[0]) { it.className = "right"; } });
    if (!right) { items[n].className = "wrong"; }
    var res = $("ex-quiz-res"); res.textContent = (right ? "Right: " : "Not quite: ") + "socket " + d[0] + " (" + d[1] + ") gets it, rule ";
    res.appendChild(SLX.ruleLink(D, d[2])); res.appendChild(el("div", null, d[4]));
    showScore();
  }
  function closeQuiz() {
    if (quizAt < 0) { return; }
    asked[quizAt] = 1;
    var i = quizAt; quizAt = -1; $("ex-quiz").hidden = true;
    inspect(i, false); list.focus();
  }

  /* Stepping, jumping, playing. */
  function step(dir) {
    if (!F.length) { return; }
    var k = at(cur);
    k = dir > 0 ? (F[k] === cur ? k + 1 : k) : k - 1;
    if (k >= 0 && k < F.length) { select(F[k], dir > 0); } else if (dir > 0) { pause(); }
  }
  var JUMP = { p: SLX.PKT, d: { deliver: 1 }, x: { drop: 1 }, s: { state: 1 }, e: { expect: 1 } };
  function jump(kinds, dir) {
    for (var k = at(cur) + (dir > 0 && F[at(cur)] === cur ? 1 : dir > 0 ? 0 : -1); k >= 0 && k < F.length; k += dir) {
      if (kinds[E[F[k]][2]]) { select(F[k], dir > 0); return; }
    }
  }
  function speed() { return +$("ex-speed").value; }
  function play() {
    if (timer) { return; }
    $("ex-play").textContent = "pause";
    timer = setInterval(function () { step(1); }, 1000 / speed());
  }
  function pause() { clearInterval(timer); timer = 0; $("ex-play").textContent = "play"; }
  function faster(dir) {
    var n = SPEEDS.indexOf(speed()) + dir;
    if (n >= 0 && n < SPEEDS.length) { $("ex-speed").value = SPEEDS[n]; if (timer) { pause(); play(); } }
  }
  $("ex-speed").addEventListener("change", function () { if (timer) { pause(); play(); } });
  $("ex-first").addEventListener("click", function () { if (F.length) { select(F[0]); } });
  $("ex-last").addEventListener("click", function () { if (F.length) { select(F[F.length - 1]); } });
  $("ex-back").addEventListener("click", function () { step(-1); });
  $("ex-fwd").addEventListener("click", function () { step(1); });
  $("ex-play").addEventListener("click", function () { if (timer) { pause(); } else { play(); } });
  $("ex-slider").addEventListener("input", function () { if (F.length) { select(F[+$("ex-slider").value]); } });
  $("ex-helpbtn").addEventListener("click", function () { $("ex-help").hidden = !$("ex-help").hidden; });
  $("ex-quizon").addEventListener("change", function () { root.setAttribute("data-quiz", $("ex-quizon").checked ? "on" : "off"); });

  document.addEventListener("keydown", function (ev) {
    var k = ev.key, tag = ev.target.tagName;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (!$("ex-quiz").hidden) {
      if (k >= "1" && k <= "9") { answer(+k - 1); } else if (k === "Enter" || k === "ArrowRight" || k === "Escape") { closeQuiz(); } else { return; }
      ev.preventDefault(); return;
    }
    if (!$("ex-help").hidden) {
      if (k === "Escape" || k === "?") { $("ex-help").hidden = true; ev.preventDefault(); }
      return;
    }
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      if (k === "Escape") { ev.target.blur(); list.focus(); ev.preventDefault(); }
      if (ev.target.type !== "checkbox" && ev.target.type !== "range") { return; }
    }
    var lower = k.toLowerCase();
    if (k === "ArrowRight" || k === "j") { step(1); } else if (k === "ArrowLeft" || k === "k") { step(-1); }
    else if (k === "Home") { if (F.length) { select(F[0]); } } else if (k === "End") { if (F.length) { select(F[F.length - 1]); } }
    else if (JUMP[lower] && k.length === 1) { jump(JUMP[lower], k === lower ? 1 : -1); }
    else if (k === " ") { if (timer) { pause(); } else { play(); } }
    else if (k === "+" || k === "=") { faster(1); } else if (k === "-") { faster(-1); }
    else if (k === "h") { var n = tSel.selectedIndex + 1; tSel.selectedIndex = n % Math.max(1, tSel.options.length); tSel.dispatchEvent(new Event("change")); }
    else if (k === "q") { $("ex-quizon").checked = !$("ex-quizon").checked; }
    else if (k === "/") { $("ex-f-text").focus(); }
    else if (k === "?") { $("ex-help").hidden = false; }
    else { return; }
    ev.preventDefault();
  });

  /* The address names the selected event and, when it is not the default, the lifeline view:
     #event-42, #event-42&view=socket, #view=socket. */
  var vSock = $("seqview-socket"), vHost = $("seqview-host");
  function writeHash() {
    var parts = [];
    if (cur >= 0 && cur < E.length) { parts.push("event-" + SLX.num(D, cur)); }
    if (vSock && vSock.checked) { parts.push("view=socket"); }
    try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search); }
    catch (err) { /* some file:// setups refuse */ }
  }
  [vSock, vHost].forEach(function (r) { if (r) { r.addEventListener("change", writeHash); } });
  function fromHash() {
    var m = /^#(?:event-(\d+))?(?:&?view=(host|socket))?$/.exec(location.hash);
    if (!m || location.hash.length < 2) { return false; }
    if (m[2] && vSock && vHost) { (m[2] === "socket" ? vSock : vHost).checked = true; }
    if (m[1] === undefined) { return false; }
    var n = +m[1], left = D.seen - E.length, i = n < D.head ? n : n - left;
    if (i >= 0 && i < E.length && (n < D.head || i >= D.head)) { select(i); return true; }
    return false;
  }
  window.addEventListener("hashchange", fromHash);
  if (D.seen > E.length) {
    var p = $("ex-left"); p.hidden = false;
    p.textContent = "This run has " + D.seen + " events; the explorer keeps the first " + D.head + " and the last "
      + (E.length - D.head) + ", and leaves out the " + (D.seen - E.length) + " between (#" + D.head + " to #"
      + (D.head + D.seen - E.length - 1) + "). trace.jsonl has them all.";
  }
  if (tSel.options.length) { tHost = +tSel.options[0].value; }
  filter();
  if (!fromHash() && E.length) { select(0, false, true); }
  showScore();
  root.setAttribute("data-ms", Math.round(performance.now()));
  root.setAttribute("data-ready", "yes");
  root.setAttribute("data-events", E.length);
})();
