/* kg explorer, large pages: the page draws the lines and the nodes itself (kg.render.LARGE).

   vis-network draws each edge and node on its own (its style worked out, its colour parsed,
   the canvas state saved and restored, one stroke or fill) and builds an object with options
   for every edge: at 20,000 edges that is most of the time a page takes to open and to
   repaint. On a large page vis gets the nodes only, and keeps what it is good at (the view,
   dragging and zooming, which node is under the pointer, selection); this script strokes the
   lines under the nodes, one path for each colour, state and width, and fills the nodes, one
   path for each kind, only those in the visible box. It also finds the line under the
   pointer, so that clicking a line and its tooltip work as with vis's own edges. Loaded
   before explorer.js, which calls window.kgLarge. */
(function () {
  "use strict";
  const OPACITY = { possible: 0.2, likely: 0.55, certain: 1 };

  /* bundles: kg's bundles ({ id, from, to, state, count, baseColor, secondary }); network:
     the vis Network, whose nodes give the ends; groups: vis's groups option (colour and shape
     of each kind); kindOf: each node's kind. Returns { draw, drawNodes, update, nearest, select, middle }. */
  window.kgLarge = function (network, bundles, groups, kindOf) {
    const body = network.body;
    /* Each vis node draws itself into a list instead (Node.draw is what vis's renderer calls
       for a node in view) and keeps the boxes vis reads to find the node under the pointer. */
    const NONE = {}, queue = [];
    function place(n) {
      const s = n.shape, r = n.options.size;
      s.width = s.height = 2 * r; s.radius = r; s.left = n.x - r; s.top = n.y - r;
      s.boundingBox.left = n.x - r; s.boundingBox.top = n.y - r; s.boundingBox.right = n.x + r; s.boundingBox.bottom = n.y + r;
    }
    for (const id of Object.keys(body.nodes)) {
      const n = body.nodes[id];
      if (!n.shape || !n.shape.boundingBox) continue;  // not the vis we know: it draws the node itself
      place(n);
      n.draw = () => { place(n); queue.push(n); return NONE; };
    }
    const PATHS = {
      dot: (ctx, x, y, r) => { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); },
      square: (ctx, x, y, r) => ctx.rect(x - r, y - r, 2 * r, 2 * r),
      diamond: (ctx, x, y, r) => { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath(); },
      triangle: (ctx, x, y, r) => { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r * 0.85); ctx.lineTo(x - r, y + r * 0.85); ctx.closePath(); },
    };
    /* Called on vis's "afterDrawing", before the labels: the nodes vis asked to draw. */
    function drawNodes(ctx) {
      const kinds = new Map(), marked = [];
      for (const n of queue) {
        const kind = kindOf[n.id];
        (kinds.get(kind) || kinds.set(kind, []).get(kind)).push(n);
        if (n.selected || n.hover) marked.push(n);
      }
      queue.length = 0;
      const tiny = ctx.getTransform().a * 11 < 1.5;  // under 1.5 px across: every shape is a square
      ctx.save();
      for (const [kind, list] of kinds) {
        const group = groups[kind] || {};
        const path = tiny ? PATHS.square : PATHS[group.shape] || PATHS.dot;
        ctx.fillStyle = group.color || "#BAB0AC";
        ctx.beginPath();
        for (const n of list) path(ctx, n.x, n.y, n.options.size);
        ctx.fill();
      }
      ctx.strokeStyle = "#1a1a1a";
      ctx.lineWidth = 2 / network.getScale();
      for (const n of marked) {
        ctx.beginPath();
        (PATHS[(groups[kindOf[n.id]] || {}).shape] || PATHS.dot)(ctx, n.x, n.y, n.options.size + 1);
        ctx.stroke();
      }
      ctx.restore();
    }
    let ends = null, selected = new Set();
    function endsOf() {  // the vis nodes at both ends, looked up once
      ends = bundles.map((b) => [body.nodes[b.from], body.nodes[b.to]]);
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
        const width = Math.max(hair, Math.round(widthOf(b) * 2) / 2);
        const key = `${b.baseColor}|${b.state}|${width}`;
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
    return { draw, drawNodes, update, nearest, select, middle: (b) => {
      const [p, q] = (ends || endsOf())[b.id];
      return p && q ? { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 } : null;
    } };
  };
})();
