/* kg explorer, large pages: the page draws the lines and the nodes itself (kg.render.LARGE).

   vis-network draws each edge and node on its own (its style worked out, its colour parsed,
   the canvas state saved and restored, one stroke or fill) and builds an object with options
   for every edge and every node: at 20,000 edges and 8,000 nodes that is most of the time a
   page takes to open and to repaint. On a
   large page vis gets neither, and keeps what it is good at (the view, dragging and zooming,
   the pointer); this script strokes the lines under the nodes, one path for each colour,
   state and width, and fills the nodes, one path for each kind, only those in the visible
   box. It also finds the node and the line under the pointer (a grid of the nodes, a scan of
   the lines), so that clicking, hovering and tooltips work as with vis's own. Loaded
   before explorer.js, which calls window.kgLarge. */
(function () {
  "use strict";
  const OPACITY = { possible: 0.2, likely: 0.55, certain: 1 };
  const STATE = { possible: 0, likely: 1, certain: 2 };

  /* bundles: kg's bundles ({ id, from, to, state, count, baseColor, secondary }); network:
     the vis Network (holding no node and no edge: the view, zoom, drag and the pointer);
     groups: vis's groups option (colour and shape of each kind); list: the nodes, each
     { id, x, y, kind, hidden, size }. Returns { draw, drawNodes, update, nearest, nodeAt,
     node, select, selectNode, hover, fit, middle }. */
  window.kgLarge = function (network, bundles, groups, list) {
    const body = network.body;
    /* vis builds an object for every node it is given (its options copied, a label and a shape
       made): at 8,000 nodes that was most of the time the page took to open. So vis gets none;
       the nodes are kept here as plain records and found under the pointer through a grid. */
    const byId = new Map();
    for (const n of list) byId.set(n.id, n);
    const CELL = 64, grid = new Map();
    const cellOf = (x, y) => Math.floor(x / CELL) * 1048576 + Math.floor(y / CELL);
    for (const n of list) {
      const k = cellOf(n.x, n.y);
      (grid.get(k) || grid.set(k, []).get(k)).push(n);
    }
    /* The shown node whose shape holds a point (canvas coordinates), or within px screen pixels of it. */
    function nodeAt(point, px) {
      const reach = Math.max(0, (px || 0) / network.getScale());
      let best = null, bestDistance = Infinity;
      const r0 = reach + 12, i0 = Math.floor((point.x - r0) / CELL), i1 = Math.floor((point.x + r0) / CELL);
      const j0 = Math.floor((point.y - r0) / CELL), j1 = Math.floor((point.y + r0) / CELL);
      for (let i = i0; i <= i1; i++) {
        for (let j = j0; j <= j1; j++) {
          for (const n of grid.get(i * 1048576 + j) || []) {
            if (n.hidden) continue;
            const d = Math.hypot(n.x - point.x, n.y - point.y);
            if (d <= n.size + reach && d < bestDistance) { best = n; bestDistance = d; }
          }
        }
      }
      return best;
    }
    let marked = new Set(), hovered = null;
    function selectNode(id) { marked = new Set(id === null || id === undefined ? [] : [id]); body.emitter.emit("_requestRedraw"); }
    function hover(id) { hovered = id; body.emitter.emit("_requestRedraw"); }
    /* The view that shows every node, as vis's fit does. */
    function fit() {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const n of list) {
        if (n.x - n.size < x0) x0 = n.x - n.size; if (n.x + n.size > x1) x1 = n.x + n.size;
        if (n.y - n.size < y0) y0 = n.y - n.size; if (n.y + n.size > y1) y1 = n.y + n.size;
      }
      if (!list.length) return;
      const canvas = network.canvas.frame.canvas;
      const scale = Math.min(canvas.clientWidth / ((x1 - x0) * 1.1 || 1), canvas.clientHeight / ((y1 - y0) * 1.1 || 1));
      network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: Math.min(1, scale), animation: false });
    }
    const PATHS = {
      dot: (ctx, x, y, r) => { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); },
      square: (ctx, x, y, r) => ctx.rect(x - r, y - r, 2 * r, 2 * r),
      diamond: (ctx, x, y, r) => { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath(); },
      triangle: (ctx, x, y, r) => { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r * 0.85); ctx.lineTo(x - r, y + r * 0.85); ctx.closePath(); },
    };
    /* Called on vis's "afterDrawing", before the labels: the shown nodes in view, one path a kind. */
    function drawNodes(ctx) {
      const kinds = new Map(), [x0, y0, x1, y1] = box(20);
      for (const n of list) {
        if (n.hidden || n.x < x0 || n.x > x1 || n.y < y0 || n.y > y1) continue;
        (kinds.get(n.kind) || kinds.set(n.kind, []).get(n.kind)).push(n);
      }
      const tiny = ctx.getTransform().a * 11 < 1.5;  // under 1.5 px across: every shape is a square
      ctx.save();
      for (const [kind, nodes] of kinds) {
        const group = groups[kind] || {};
        const path = tiny ? PATHS.square : PATHS[group.shape] || PATHS.dot;
        ctx.fillStyle = group.color || "#BAB0AC";
        ctx.beginPath();
        for (const n of nodes) path(ctx, n.x, n.y, n.size);
        ctx.fill();
      }
      ctx.strokeStyle = "#1a1a1a";
      ctx.lineWidth = 2 / network.getScale();
      for (const id of hovered === null ? marked : new Set([...marked, hovered])) {
        const n = byId.get(id);
        if (!n || n.hidden) continue;
        ctx.beginPath();
        (PATHS[(groups[n.kind] || {}).shape] || PATHS.dot)(ctx, n.x, n.y, n.size + 1);
        ctx.stroke();
      }
      ctx.restore();
    }
    let ends = null, selected = new Set();
    function endsOf() {  // the vis nodes at both ends, looked up once
      ends = bundles.map((b) => [byId.get(b.from), byId.get(b.to)]);
      return ends;
    }
    const widthOf = (b) => (b.secondary ? 0.5 : b.count > 1 ? 1.5 + 1.2 * Math.log2(b.count) : 1.5);

    /* The visible box in canvas coordinates, with a margin. */
    function box(margin) {
      const canvas = network.canvas.frame.canvas;
      const a = network.DOMtoCanvas({ x: -margin, y: -margin });
      const c = network.DOMtoCanvas({ x: canvas.clientWidth + margin, y: canvas.clientHeight + margin });
      return [a.x, a.y, c.x, c.y];
    }

    /* The lines are drawn into two pictures the size of vis's canvas, kept from frame to frame:
       "still", the lines whose state cannot change while the slider stays in a window of days
       around its date, and "moving", the lines that may. A slider step inside the window draws
       only the moving picture again; leaving the window, changing a filter, or moving or
       zooming the view draws both. Each frame puts the two on the canvas as they are. */
    const still = document.createElement("canvas"), moving = document.createElement("canvas");
    const colours = new Map();
    let moves = null, view = "", stillDirty = true, movingDirty = true;
    /* window: { from, to, lines } from explorer.js, the days and the ids of the lines that may
       change between them; changed: the ids of the lines whose state just changed. */
    function update(window, changed) {
      if (!moves || window !== moves.window) {
        moves = { window, ids: new Set(window.lines) };
        stillDirty = movingDirty = true;
      } else if (changed.length) {
        for (const id of changed) if (!moves.ids.has(id)) stillDirty = true;
        movingDirty = true;
      }
      if (stillDirty || movingDirty) body.emitter.emit("_requestRedraw");
    }
    function paint(picture, transform, wanted) {
      const canvas = network.canvas.frame.canvas;
      if (picture.width !== canvas.width || picture.height !== canvas.height) {
        picture.width = canvas.width; picture.height = canvas.height;
      }
      const ctx = picture.getContext("2d");
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, picture.width, picture.height);
      ctx.setTransform(transform);
      const scale = transform.a, [x0, y0, x1, y1] = box(10);
      const hair = 1 / scale;  // one pixel on screen: lines this thin or thinner are drawn as hairlines
      const groups = new Map();
      const all = ends || endsOf();
      for (let i = 0; i < bundles.length; i++) {
        const b = bundles[i];
        if (b.state === "hidden" || b.state === null || !wanted(b.id)) continue;
        const [p, q] = all[i];
        if (!p || !q) continue;
        if ((p.x < x0 && q.x < x0) || (p.x > x1 && q.x > x1) || (p.y < y0 && q.y < y0) || (p.y > y1 && q.y > y1)) continue;
        const half = Math.round(widthOf(b) * 2), width = Math.max(hair, half / 2);
        let colour = colours.get(b.baseColor);
        if (colour === undefined) colours.set(b.baseColor, (colour = colours.size));
        const key = ((colour * 4 + STATE[b.state]) * 128) + (width === hair ? 0 : Math.min(127, half));  // colour, state, width
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { color: b.baseColor, alpha: OPACITY[b.state], width, lines: [] }));
        group.lines.push(p.x, p.y, q.x, q.y);
      }
      ctx.lineCap = "butt";
      for (const group of groups.values()) {
        ctx.globalAlpha = group.alpha;
        ctx.strokeStyle = group.color;
        ctx.lineWidth = group.width;
        const l = group.lines;
        /* One path for many hairlines is fast; one path for many wide lines is very slow to
           fill (every crossing is worked out), so wide lines are stroked one by one. */
        if (group.width <= hair) {
          ctx.beginPath();
          for (let k = 0; k < l.length; k += 4) { ctx.moveTo(l[k], l[k + 1]); ctx.lineTo(l[k + 2], l[k + 3]); }
          ctx.stroke();
        } else {
          for (let k = 0; k < l.length; k += 4) { ctx.beginPath(); ctx.moveTo(l[k], l[k + 1]); ctx.lineTo(l[k + 2], l[k + 3]); ctx.stroke(); }
        }
      }
    }
    /* Called on vis's "beforeDrawing": ctx is already in canvas coordinates. */
    function draw(ctx) {
      const renderer = network.renderer, opts = renderer.options;
      if ((renderer.dragging && opts.hideEdgesOnDrag) || (renderer.zooming && opts.hideEdgesOnZoom)) return;
      const transform = ctx.getTransform(), canvas = network.canvas.frame.canvas;
      const key = [transform.a, transform.d, transform.e, transform.f, canvas.width, canvas.height].join();
      if (key !== view) { view = key; stillDirty = movingDirty = true; }
      const ids = moves ? moves.ids : new Set();
      if (stillDirty) { paint(still, transform, (id) => !ids.has(id)); stillDirty = false; }
      if (movingDirty) { paint(moving, transform, (id) => ids.has(id)); movingDirty = false; }
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(still, 0, 0);
      ctx.drawImage(moving, 0, 0);
      ctx.restore();
      if (selected.size) {  // the selected lines on top, dark and wider
        const all = ends || endsOf(), scale = transform.a / (canvas.width / Math.max(1, canvas.clientWidth));
        ctx.save();
        ctx.strokeStyle = "#1f4e99";
        for (const id of selected) {
          const b = bundles[id], [p, q] = all[id] || [];
          if (!b || !p || !q || b.state === "hidden" || b.state === null) continue;
          ctx.lineWidth = Math.max(2 / scale, widthOf(b) + 2);
          ctx.beginPath(); ctx.moveTo(p.x, p.y); ctx.lineTo(q.x, q.y); ctx.stroke();
        }
        ctx.restore();
      }
    }

    /* The shown line nearest to a point (canvas coordinates) within px screen pixels, or null. */
    function nearest(point, px) {
      const all = ends || endsOf(), reach = px / network.getScale();
      let best = null, bestDistance = reach * reach;
      for (let i = 0; i < bundles.length; i++) {
        const b = bundles[i];
        if (b.state === "hidden" || b.state === null) continue;
        const [p, q] = all[i];
        if (!p || !q) continue;
        const dx = q.x - p.x, dy = q.y - p.y, length = dx * dx + dy * dy;
        const t = length ? Math.max(0, Math.min(1, ((point.x - p.x) * dx + (point.y - p.y) * dy) / length)) : 0;
        const ex = p.x + t * dx - point.x, ey = p.y + t * dy - point.y, distance = ex * ex + ey * ey;
        if (distance < bestDistance) { bestDistance = distance; best = b; }
      }
      return best;
    }

    function select(ids) {
      selected = new Set(ids);
      body.emitter.emit("_requestRedraw");
    }
    return { draw, drawNodes, update, nearest, nodeAt, node: (id) => byId.get(id), select, selectNode, hover, fit, middle: (b) => {
      const [p, q] = (ends || endsOf())[b.id];
      return p && q ? { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 } : null;
    } };
  };
})();
