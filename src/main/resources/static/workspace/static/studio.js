// The studio's diagrams: each <div class="diagram" data-diagram="URL" data-marks="JSON"> is drawn with
// bpmn-js's viewer from the BPMN at URL (fetched as text), then the page's marks are placed on it:
// CSS markers, badges (text only, never markup), a title and a link per element. The page decides
// every figure and word; this script only places them.
(() => {
  const badgePlaces = {
    waiting: { top: -12, right: 10 },
    missed: { top: -12, left: -8 },
    passed: { bottom: 10, left: -8 },
    time: { bottom: -20, left: 0 },
    problem: { top: -12, right: 10 },
    unmapped: { top: -12, right: 10 },
  };

  function badge(elementId, b) {
    const span = document.createElement('span');
    span.className = 'diagram-badge badge-' + b.kind;
    span.dataset.element = elementId;
    span.dataset.badge = b.kind;
    span.textContent = b.text;
    if (b.title) {
      span.title = b.title;
    }
    return span;
  }

  // A connection's badge sits at the middle of its first segment, out of the gateway.
  function flowPlace(connection) {
    const [a, b] = connection.waypoints;
    const left = Math.min(...connection.waypoints.map((p) => p.x));
    const top = Math.min(...connection.waypoints.map((p) => p.y));
    return { left: (a.x + b.x) / 2 - left - 10, top: (a.y + b.y) / 2 - top - 22 };
  }

  async function draw(host) {
    const failed = host.parentElement.querySelector('.diagram-error');
    if (typeof BpmnJS === 'undefined') {
      if (failed) failed.hidden = false;
      return;
    }
    const marks = JSON.parse(host.dataset.marks || '{}');
    const viewer = new BpmnJS({ container: host });
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
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    canvas.zoom('fit-viewport', 'auto');
    Object.entries(marks).forEach(([id, mark]) => {
      const element = registry.get(id);
      if (!element) {
        return; // a step of another version: in the page's table, not on this diagram
      }
      mark.markers.forEach((marker) => canvas.addMarker(id, marker));
      const connection = Array.isArray(element.waypoints);
      mark.badges.forEach((b) => {
        overlays.add(id, 'studio', {
          position: connection ? flowPlace(element) : (badgePlaces[b.kind] || { top: -12, left: 0 }),
          html: badge(id, b),
        });
      });
      const gfx = registry.getGraphics(id);
      if (mark.titles.length && gfx) {
        const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
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
    // Drawn once the browser has painted the marks (the tests wait for this, and take their pictures).
    requestAnimationFrame(() => requestAnimationFrame(() => {
      host.dataset.state = 'drawn';
    }));
    // The problem list points at its elements: a click there shows the element on the diagram.
    document.querySelectorAll('[data-focus-element]').forEach((link) => {
      if (link.dataset.focusDiagram !== host.id) return;
      link.addEventListener('click', () => {
        registry.forEach((e) => canvas.removeMarker(e.id, 'focused'));
        if (registry.get(link.dataset.focusElement)) {
          canvas.addMarker(link.dataset.focusElement, 'focused');
          host.scrollIntoView({ block: 'nearest' });
        }
      });
    });
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
