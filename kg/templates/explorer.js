/* kg explorer: time slider, search, relation filters and an evidence panel over vis-network.
   Every piece of data is put into the page with textContent (never innerHTML), so labels
   and quotes stay inert text whatever they contain. */
(function () {
  "use strict";
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
    raw.items.forEach(([iri, kind, labels, relation, status, time, roles, itemClaims, pairs, note]) => {
      const participants = {};
      for (const [role, refs] of Object.entries(roles)) participants[role] = refs.map(ref);
      items[iri] = { iri, kind, labels, relation, status, time, participants, note, claims: claims(itemClaims),
        edges: pairs.map(([u, v]) => [nodeIri[u], nodeIri[v]]) };
    });
    const links = raw.links.map((l) => ({ ...l, claims: claims(l.claims) }));
    const conflicts = raw.conflicts.map((c) => ({ ...c, readings: c.readings.map((r) => ({ ...r,
      evidence: evidence(r.evidence) })) }));
    return { ...raw, nodes, sources, items, links, conflicts, nodeIri, itemIri: raw.items.map((it) => it[0]) };
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
    if (data.nodes[iri]) return pick(data.nodes[iri].labels, iri);
    if (data.sources[iri]) return pick(data.sources[iri].labels, iri);
    if (data.items[iri]) return pick(data.items[iri].labels, iri);
    return iri;
  }
  const fold = (text) => String(text).toLowerCase().normalize("NFKC")
    .replace(/[\u064B-\u065F\u0670\u0640]/g, "").replace(/[أإآ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه");

  // ---- items and their time ------------------------------------------------------------
  const items = data.items;
  for (const item of Object.values(items)) {
    item.time = item.time === null || item.time === undefined ? null : data.times[item.time];
    item.relation_labels = data.relations[item.relation] || {};
    for (const claim of item.claims) claim.date = claim.date === null ? null : data.times[claim.date];
  }
  for (const link of data.links) for (const claim of link.claims) claim.date = claim.date === null ? null : data.times[claim.date];
  for (const conflict of data.conflicts) for (const r of conflict.readings) r.time = r.time === null ? null : data.times[r.time];
  let first = Infinity, last = -Infinity;
  for (const item of Object.values(items)) {
    const b = (item.time && item.time.bounds) || [null, null, null, null];
    item.se = dayOf(b[0]); item.sl = dayOf(b[1]); item.ee = dayOf(b[2]); item.el = dayOf(b[3]);
    item.uncertain = !!(item.time && item.time.uncertain);
    for (const d of [item.se, item.sl, item.ee, item.el]) {
      if (d !== null) { first = Math.min(first, d); last = Math.max(last, d); }
    }
  }
  if (first === Infinity) { first = 0; last = 0; }

  /* Had it started by day d?  "certain": surely (latest start <= d); "possible": its start
     may fall on or before d; "not": it surely started after d. Uncertain times are never certain. */
  function startedBy(item, d) {
    if (item.sl !== null && item.sl <= d && !item.uncertain) return "certain";
    if (item.se === null || item.se <= d) return "possible";
    return "not";
  }

  // ---- the network ----------------------------------------------------------------------
  const nodes = new vis.DataSet(read("kg-nodes").map((n) => ({ ...n, id: data.nodeIri[n.id], title: n.label })));
  const STATUS = { happened: ["#555555", false], planned: ["#7B3294", [8, 6]], reported: ["#555555", [2, 5]] };
  const edges = new vis.DataSet(read("kg-edges").map((raw) => {
    const e = { ...raw, from: data.nodeIri[raw.from], to: data.nodeIri[raw.to], item: data.itemIri[raw.item] };
    const item = items[e.item];
    const words = (item.time && item.time.words) || "";
    if (e.secondary) {
      return { ...e, baseColor: "#BBBBBB", color: { color: "#BBBBBB" }, dashes: [1, 4], width: 0.5, arrows: "",
        smooth: false, title: `${pick(item.labels, e.item)}\n${term("role", e.role)}` };
    }
    const [colour, dashes] = item.kind === "position" ? ["#AAAAAA", [1, 3]] : (STATUS[item.status] || STATUS.happened);
    return { ...e, baseColor: colour, color: { color: colour }, dashes,
      smooth: { type: e.k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.08 + 0.1 * Math.floor(e.k / 2) },
      title: `${pick(item.labels, e.item)}\n${words}` };
  }));
  const container = document.getElementById("kg-graph");
  const network = new vis.Network(container, { nodes, edges }, read("kg-options"));
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });
    document.body.dataset.settled = "true";
  });
  const incident = {};
  for (const e of edges.get()) {
    (incident[e.from] = incident[e.from] || []).push(e.id);
    (incident[e.to] = incident[e.to] || []).push(e.id);
  }

  // ---- state: the date and the relation filters ----------------------------------------
  const state = { date: last, hidden: new Set() };
  function apply() {
    const edgeUpdates = [], visible = new Set();
    for (const e of edges.get()) {
      const item = items[e.item];
      const when = startedBy(item, state.date);
      const shown = when !== "not" && !state.hidden.has(item.relation);
      const faded = when === "possible";
      if (shown) { visible.add(e.from); visible.add(e.to); }
      edgeUpdates.push({ id: e.id, hidden: !shown, certainty: shown ? when : "not",
        color: { color: e.baseColor, opacity: faded ? 0.25 : 1 },
        font: { color: faded ? "rgba(60,60,60,0.35)" : "#333333" } });
    }
    edges.update(edgeUpdates);
    nodes.update(nodes.get().map((n) => ({ id: n.id, hidden: !visible.has(n.id) && !!incident[n.id] })));
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
  for (const item of Object.values(items)) counts[item.relation] = (counts[item.relation] || 0) + 1;
  const filters = document.getElementById("kg-filters");
  const named = (relation) => pick(data.relations[relation], relation);
  for (const relation of Object.keys(counts).sort((a, b) => named(a).localeCompare(named(b), lang))) {
    const sample = Object.values(items).find((i) => i.relation === relation);
    const box = el("input", { type: "checkbox", checked: "checked", "data-relation": relation });
    box.addEventListener("change", () => {
      if (box.checked) state.hidden.delete(relation); else state.hidden.add(relation);
      apply();
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
    const item = items[key];
    if (!item) return;
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
      el("h2", {}, `${S.claims} (${item.claims.length})`),
      ...item.claims.map(claimBlock));
    document.body.dataset.panel = key;
  }
  function showNode(id) {
    const node = data.nodes[id];
    if (!node) return;
    const alts = Object.entries(node.alt || {}).flatMap(([, v]) => v);
    const mine = Object.entries(items).filter(([, it]) => it.edges.some(([u, v]) => u === id || v === id));
    open(
      el("h3", {}, pick(node.labels, id)),
      el("p", { class: "kg-meta" }, S.kinds[node.kind] || node.kind),
      fields([["en", node.labels.en], ["ar", node.labels.ar], [S.also, alts.join(" · ")]]),
      el("ul", {}, ...mine.map(([key, it]) => el("li", {}, linkTo(pick(it.labels, key), () => showItem(key)),
        el("span", { class: "kg-meta" }, " · " + ((it.time && it.time.words) || ""))))));
    document.body.dataset.panel = id;
  }
  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showItem(edges.get(params.edges[0]).item);
  });

  // ---- search ---------------------------------------------------------------------------
  const search = document.getElementById("kg-search");
  const results = document.getElementById("kg-results");
  const index = [];
  for (const [id, n] of Object.entries(data.nodes)) {
    const texts = [...Object.values(n.labels || {}), ...Object.values(n.alt || {}).flat()];
    index.push({ id, kind: "node", text: texts.map(fold).join("\n"), label: pick(n.labels, id), sub: S.kinds[n.kind] || n.kind });
  }
  for (const [key, it] of Object.entries(items)) {
    index.push({ id: key, kind: "item", text: Object.values(it.labels || {}).map(fold).join("\n"),
      label: pick(it.labels, key), sub: pick(it.relation_labels, it.relation) });
  }
  search.addEventListener("input", () => {
    const q = fold(search.value.trim());
    results.replaceChildren();
    if (!q) { results.hidden = true; return; }
    for (const hit of index.filter((e) => e.text.includes(q)).slice(0, 25)) {
      const b = el("button", { type: "button" }, hit.label, el("span", { class: "kg-kind" }, hit.sub));
      b.addEventListener("click", () => {
        results.hidden = true;
        if (hit.kind === "node") {
          network.selectNodes([hit.id]);
          network.focus(hit.id, { scale: 1.1, animation: false });
          showNode(hit.id);
        } else {
          network.selectEdges(edges.getIds({ filter: (e) => e.item === hit.id }));
          showItem(hit.id);
        }
      });
      results.appendChild(el("li", {}, b));
    }
    results.hidden = results.childElementCount === 0;
  });

  apply();
  window.kgExplorer = { network, nodes, edges, data, state, setDate, showItem, showNode, startedBy };
})();
