/* kg explorer: time slider, search, relation filters and an evidence panel over vis-network.
   Every piece of data is put into the page with textContent (never innerHTML), so labels
   and quotes stay inert text whatever they contain. */
(function () {
  "use strict";
  /* A page built for a notebook carries vis-network compressed; kg's loader unpacks it first
     and leaves a promise in window.kgReady. A standalone page has it inline: start at once. */
  if (window.kgReady) window.kgReady.then(start); else start();
  function start() {
    performance.mark("kg-start");
    const read = (id) => JSON.parse(document.getElementById(id).textContent);
    const data = expand(read("kg-data"));

    /* The page data is compact (kg.render.page_data): nodes, sources and items are lists and
       refer to each other by index. Expand it into tables keyed by IRI. */
    function expand(raw) {
      const nodeIri = raw.nodes.map((n) => n[0]);
      const sourceIri = raw.sources.map((s) => s[0]);
      const ref = (x) => (typeof x !== "number" ? x : x >= 0 ? nodeIri[x] : sourceIri[-1 - x]);
      const source = (i) => (i >= 0 ? sourceIri[i] : "");
      const evidence = (list) => list.map(([src, start, end, exact, gloss]) => ({ source: source(src), start, end, exact, gloss }));
      const claims = (list) => list.map(([claimants, stance, date, isPublic, ev, citing, via, note]) => ({
        claimants: claimants.map(ref), stance, date, public: isPublic, evidence: evidence(ev),
        citing: citing.map(ref), via: via.map(ref), note }));
      const nodes = {};
      raw.nodes.forEach(([iri, labels, kind, alt]) => { nodes[iri] = { labels, kind, alt: alt || {} }; });
      const sources = {};
      raw.sources.forEach(([iri, labels, language]) => { sources[iri] = { labels, language }; });
      const items = {};
      /* an item's participants are expanded when its panel first opens (large pages open faster) */
      raw.items.forEach(([iri, kind, labels, relation, status, time, roles, itemClaims, pairs, note, grades]) => {
        items[iri] = { iri, kind, labels, relation, status, time, roles, note, grades, rawClaims: itemClaims, pairs };
      });
      const links = raw.links.map((l) => ({ ...l, claims: claims(l.claims) }));
      const conflicts = raw.conflicts.map((c) => ({ ...c, readings: c.readings.map((r) => ({ ...r,
        evidence: evidence(r.evidence) })) }));
      const participants = (roles) => Object.fromEntries(Object.entries(roles).map(([role, refs]) => [role, refs.map(ref)]));
      return { ...raw, nodes, sources, items, links, conflicts, nodeIri, itemIri: raw.items.map((it) => it[0]),
        expandClaims: claims, participants };
    }
    const S = read("kg-strings");
    const lang = data.lang;
    const DAY = 864e5;

    // ---- small helpers --------------------------------------------------------------------
    function el(tag, attrs, ...children) {
      const node = document.createElement(tag);
      for (const [key, value] of Object.entries(attrs || {})) {
        if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
      }
      for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        node.appendChild(typeof child === "string" || typeof child === "number"
          ? document.createTextNode(String(child)) : child);
      }
      return node;
    }
    const pick = (labels, fallback) => (labels && (labels[lang] || labels.en)) || fallback || "";
    const term = (group, code) => pick((data.terms[group] || {})[code], code);
    // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0-99 as 1900-1999 (0050 would show as 1950).
    const dayOf = (iso) => {
      if (!iso) return null;
      const d = new Date(0);
      d.setUTCFullYear(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
      return d.getTime() / DAY;
    };
    const dateFormat = new Intl.DateTimeFormat(lang === "ar" ? "ar-u-nu-latn" : "en-GB",
      { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    const showDate = (d) => dateFormat.format(new Date(d * DAY));
    function name(iri) {
      detail();
      if (data.nodes[iri]) return pick(data.nodes[iri].labels, iri);
      if (data.sources[iri]) return pick(data.sources[iri].labels, iri);
      if (data.items[iri]) return pick(data.items[iri].labels, iri);
      return iri;
    }
    const fold = (text) => String(text).toLowerCase().normalize("NFKC")
      .replace(/[\u064B-\u065F\u0670\u0640]/g, "").replace(/[أإآ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه");

    // ---- items and their time ------------------------------------------------------------
    const items = data.items;
    const itemList = data.itemIri.map((iri) => items[iri]);
    for (const item of itemList) item.relation_labels = data.relations[item.relation] || {};
    /* The items' labels, times, participants, claims and notes, and the times they refer to. A
       large page carries them compressed in a block of their own (kg.render._detail), unpacked
       after the first picture (unpackDetail) and parsed the first time a tooltip, a panel or the
       search needs them. detail() says whether they are there; later(f) runs f once they are.
       A small page has them all from the start. */
    let detailed = false, unpacking = null;
    function unpackDetail() {
      if (!unpacking) {
        const block = document.getElementById("kg-detail");
        unpacking = !block || !block.dataset.deferred ? Promise.resolve() : (async () => {
          const text = atob(block.textContent.trim()), bytes = new Uint8Array(text.length);
          for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
          block.textContent = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
          delete block.dataset.deferred;
        })();
      }
      return unpacking;
    }
    function detail() {
      if (detailed) return true;
      if (data.times === null) {  // a large page
        const block = document.getElementById("kg-detail");
        if (block.dataset.deferred) return false;
        const raw = JSON.parse(block.textContent);
        data.times = raw.times;
        raw.items.forEach(([labels, time, roles, itemClaims, note], i) => {
          Object.assign(itemList[i], { labels, time, roles, rawClaims: itemClaims, note });
        });
      }
      detailed = true;
      for (const item of itemList) item.time = item.time === null || item.time === undefined ? null : data.times[item.time];
      for (const link of data.links) for (const claim of link.claims) claim.date = claim.date === null ? null : data.times[claim.date];
      for (const conflict of data.conflicts) for (const r of conflict.readings) r.time = r.time === null ? null : data.times[r.time];
      return true;
    }
    const later = (f) => (detail() ? f() : unpackDetail().then(() => f()));
    /* An item's claims are expanded when its panel first opens (large pages open faster). */
    function claimsOf(item) {
      detail();
      if (!item.claims) {
        item.claims = data.expandClaims(item.rawClaims);
        for (const claim of item.claims) claim.date = claim.date === null ? null : data.times[claim.date];
      }
      return item.claims;
    }
    const [first, last] = data.days;  // the earliest and latest bound of any item (kg.render.page_data)

    /* The item's state at day d: the highest grade (possible < likely < certain) whose
       interval [firstDay, lastDay] holds d (null = open), or "hidden" when none does.
       item.grades comes from kg.render.slider_grades. */
    const GRADES = ["possible", "likely", "certain"];
    const RANK = { hidden: 0, possible: 1, likely: 2, certain: 3 };
    function stateAt(item, day) {
      const grades = item.grades || [];
      for (let i = GRADES.length - 1; i >= 0; i--) {
        const g = grades[i];
        if (g && (g[0] === null || g[0] <= day) && (g[1] === null || day <= g[1])) return GRADES[i];
      }
      return "hidden";
    }

    // ---- the network ----------------------------------------------------------------------
    const options = read("kg-options");
    const arrowsOn = !!options.edges.arrows.to.enabled;
    /* A large page (kg.render.LARGE, drawn without arrows): vis gets no node and no edge, and the
       page draws the lines and nodes itself (explorer_large.js); a small page gives vis both. */
    const large = !arrowsOn && typeof window.kgLarge === "function";
    const STATUS = { happened: ["#555555", false], planned: ["#7B3294", [8, 6]], reported: ["#B0413E", [2, 5]] };
    const OPACITY = { hidden: 0, possible: 0.2, likely: 0.55, certain: 1 };
    const bundles = read("kg-edges").map((raw) => {
      const members = raw.items.map((i) => itemList[i]);
      const b = { id: raw.id, from: data.nodeIri[raw.from], to: data.nodeIri[raw.to], members,
        items: members.map((m) => m.iri), secondary: !!raw.secondary, state: null, count: -1 };
      for (const m of members) (m.bundles = m.bundles || []).push(b);
      const one = members[0];
      if (b.secondary) {
        Object.assign(b, { baseColor: "#BBBBBB", dashes: arrowsOn ? [1, 4] : false, width: 0.5, arrows: "", smooth: false });
        return b;
      }
      const statusOf = (m) => (m.kind === "position" ? "position" : m.status);
      const mixed = members.length > 1 && members.some((m) => statusOf(m) !== statusOf(one));
      const style = mixed ? STATUS.happened : one.kind === "position" ? ["#AAAAAA", [1, 3]] : (STATUS[one.status] || STATUS.happened);
      Object.assign(b, { baseColor: style[0], dashes: arrowsOn ? style[1] : false });
      if (raw.both && arrowsOn) b.arrows = "to, from";
      return b;
    });
    /* A line's tooltip: its events (a large page makes it when the pointer comes near). */
    function titleOf(b) {
      if (!detail()) return "";
      if (b.secondary) return b.members.map((m) => pick(m.labels, m.iri)).slice(0, 8).join("\n");
      const titles = b.members.slice(0, 12).map((m) => `${pick(m.labels, m.iri)} · ${(m.time && m.time.words) || ""}`);
      if (b.members.length > 12) titles.push("…");
      return b.members.length > 1 ? `${b.members.length} ${S.events}\n${titles.join("\n")}` : titles[0];
    }
    /* Each bundle takes the highest state of its items shown; its count is how many are shown. */
    function restate(b) {
      let best = "hidden", count = 0;
      for (const m of b.members) {
        if (m.state !== "hidden") { count++; if (RANK[m.state] > RANK[best]) best = m.state; }
      }
      if (best === b.state && count === b.count) return null;
      b.state = best; b.count = count;
      const style = { id: b.id, hidden: best === "hidden", certainty: best, count };
      if (!b.secondary) {
        style.color = { color: b.baseColor, opacity: OPACITY[best] };
        style.width = count > 1 ? 1.5 + 1.2 * Math.log2(count) : 1.5;
      }
      return style;
    }
    // the page opens at the slider's last day, drawn in that state from the start (no update to wait for)
    const state = { date: last, drawn: last, hidden: new Set() };
    for (const item of itemList) item.state = stateAt(item, state.date);
    const firstStyles = bundles.map(restate);
    const edges = large ? null : new vis.DataSet(bundles.map((b, i) => {
      const style = firstStyles[i];
      return { id: b.id, from: b.from, to: b.to, title: titleOf(b), dashes: b.dashes, arrows: b.arrows, smooth: b.smooth,
        ...(b.secondary ? { secondary: 1, width: b.width } : {}), ...style,
        color: { color: b.baseColor, ...(style.color || {}) } };
    }));
    const container = document.getElementById("kg-graph");
    /* A node with lines is shown while one of them is: shownLines counts its lines shown. */
    const incident = {}, shownLines = {}, nodeShown = {};
    for (const b of bundles) {
      for (const end of [b.from, b.to]) {
        (incident[end] = incident[end] || []).push(b);
        shownLines[end] = (shownLines[end] || 0) + (b.state !== "hidden" ? 1 : 0);
      }
    }
    const rawNodes = read("kg-nodes");
    for (const n of rawNodes) {
      const id = data.nodeIri[n.id];
      nodeShown[id] = !incident[id] || shownLines[id] > 0;
    }
    /* On a large page the page draws and finds the nodes itself (explorer_large.js): vis gets
       none, and each node is a plain record; a small page gives vis its nodes. */
    const size = options.nodes.size || 11;
    const nodes = large ? null : new vis.DataSet(rawNodes.map((n) => {
      const id = data.nodeIri[n.id];
      return { ...n, id, title: n.text, hidden: !nodeShown[id] };
    }));
    const records = large ? rawNodes.map((n) => {
      const id = data.nodeIri[n.id];
      return { id, x: n.x, y: n.y, kind: n.group, size, hidden: !nodeShown[id] };
    }) : null;
    performance.mark("kg-data");
    const network = new vis.Network(container, { nodes: nodes || [], edges: edges || [] }, options);
    const lines = large ? window.kgLarge(network, bundles, options.groups, records) : null;
    if (lines) { network.on("beforeDrawing", lines.draw); network.on("afterDrawing", lines.drawNodes); }
    /* A node as drawn, { id, x, y, hidden, size }: the page's own record on a large page, read from vis's node on a small one. */
    const nodeById = lines ? lines.node : (id) => { const n = network.body.nodes[id]; return n && { id, x: n.x, y: n.y, hidden: !!n.options.hidden, size: n.options.size || size }; };
    performance.mark("kg-network");

    // ---- labels: drawn by the page at a legible size, never overlapping -------------------
    /* After every frame the page draws the labels itself, in screen pixels (13 px for nodes,
       12 px for counts and relations), by priority: the node under the mouse, then the
       counts of bundles, then node labels by how many events they take part in, then the
       relation of single events. A label that would overlap one already drawn, or leave the
       graph's box, is left out; hovering a node shows its label, and zooming in makes room.
       kgExplorer.labels() reports what was drawn, in pixels from the graph box's corner. */
    const NODE_PX = 13, EDGE_PX = 12, FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', sans-serif";
    const texts = {};
    for (const n of rawNodes) texts[data.nodeIri[n.id]] = n.text;
    const ranked = [...rawNodes].sort((a, b) => b.w - a.w || (a.text < b.text ? -1 : 1)).map((n) => data.nodeIri[n.id]);
    const widths = new Map();
    let hovered = null, drawn = [], shownCache = null;
    /* The primary lines shown, and the 300 with the largest counts: made again only after a change. */
    function shownBundles() {
      if (!shownCache) {
        const shown = bundles.filter((b) => !b.secondary && b.state !== "hidden" && b.state !== null);
        shownCache = { shown, counted: shown.filter((b) => b.count > 1).sort((a, c) => c.count - a.count).slice(0, 300) };
      }
      return shownCache;
    }
    let measuring = null;  // the font last set for measuring: setting ctx.font costs more than measuring
    function textWidth(ctx, text, px) {
      const key = px + "|" + text;
      let w = widths.get(key);
      if (w === undefined) {
        const font = `${px}px ${FONT}`;
        if (measuring !== font || ctx.font !== measuring) { ctx.font = font; measuring = ctx.font; }
        w = ctx.measureText(text).width; widths.set(key, w);
      }
      return w;
    }
    /* A width the text surely reaches at 13 px, found without measuring: 2 px for each character that takes room. */
    const leastWidths = new Map();
    function leastWidth(text) {
      let w = leastWidths.get(text);
      if (w === undefined) leastWidths.set(text, (w = 2 * text.replace(/[\p{M}\p{Cf}]/gu, "").length));
      return w;
    }
    function drawLabels(ctx) {
      const W = container.clientWidth, H = container.clientHeight, scale = network.getScale();
      const ratio = ctx.canvas.width / Math.max(1, ctx.canvas.clientWidth);
      const cell = 48, grid = new Map(), boxes = [];
      const fits = (x, y, w, h) => {
        if (x < 2 || y < 2 || x + w > W - 2 || y + h > H - 2) return false;
        for (let i = Math.floor(x / cell); i <= Math.floor((x + w) / cell); i++) {
          for (let j = Math.floor(y / cell); j <= Math.floor((y + h) / cell); j++) {
            for (const o of grid.get(i * 100003 + j) || []) {
              if (x < o.x + o.w + 2 && o.x < x + w + 2 && y < o.y + o.h + 1 && o.y < y + h + 1) return false;
            }
          }
        }
        return true;
      };
      const take = (box) => {
        boxes.push(box);
        for (let i = Math.floor(box.x / cell); i <= Math.floor((box.x + box.w) / cell); i++) {
          for (let j = Math.floor(box.y / cell); j <= Math.floor((box.y + box.h) / cell); j++) {
            const k = i * 100003 + j;
            (grid.get(k) || grid.set(k, []).get(k)).push(box);
          }
        }
      };
      const body = network.body;
      function nodeLabel(id, always) {
        const n = nodeById(id);
        if (!n || n.hidden || nodeShown[id] === false) return;
        const text = texts[id];
        const p = network.canvasToDOM({ x: n.x, y: n.y });
        if (p.x < -50 || p.y < -50 || p.x > W + 50 || p.y > H + 50) return;
        const h = Math.round(NODE_PX * 1.3), r = n.size * scale;
        if (!always) {  // a box no wider than the text can be: where even it does not fit, the text will not
          const least = leastWidth(text);
          if (!fits(p.x - least / 2, p.y + r + 3, least, h) && !fits(p.x - least / 2, p.y - r - 3 - h, least, h)
            && !fits(p.x + r + 5, p.y - h / 2, least, h) && !fits(p.x - r - 5 - least, p.y - h / 2, least, h)) return;
        }
        const w = textWidth(ctx, text, NODE_PX);
        for (const [x, y] of [[p.x - w / 2, p.y + r + 3], [p.x - w / 2, p.y - r - 3 - h], [p.x + r + 5, p.y - h / 2],
          [p.x - r - 5 - w, p.y - h / 2]]) {
          if (fits(x, y, w, h)) { take({ kind: "node", id, text, x, y, w, h, size: NODE_PX }); return; }
        }
        if (always) {  // the node under the mouse: its label below it, kept inside the box
          const x = Math.max(2, Math.min(W - w - 2, p.x - w / 2)), y = Math.max(2, Math.min(H - h - 2, p.y + r + 3));
          take({ kind: "node", id, text, x, y, w, h, size: NODE_PX });
        }
      }
      if (hovered !== null) nodeLabel(hovered, true);
      // the nodes themselves are in the way too (not drawn here, not reported)
      if (data.nodeIri.length <= 5000) {
        for (const id of data.nodeIri) {
          const n = nodeById(id);
          if (!n || n.hidden) continue;
          const p = network.canvasToDOM({ x: n.x, y: n.y }), r = n.size * scale;
          if (p.x > -r && p.y > -r && p.x < W + r && p.y < H + r) take({ kind: "dot", x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r });
        }
      }
      const { shown, counted } = shownBundles();
      const middle = (b) => {
        if (lines) { const m = lines.middle(b); return m && network.canvasToDOM(m); }
        const e = body.edges[b.id];
        return e && e.edgeType ? network.canvasToDOM(e.edgeType.getPoint(0.5)) : null;
      };
      for (const b of counted) {
        const p = middle(b), text = String(b.count);
        if (!p) continue;
        const w = Math.max(textWidth(ctx, text, EDGE_PX) + 8, 18), h = 17;
        if (fits(p.x - w / 2, p.y - h / 2, w, h)) take({ kind: "bundle", id: b.id, text, x: p.x - w / 2, y: p.y - h / 2, w, h, size: EDGE_PX });
      }
      let tried = 0;
      for (const id of ranked) {
        if (id !== hovered) nodeLabel(id, false);
        if (++tried > 4000 || boxes.length > 600) break;
      }
      if (shown.length <= 2000) {
        for (const b of shown) {
          if (b.count !== 1) continue;
          const m = b.members.find((it) => it.state !== "hidden");
          const text = pick(m.relation_labels, m.relation);
          const p = middle(b), a = network.canvasToDOM(nodeById(b.from)), c = network.canvasToDOM(nodeById(b.to));
          const w = textWidth(ctx, text, EDGE_PX), h = Math.round(EDGE_PX * 1.3);
          if (!p || Math.hypot(a.x - c.x, a.y - c.y) < w + 40) continue;
          if (fits(p.x - w / 2, p.y - h / 2, w, h)) take({ kind: "edge", id: b.id, text, x: p.x - w / 2, y: p.y - h / 2, w, h, size: EDGE_PX, state: b.state });
        }
      }
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.textBaseline = "middle";
      ctx.textAlign = "left";
      ctx.direction = "ltr";
      const labels = boxes.filter((b) => b.kind !== "dot");
      for (const box of labels) {
        ctx.font = `${box.kind === "node" ? "" : "600 "}${box.size}px ${FONT}`;
        if (box.kind === "bundle") {
          ctx.fillStyle = "#ffffff"; ctx.strokeStyle = "#555555"; ctx.lineWidth = 1.2;
          ctx.beginPath();
          if (ctx.roundRect) ctx.roundRect(box.x, box.y, box.w, box.h, 8); else ctx.rect(box.x, box.y, box.w, box.h);
          ctx.fill(); ctx.stroke();
          ctx.fillStyle = "#222222";
          ctx.fillText(box.text, box.x + (box.w - textWidth(ctx, box.text, box.size)) / 2, box.y + box.h / 2);
          continue;
        }
        ctx.lineWidth = 4; ctx.lineJoin = "round"; ctx.strokeStyle = "rgba(255,255,255,0.92)";
        ctx.strokeText(box.text, box.x, box.y + box.h / 2);
        ctx.fillStyle = box.kind === "node" ? "#1a1a1a" : `rgba(70,70,70,${box.state === "possible" ? 0.5 : box.state === "likely" ? 0.75 : 1})`;
        ctx.fillText(box.text, box.x, box.y + box.h / 2);
      }
      ctx.restore();
      drawn = labels.map(({ kind, id, text, x, y, w, h, size }) => ({ kind, id, text, x, y, w, h, size }));
    }
    network.on("afterDrawing", drawLabels);
    network.on("hoverNode", (p) => { hovered = p.node; network.redraw(); });
    network.on("blurNode", () => { hovered = null; network.redraw(); });

    // ---- state: the date and the relation filters ----------------------------------------
    /* An item's state changes only on the days its grades begin and the days after they
       end: those days, sorted once (changeDays, with changeItems the item of each), let a
       slider step visit only the items with a change between the old day and the new. */
    let changeDays = null, changeItems = null;
    function changeIndex() {
      /* each (day, item) as one number, day * 2^21 + item, so that a native numeric sort orders them */
      const SHIFT = 2097152, OFFSET = 4e6, keys = [];
      itemList.forEach((item, i) => {
        for (const g of item.grades || []) {
          if (!g) continue;
          if (g[0] !== null) keys.push((g[0] + OFFSET) * SHIFT + i);
          if (g[1] !== null) keys.push((g[1] + 1 + OFFSET) * SHIFT + i);
        }
      });
      const sorted = Float64Array.from(keys).sort();
      changeDays = new Float64Array(sorted.length); changeItems = new Int32Array(sorted.length);
      for (let k = 0; k < sorted.length; k++) {
        const day = Math.floor(sorted[k] / SHIFT);
        changeDays[k] = day - OFFSET; changeItems[k] = sorted[k] - day * SHIFT;
      }
    }
    const lowerBound = (day) => {  // the first place in changeDays holding a day > day
      let lo = 0, hi = changeDays.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (changeDays[mid] <= day) lo = mid + 1; else hi = mid; }
      return lo;
    };
    /* The items to look at again: all of them after a filter changed, else those with a change
       day in (old day, new day] (or (new, old] going back). */
    function itemsToVisit(full) {
      if (full || state.drawn === null) return itemList;
      if (state.drawn === state.date) return [];
      if (!changeDays) changeIndex();
      const a = lowerBound(Math.min(state.drawn, state.date)), z = lowerBound(Math.max(state.drawn, state.date));
      if (z - a >= itemList.length) return itemList;  // a long jump: as many changes as items, look at all
      const seen = new Set();
      for (let k = a; k < z; k++) seen.add(changeItems[k]);
      return [...seen].map((i) => itemList[i]);
    }
    /* A large page keeps the lines that may change near the slider's date apart from the rest
       (explorer_large.js): the window is 2 Play steps back to 6 ahead, and its lines are those
       of the items with a change day in it. */
    let moveWindow = null;
    function windowFor(day) {
      if (moveWindow && moveWindow.from <= day && day <= moveWindow.to) return moveWindow;
      if (!changeDays) changeIndex();
      const step = Math.max(1, Math.round((last - first) / 120)), from = day - 2 * step, to = day + 6 * step;
      const ids = new Set();
      for (let k = lowerBound(from), z = lowerBound(to); k < z; k++) {
        for (const b of itemList[changeItems[k]].bundles || []) ids.add(b.id);
      }
      moveWindow = { from, to, lines: [...ids] };
      return moveWindow;
    }
    /* Only what changed is sent to vis: one update of the edges (a small page) and one of the
       nodes. kgExplorer.lastStep() tells what the last change visited and sent. */
    let lastStep = { items: [], edges: [], nodes: [] };
    function apply(full) {
      const day = state.date;
      const visit = itemsToVisit(full);
      const touched = new Set();
      for (const item of visit) {
        const now = state.hidden.has(item.relation) ? "hidden" : stateAt(item, day);
        if (now !== item.state || full) {
          item.state = now;
          for (const b of item.bundles || []) touched.add(b);
        }
      }
      state.drawn = day;
      const edgeUpdates = [], nodeUpdates = [], ends = new Set();
      for (const b of touched) {
        const was = b.state;
        const update = restate(b);
        if (!update) continue;
        edgeUpdates.push(update);
        if ((was === "hidden") !== (b.state === "hidden")) {
          const delta = b.state === "hidden" ? -1 : 1;
          shownLines[b.from] += delta; shownLines[b.to] += delta;
          ends.add(b.from); ends.add(b.to);
        }
      }
      for (const id of ends) {
        const show = shownLines[id] > 0;
        if (nodeShown[id] !== show) { nodeShown[id] = show; nodeUpdates.push({ id, hidden: !show }); }
      }
      lastStep = { items: visit.map((i) => i.iri), edges: edgeUpdates.map((u) => u.id), nodes: nodeUpdates.map((u) => u.id) };
      if (edgeUpdates.length) shownCache = null;
      if (edges && edgeUpdates.length) edges.update(edgeUpdates);
      if (!lines) {
        if (nodeUpdates.length) nodes.update(nodeUpdates);
      } else if (edgeUpdates.length || nodeUpdates.length) {
        /* A large page: the few changes go onto the page's own node records, and one frame is asked for. */
        for (const u of nodeUpdates) lines.node(u.id).hidden = u.hidden;
        network.body.emitter.emit("_requestRedraw");
      }
      if (lines) {
        if (full) moveWindow = null;
        lines.update(windowFor(day), lastStep.edges);
      }
      document.getElementById("kg-date").textContent = showDate(state.date);
      document.body.dataset.date = new Date(state.date * DAY).toISOString().slice(0, 10);
    }
    function setDate(iso) {
      state.date = Math.min(last, Math.max(first, typeof iso === "number" ? iso : dayOf(iso)));
      slider.value = String(state.date);
      apply();
    }

    const slider = document.getElementById("kg-slider");
    slider.min = String(first); slider.max = String(last); slider.value = String(last);
    slider.addEventListener("input", () => { state.date = +slider.value; apply(); });

    const play = document.getElementById("kg-play");
    let timer = null;
    function stop() { clearInterval(timer); timer = null; play.textContent = "▶"; play.setAttribute("aria-label", S.play); }
    play.addEventListener("click", () => {
      if (timer) { stop(); return; }
      if (state.date >= last) state.date = first;
      play.textContent = "❚❚"; play.setAttribute("aria-label", S.pause);
      const step = Math.max(1, Math.round((last - first) / 120));
      timer = setInterval(() => {
        setDate(Math.min(last, state.date + step));
        if (state.date >= last) stop();
      }, 100);
    });

    // ---- relation filters -----------------------------------------------------------------
    const counts = {};
    for (const item of itemList) counts[item.relation] = (counts[item.relation] || 0) + 1;
    const filters = document.getElementById("kg-filters");
    const named = (relation) => pick(data.relations[relation], relation);
    for (const relation of Object.keys(counts).sort((a, b) => named(a).localeCompare(named(b), lang))) {
      const sample = itemList.find((i) => i.relation === relation);
      const box = el("input", { type: "checkbox", checked: "checked", "data-relation": relation });
      box.addEventListener("change", () => {
        if (box.checked) state.hidden.delete(relation); else state.hidden.add(relation);
        apply(true);
      });
      filters.appendChild(el("label", {}, box, " ", pick(sample.relation_labels, relation), " (", counts[relation], ")"));
    }

    // ---- the side panel -------------------------------------------------------------------
    const panel = document.getElementById("kg-panel");
    const body = document.getElementById("kg-panel-body");
    document.getElementById("kg-close").addEventListener("click", () => { panel.hidden = true; });
    function open(...children) {
      body.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
      panel.hidden = false;
      panel.scrollIntoView({ block: "nearest" });
    }
    const linkTo = (text, action) => {
      const b = el("button", { type: "button", class: "kg-linklike" }, text);
      b.addEventListener("click", action);
      return b;
    };
    function fields(pairs) {
      const dl = el("dl", { class: "kg-fields" });
      for (const [key, value] of pairs) if (value) dl.append(el("dt", {}, key), el("dd", { dir: "auto" }, value));
      return dl;
    }
    const span = (b) => { const x = b.map((d) => d || "…"); return `${x[0]} … ${x[1]} → ${x[2]} … ${x[3]}`; };
    /* Each bound kg derived, and the chain of stated dates and relations that set it. */
    function derivedBlock(time) {
      const order = { se: 0, sl: 1, ee: 2, el: 3 };
      return el("ul", { class: "kg-derived" }, ...time.derived.map(([bound, steps]) =>
        el("li", {}, el("b", {}, `${S[bound]} ${time.bounds[order[bound]] || "…"}`), ": ",
          el("span", { dir: "auto" }, steps.join(" → ")))));
    }
    function timeBlock(time) {
      if (!time) return null;
      const words = time.words;
      const bounds = time.bounds.map((b) => b || "…");
      const ltr = (text) => (text ? el("span", { dir: "ltr" }, text) : "");  // dates read left to right in any page
      return fields([
        [S.time, words],
        ["EDTF", ltr(time.edtf || "")],
        [S.holds_at, ltr(time.holds_at || "")],
        [S.bounds, ltr(`${bounds[0]} … ${bounds[1]} → ${bounds[2]} … ${bounds[3]}`)],
        [S.stated, time.stated ? ltr(span(time.stated)) : ""],
        [S.as_written, time.as_written ? ltr(span(time.as_written)) : ""],
        [S.derived, time.derived ? derivedBlock(time) : ""],
        [S.phrase, time.phrase],
        [S.basis, time.basis],
      ]);
    }
    function evidenceBlock(ev) {
      const source = data.sources[ev.source] || {};
      return el("div", { class: "kg-evidence" },
        el("blockquote", { class: "kg-quote", lang: source.language || null, dir: "auto" }, ev.exact || ""),
        el("p", { class: "kg-gloss", lang: "en", dir: "ltr" }, ev.gloss || ""),
        el("p", { class: "kg-meta" }, `${name(ev.source)} · ${ev.start}–${ev.end}`));
    }
    function claimBlock(claim) {
      const who = claim.claimants.map(name).join(", ");
      const tags = el("p", {},
        el("span", { class: "kg-tag" }, term("stance", claim.stance)),
        claim.public ? null : el("span", { class: "kg-tag kg-internal" }, S.internal));
      return el("div", { class: "kg-claim" },
        el("p", {}, el("strong", {}, who)), tags,
        claim.note ? el("p", { class: "kg-meta", dir: "auto" }, S.note + ": " + claim.note) : null,
        fields([
          [S.claimed, claim.date ? claim.date.words : ""],
          [S.citing, (claim.citing || []).map(name).join(", ")],
          [S.via, (claim.via || []).map(name).join(", ")],
        ]),
        ...claim.evidence.map(evidenceBlock));
    }
    function showItem(key) {
      if (!detail()) { later(() => showItem(key)); return; }
      const item = items[key];
      if (!item) return;
      if (!item.participants) item.participants = data.participants(item.roles);
      const people = Object.entries(item.participants).map(([role, iris]) =>
        el("li", {}, term("role", role) + ": ", ...iris.flatMap((iri, i) =>
          [i ? ", " : "", data.nodes[iri] ? linkTo(name(iri), () => showNode(iri)) : name(iri)])));
      const related = data.links.filter((l) => l.from === key || l.to === key).map((l) =>
        el("li", {}, l.from === key ? term("link", l.relation) + " " : term("link_inverse", l.relation) + " ",
          linkTo(name(l.from === key ? l.to : l.from), () => showItem(l.from === key ? l.to : l.from))));
      const conflicts = data.conflicts.filter((c) => c.about === key).map((c) =>
        el("div", { class: "kg-claim" }, el("p", {}, pick(c.description, "")),
          ...c.readings.map((r) => el("div", {}, el("p", {}, el("strong", {}, pick(r.labels, ""))),
            el("p", { class: "kg-meta" }, r.basis || ""), ...r.evidence.map(evidenceBlock)))));
      const other = lang === "ar" ? item.labels.en : item.labels.ar;
      open(
        el("h3", { dir: "auto" }, pick(item.labels, key)),
        other && other !== pick(item.labels, key) ? el("p", { class: "kg-other", dir: "auto" }, other) : null,
        el("p", { class: "kg-meta" }, item.kind === "position" ? pick(item.relation_labels, "") :
          `${pick(item.relation_labels, item.relation)} · ${S.status}: ${term("status", item.status)}`),
        timeBlock(item.time),
        people.length ? el("h2", {}, S.participants) : null, people.length ? el("ul", {}, ...people) : null,
        item.note ? el("p", { class: "kg-meta", dir: "auto" }, S.note + ": " + item.note) : null,
        related.length ? el("ul", {}, ...related) : null,
        conflicts.length ? el("h2", {}, S.conflicts) : null, ...conflicts,
        el("h2", {}, `${S.claims} (${claimsOf(item).length})`),
        ...claimsOf(item).map(claimBlock));
      document.body.dataset.panel = key;
    }
    function showNode(id) {
      if (!detail()) { later(() => showNode(id)); return; }
      const node = data.nodes[id];
      if (!node) return;
      const alts = Object.entries(node.alt || {}).flatMap(([, v]) => v);
      const at = data.nodeIri.indexOf(id);
      const mine = Object.entries(items).filter(([, it]) => it.pairs.some(([u, v]) => u === at || v === at));
      open(
        el("h3", {}, pick(node.labels, id)),
        el("p", { class: "kg-meta" }, S.kinds[node.kind] || node.kind),
        fields([["en", node.labels.en], ["ar", node.labels.ar], [S.also, alts.join(" · ")]]),
        el("ul", {}, ...mine.map(([key, it]) => el("li", {}, linkTo(pick(it.labels, key), () => showItem(key)),
          el("span", { class: "kg-meta" }, " · " + ((it.time && it.time.words) || ""))))));
      document.body.dataset.panel = id;
    }
    /* A bundle opens as the list of its events (those shown at the slider's date first). */
    function showBundle(id) {
      if (!detail()) { later(() => showBundle(id)); return; }
      const b = bundles[id];
      if (!b) return;
      if (b.members.length === 1) { showItem(b.members[0].iri); return; }
      const order = [...b.members].sort((x, y) => RANK[y.state] - RANK[x.state]);
      open(
        el("h3", { dir: "auto" }, `${b.members.length} ${S.events}: ${name(b.from)} – ${name(b.to)}`),
        el("ul", { class: "kg-bundle" }, ...order.map((m) => el("li", { "data-state": m.state },
          linkTo(pick(m.labels, m.iri), () => showItem(m.iri)),
          el("span", { class: "kg-meta" }, ` · ${(m.time && m.time.words) || ""} · ${m.kind === "position" ? S.position :
            term("status", m.status)} · ${S[m.state] || m.state}`)))));
      document.body.dataset.panel = "bundle:" + id;
    }
    network.on("click", (params) => {
      const hit = lines ? lines.nodeAt(params.pointer.canvas, 0) : null;
      if (hit) { lines.select([]); lines.selectNode(hit.id); showNode(hit.id); return; }
      if (lines) lines.selectNode(null);
      if (params.nodes.length) { showNode(params.nodes[0]); return; }
      const near = lines ? lines.nearest(params.pointer.canvas, 6) : null;
      if (lines) lines.select(near ? [near.id] : []);
      if (near) showBundle(near.id);
      else if (params.edges.length) showBundle(params.edges[0]);
    });
    if (lines) {  // a large page: the node or line under the pointer, looked for once a frame
      let pending = null;
      container.addEventListener("pointermove", (event) => {
        if (pending) { pending = event; return; }
        pending = event;
        requestAnimationFrame(() => {
          const r = container.getBoundingClientRect();
          const point = network.DOMtoCanvas({ x: pending.clientX - r.left, y: pending.clientY - r.top });
          pending = null;
          const node = lines.nodeAt(point, 0), id = node ? node.id : null;
          if (id !== hovered) { hovered = id; lines.hover(id); }
          const near = node ? null : lines.nearest(point, 5);
          container.title = node ? texts[node.id] : near ? titleOf(near) : "";
        });
      });
    }

    // ---- search ---------------------------------------------------------------------------
    const search = document.getElementById("kg-search");
    const results = document.getElementById("kg-results");
    let index = null;  // built at the first search
    function searchIndex() {
      detail();
      index = [];
      for (const [id, n] of Object.entries(data.nodes)) {
        const texts = [...Object.values(n.labels || {}), ...Object.values(n.alt || {}).flat()];
        index.push({ id, kind: "node", text: texts.map(fold).join("\n"), label: pick(n.labels, id), sub: S.kinds[n.kind] || n.kind });
      }
      for (const [key, it] of Object.entries(items)) {
        index.push({ id: key, kind: "item", text: Object.values(it.labels || {}).map(fold).join("\n"),
          label: pick(it.labels, key), sub: pick(it.relation_labels, it.relation) });
      }
      return index;
    }
    search.addEventListener("input", function find() {
      if (!detail()) { later(find); return; }
      const q = fold(search.value.trim());
      results.replaceChildren();
      if (!q) { results.hidden = true; return; }
      for (const hit of (index || searchIndex()).filter((e) => e.text.includes(q)).slice(0, 25)) {
        const b = el("button", { type: "button" }, hit.label, el("span", { class: "kg-kind" }, hit.sub));
        b.addEventListener("click", () => {
          results.hidden = true;
          if (hit.kind === "node") {
            if (lines) {
              lines.selectNode(hit.id);
              network.moveTo({ position: nodeById(hit.id), scale: 1.1, animation: false });
            } else {
              network.selectNodes([hit.id]);
              network.focus(hit.id, { scale: 1.1, animation: false });
            }
            showNode(hit.id);
          } else {
            const ids = bundles.filter((b) => b.items.includes(hit.id)).map((b) => b.id);
            if (lines) lines.select(ids); else network.selectEdges(ids);
            showItem(hit.id);
          }
        });
        results.appendChild(el("li", {}, b));
      }
      results.hidden = results.childElementCount === 0;
    });

    apply();
    if (lines) lines.fit(); else network.fit({ animation: false });
    performance.mark("kg-ready");
    network.once("afterDrawing", () => requestAnimationFrame(() => {
      performance.mark("kg-drawn");
      document.body.dataset.settled = "true";
      if (window.requestIdleCallback) requestIdleCallback(unpackDetail, { timeout: 1000 }); else setTimeout(unpackDetail, 200);
    }));
    network.redraw();
    window.kgExplorer = { detailed: () => unpackDetail().then(detail), network, nodes, edges, bundles, data, state, setDate, showItem, showNode, showBundle, stateAt,
      labels: () => drawn.map((b) => ({ ...b })), itemState: (iri) => (items[iri] ? items[iri].state : null),
      large, lastStep: () => lastStep, nodeShown: (id) => nodeShown[id], node: nodeById,
      positions: () => Object.fromEntries(data.nodeIri.map((id) => { const n = nodeById(id); return [id, { x: n.x, y: n.y }]; })) };
  }
})();
