// The studio's diagrams: each <div class="diagram" data-diagram="URL" data-marks="JSON"> is drawn with
// bpmn-js's viewer from the BPMN at URL (fetched as text), then the page's marks are placed on it:
// CSS markers, badges (text only, never markup), a title and a link per element. The page decides
// every figure and word; this script only places them.
//
// Nothing here writes a style attribute or markup with one: the pages' Content-Security-Policy allows
// no inline style. Sizes are set through the DOM's style properties (which the policy allows), and the
// badges are SVG drawn inside the diagram rather than bpmn-js's overlays (HTML with style attributes).
(() => {
  const SVG = 'http://www.w3.org/2000/svg';

  // bpmn-js writes labels at 12 px (11 outside shapes): 6-7 px once a playbook two thousand units wide
  // is fitted to a laptop. At 16 they read at 10 px or more down to the smallest zoom used at first.
  const LABEL_SIZE = 16;
  const LABEL_FONT = 'Arial, "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif';
  const MIN_SCALE = 10 / LABEL_SIZE;
  const MAX_SCALE = 1;
  // Room around the diagram, in its own units, for the badges above and below its outer steps.
  const MARGIN = 24;
  const MIN_HEIGHT = 240;
  const MAX_HEIGHT = 780;

  const BADGE_SIZE = 15;
  const BADGE_PAD = 5;

  // Where a badge of each kind would rather sit on its step (the place of its centre, for a step's box
  // e and the badge's size w x h); the free place nearest to it is taken.
  const corner = {
    topRight: (e) => [e.x + e.width, e.y],
    topLeft: (e) => [e.x, e.y],
    bottomLeft: (e) => [e.x, e.y + e.height],
    bottomRight: (e) => [e.x + e.width, e.y + e.height],
    below: (e, w, h) => [e.x + e.width / 2, e.y + e.height + h / 2 + 2],
    above: (e, w, h) => [e.x + e.width / 2, e.y - h / 2 - 2],
    right: (e, w) => [e.x + e.width + w / 2 + 2, e.y + e.height / 2],
    left: (e, w) => [e.x - w / 2 - 2, e.y + e.height / 2],
  };
  const badgePlaces = {
    waiting: corner.topRight,
    problem: corner.topRight,
    unmapped: corner.topRight,
    added: corner.topRight,
    missed: corner.topLeft,
    passed: corner.bottomLeft,
    time: corner.below,
  };

  function svg(name, attributes) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, String(value)));
    return node;
  }

  // bpmn-js measures text in an <svg id="helper-svg">, which it makes with a style attribute unless
  // the page has one already; this one is hidden by the stylesheet.
  function textHelper() {
    if (!document.getElementById('helper-svg')) {
      const helper = svg('svg', { id: 'helper-svg', width: 0, height: 0, 'aria-hidden': 'true' });
      document.body.appendChild(helper);
    }
  }

  // The viewer's modules without its overlays, which put each one in HTML with a style attribute.
  function modules() {
    return BpmnJS.prototype._modules.filter((module) => !(module.__init__ || []).includes('overlays'));
  }

  function intersects(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  // A box of an SVG node in the coordinates of the layer (the diagram's own units).
  function boxIn(layer, node) {
    const box = node.getBBox();
    const matrix = layer.getCTM().inverse().multiply(node.getCTM());
    const corners = [[box.x, box.y], [box.x + box.width, box.y], [box.x, box.y + box.height],
      [box.x + box.width, box.y + box.height]].map(([x, y]) => {
      const point = new DOMPoint(x, y).matrixTransform(matrix);
      return [point.x, point.y];
    });
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys) };
  }

  // What a badge must not cover: every label (a step's name, an event's, a flow's) and every step.
  function obstacles(registry, layer) {
    const labels = [];
    const shapes = [];
    registry.forEach((element) => {
      const gfx = registry.getGraphics(element);
      if (!gfx || !element.parent) return; // the root
      gfx.querySelectorAll('.djs-visual text').forEach((text) => {
        if (text.textContent.trim()) labels.push(boxIn(layer, text));
      });
      // A pool, a lane or an expanded sub-process holds other steps: only its name is in the way.
      const container = element.children && element.children.length > 0;
      if (!element.waypoints && element.type !== 'label' && !container) {
        shapes.push({ id: element.id, x: element.x, y: element.y, width: element.width, height: element.height });
      }
    });
    return { labels, shapes, badges: [] };
  }

  // What a badge there would cover, with a little room to spare (a badge touching a name reads as
  // covering it): a name costs most, then another badge, then a step; 0 is a free place.
  function cost(placed, taken, ownId) {
    const box = { x: placed.x - 2, y: placed.y - 2, width: placed.width + 4, height: placed.height + 4 };
    return 100 * taken.labels.filter((l) => intersects(box, l)).length
      + 10 * taken.badges.filter((b) => intersects(box, b)).length
      + taken.shapes.filter((s) => s.id !== ownId && intersects(box, s)).length;
  }

  // Places for a badge on a step: its preferred one, then around the step, a little further out each round.
  function* stepPlaces(element, kind, width, height) {
    yield (badgePlaces[kind] || corner.above)(element, width, height);
    const around = [corner.topRight, corner.above, corner.topLeft, corner.right, corner.left, corner.bottomRight,
      corner.bottomLeft, corner.below];
    for (let ring = 0; ring < 4; ring++) {
      const out = ring * (height + 2);
      for (const at of around) {
        const [x, y] = at(element, width, height);
        const cx = element.x + element.width / 2;
        const cy = element.y + element.height / 2;
        yield [x + Math.sign(x - cx) * out, y + Math.sign(y - cy) * out];
      }
    }
  }

  // Places for a badge on a way out of a gateway: along its segments, first the one leaving the gateway.
  // Then beside those places, above, below and to either side of the line.
  function* flowPlaces(connection, width, height) {
    const points = connection.waypoints;
    const along = [];
    for (let i = 0; i < points.length - 1; i++) {
      for (const t of [0.5, 0.35, 0.65, 0.2, 0.8]) {
        along.push([points[i].x + (points[i + 1].x - points[i].x) * t, points[i].y + (points[i + 1].y - points[i].y) * t]);
      }
    }
    yield* along;
    // Then beside the line, a little further out each round, diagonals last: a wide badge near a
    // gateway whose ways are all named finds its free place a few rings out.
    const up = height + 4;
    const side = width / 2 + 6;
    for (let ring = 1; ring <= 5; ring++) {
      for (const [dx, dy] of [[0, -ring * up], [0, ring * up], [ring * side, 0], [-ring * side, 0],
        [ring * side, -ring * up], [-ring * side, -ring * up], [ring * side, ring * up], [-ring * side, ring * up]]) {
        for (const [x, y] of along) {
          yield [x + dx, y + dy];
        }
      }
    }
  }

  // A badge: a rounded box with its text, and what it means on hover (a title around it, so that the
  // badge's own text is only its figure).
  function badge(layer, elementId, b) {
    const holder = svg('g', { class: 'diagram-badge-holder' });
    if (b.title) {
      const title = svg('title');
      title.textContent = b.title;
      holder.appendChild(title);
    }
    const group = svg('g', { class: 'diagram-badge badge-' + b.kind });
    group.dataset.element = elementId;
    group.dataset.badge = b.kind;
    const rect = svg('rect', { rx: (BADGE_SIZE + 2 * BADGE_PAD) / 2 });
    const text = svg('text', { 'font-size': BADGE_SIZE, 'dominant-baseline': 'central', x: BADGE_PAD });
    text.textContent = b.text;
    group.append(rect, text);
    holder.appendChild(group);
    layer.appendChild(holder);
    const width = Math.ceil(text.getBBox().width) + 2 * BADGE_PAD;
    const height = BADGE_SIZE + 2 * BADGE_PAD - 2;
    rect.setAttribute('width', width);
    rect.setAttribute('height', height);
    text.setAttribute('y', height / 2);
    return { group, width, height };
  }

  // The first free place; else the one that covers least.
  function place(placed, places, taken, ownId) {
    let best = null;
    let least = Infinity;
    for (const [cx, cy] of places) {
      const box = { x: cx - placed.width / 2, y: cy - placed.height / 2, width: placed.width, height: placed.height };
      const covers = cost(box, taken, ownId);
      if (covers < least) {
        best = box;
        least = covers;
      }
      if (covers === 0) break;
    }
    return best;
  }

  // The first view: the whole diagram, as large as the host's width allows up to its own size, never so
  // small that labels read under 10 px (a wider playbook is then shown from its start, to be dragged);
  // the host as high as that view needs.
  function firstView(host, canvas) {
    const inner = canvas.viewbox().inner;
    const fit = Math.min(MAX_SCALE, host.clientWidth / (inner.width + 2 * MARGIN),
      MAX_HEIGHT / (inner.height + 2 * MARGIN));
    const scale = Math.max(MIN_SCALE, fit);
    const needed = (inner.height + 2 * MARGIN) * scale;
    const height = Math.ceil(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, needed)));
    // The host's own height holds its borders too.
    host.style.height = (height + host.offsetHeight - host.clientHeight) + 'px';
    canvas.resized();
    const outer = canvas.viewbox().outer;
    const visibleWidth = outer.width / scale;
    const visibleHeight = outer.height / scale;
    const x = (inner.width + 2 * MARGIN) * scale <= outer.width ? inner.x + inner.width / 2 - visibleWidth / 2
      : inner.x - MARGIN;
    const y = needed <= outer.height ? inner.y + inner.height / 2 - visibleHeight / 2 : inner.y - MARGIN;
    canvas.viewbox({ x, y, width: visibleWidth, height: visibleHeight });
    host.dataset.fits = String((inner.width + 2 * MARGIN) * scale <= outer.width && needed <= outer.height);
  }

  // The element in the middle of the diagram, a quarter larger than its own size at least, so a problem
  // is read where it is.
  const FOCUS_SCALE = 1.25;

  function zoomTo(canvas, element) {
    const xs = element.waypoints ? element.waypoints.map((p) => p.x) : [element.x, element.x + element.width];
    const ys = element.waypoints ? element.waypoints.map((p) => p.y) : [element.y, element.y + element.height];
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const scale = Math.max(FOCUS_SCALE, canvas.zoom());
    const outer = canvas.viewbox().outer;
    canvas.viewbox({ x: cx - outer.width / scale / 2, y: cy - outer.height / scale / 2,
      width: outer.width / scale, height: outer.height / scale });
  }

  function tools(host, canvas) {
    const bar = document.querySelector('.diagram-tools[data-for="' + host.id + '"]');
    if (!bar) return;
    bar.hidden = false;
    bar.querySelectorAll('button[data-zoom]').forEach((button) => button.addEventListener('click', () => {
      const zoom = button.dataset.zoom;
      if (zoom === 'fit') {
        canvas.zoom('fit-viewport', 'auto');
      } else {
        const outer = canvas.viewbox().outer;
        canvas.zoom(canvas.zoom() * (zoom === 'in' ? 1.25 : 0.8), { x: outer.width / 2, y: outer.height / 2 });
      }
    }));
  }

  async function draw(host) {
    const failed = host.parentElement.querySelector('.diagram-error');
    if (typeof BpmnJS === 'undefined') {
      if (failed) failed.hidden = false;
      return;
    }
    textHelper();
    const marks = JSON.parse(host.dataset.marks || '{}');
    const viewer = new BpmnJS({
      container: host,
      modules: modules(),
      textRenderer: {
        defaultStyle: { fontSize: LABEL_SIZE, fontFamily: LABEL_FONT },
        externalStyle: { fontSize: LABEL_SIZE, fontFamily: LABEL_FONT },
      },
    });
    try {
      const response = await fetch(host.dataset.diagram, { credentials: 'same-origin' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      await viewer.importXML(await response.text());
    } catch (e) {
      if (failed) {
        failed.hidden = false;
      }
      host.dataset.state = 'failed';
      return;
    }
    const canvas = viewer.get('canvas');
    const registry = viewer.get('elementRegistry');
    firstView(host, canvas);
    const layer = canvas.getLayer('studio-badges', 10);
    const taken = obstacles(registry, layer);
    // The steps' badges first, then the ways out of gateways, which have more places to go.
    const entries = Object.entries(marks).map(([id, mark]) => [id, mark, registry.get(id)])
      .filter(([, , element]) => element) // a step of another version: in the page's table, not on this diagram
      .sort(([, , a], [, , b]) => Number(Boolean(a.waypoints)) - Number(Boolean(b.waypoints)));
    entries.forEach(([id, mark, element]) => {
      mark.markers.forEach((marker) => canvas.addMarker(id, marker));
      mark.badges.forEach((b) => {
        const placed = badge(layer, id, b);
        const places = element.waypoints ? flowPlaces(element, placed.width, placed.height) : stepPlaces(element, b.kind, placed.width, placed.height);
        const box = place(placed, places, taken, id);
        placed.group.setAttribute('transform', 'translate(' + box.x + ' ' + box.y + ')');
        taken.badges.push(box);
      });
      const gfx = registry.getGraphics(id);
      if (mark.titles.length && gfx) {
        const title = svg('title');
        title.textContent = mark.titles.join('\n');
        gfx.appendChild(title);
      }
    });
    if (host.dataset.selected) {
      if (registry.get(host.dataset.selected)) canvas.addMarker(host.dataset.selected, 'selected');
    }
    viewer.get('eventBus').on('element.click', (event) => {
      const mark = marks[event.element.id];
      if (mark && mark.link) {
        window.location.assign(mark.link);
      }
    });
    tools(host, canvas);
    // The problem list points at its elements: a click there shows the element on the diagram, zoomed to it.
    document.querySelectorAll('[data-focus-element]').forEach((link) => {
      if (link.dataset.focusDiagram !== host.id) return;
      link.addEventListener('click', () => {
        registry.forEach((e) => canvas.removeMarker(e.id, 'focused'));
        const element = registry.get(link.dataset.focusElement);
        if (element) {
          canvas.addMarker(element.id, 'focused');
          host.scrollIntoView({ block: 'nearest' });
          zoomTo(canvas, element);
          host.dataset.focused = element.id;
        }
      });
    });
    // Drawn once the browser has painted the marks (the tests wait for this, and take their pictures).
    requestAnimationFrame(() => requestAnimationFrame(() => {
      host.dataset.state = 'drawn';
    }));
  }

  // Files dropped on the zone go into its file input, and the form is sent: the same as choosing them.
  function dropZone(zone) {
    const input = zone.querySelector('input[type=file]');
    ['dragenter', 'dragover'].forEach((type) => zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add('over');
    }));
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('over');
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        zone.closest('form').submit();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('div.diagram[data-diagram]').forEach((host) => draw(host));
    document.querySelectorAll('.drop').forEach(dropZone);
  });
})();
