// The lineage page: search, then the upstream and downstream graph of a column or table; click a node
// to expand it and see its details, click an edge to see the SQL behind it.
(function () {
  'use strict';
  const api = '/api/v1';
  const $ = (id) => document.getElementById(id);
  const pii = { columns: new Set(), exposed: new Set(), masked: new Set() };

  const cy = cytoscape({
    container: $('graph'),
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { 'label': 'data(label)', 'font-size': 10, 'text-wrap': 'wrap', 'text-max-width': 140,
          'background-color': '#6b8ccf', 'width': 18, 'height': 18, 'text-valign': 'bottom', 'text-margin-y': 3 } },
      { selector: 'node.table', style: { 'shape': 'round-rectangle', 'background-color': '#9aa3b5', 'width': 26, 'height': 16 } },
      { selector: 'node.start', style: { 'border-width': 3, 'border-color': '#1d2330' } },
      { selector: 'node.exposed', style: { 'background-color': '#f29c38' } },
      { selector: 'node.masked', style: { 'background-color': '#2e9e5b' } },
      { selector: 'node.pii', style: { 'background-color': '#d63b3b' } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#3b82f6' } },
      { selector: 'edge', style: { 'width': 2, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
          'line-color': '#4a5266', 'target-arrow-color': '#4a5266', 'font-size': 8, 'label': 'data(subtype)',
          'text-rotation': 'autorotate', 'color': '#6b7385' } },
      { selector: 'edge.INDIRECT', style: { 'line-style': 'dashed', 'line-color': '#9aa3b5', 'target-arrow-color': '#9aa3b5' } },
      { selector: 'edge.masking', style: { 'line-style': 'dotted', 'line-color': '#2e9e5b', 'target-arrow-color': '#2e9e5b' } },
      { selector: 'edge.HAS_COLUMN', style: { 'width': 1, 'line-color': '#dde2ea', 'target-arrow-color': '#dde2ea', 'label': '' } },
      { selector: 'edge.retired', style: { 'opacity': 0.35, 'line-color': '#c4cad6', 'target-arrow-color': '#c4cad6' } },
      { selector: 'edge:selected', style: { 'width': 4, 'line-color': '#3b82f6', 'target-arrow-color': '#3b82f6' } }
    ]
  });
  window.cy = cy;   // for tests and the curious
  // graphs are drawn once the PII flows are known, so that their colours are right from the start
  const piiReady = getJson(api + '/pii/flows').then((flows) => {
    flows.columns.forEach((c) => {
      pii.columns.add(c.column);
      c.exposed.forEach((x) => pii.exposed.add(x.column));
      c.masked.forEach((x) => pii.masked.add(x.column));
    });
  }).catch(() => status('PII flows unavailable'));

  function status(text) { $('status').textContent = text; }

  async function getJson(path) {
    const r = await fetch(path);
    const body = await r.json();
    if (!r.ok) { throw new Error(body.detail || body.title || ('HTTP ' + r.status)); }
    return body;
  }

  function shortLabel(id, kind) {
    const parts = id.split('.');
    return kind === 'TABLE' ? parts.slice(1).join('.') : parts.slice(2).join('.');
  }

  function classesOf(id, kind) {
    const c = [kind === 'TABLE' ? 'table' : 'column'];
    if (pii.columns.has(id)) { c.push('pii'); } else if (pii.exposed.has(id)) { c.push('exposed'); } else if (pii.masked.has(id)) { c.push('masked'); }
    return c.join(' ');
  }

  function addNode(id, kind) {
    if (cy.getElementById(id).nonempty()) { return; }
    cy.add({ group: 'nodes', data: { id: id, label: shortLabel(id, kind), kind: kind }, classes: classesOf(id, kind) });
  }

  function addLineage(body) {
    addNode(body.start, body.start_kind === 'table' ? 'TABLE' : 'COLUMN');
    body.nodes.forEach((n) => addNode(n.id, n.kind));
    body.edges.forEach((e) => {
      addNode(e.source, e.source.split('.').length === 3 ? 'TABLE' : 'COLUMN');
      addNode(e.target, e.target.split('.').length === 3 ? 'TABLE' : 'COLUMN');
      const id = e.source + '|' + e.relation + '|' + e.type + '|' + e.subtype + '|' + e.masking + '|' + e.target;
      if (cy.getElementById(id).empty()) {
        cy.add({ group: 'edges', data: { id: id, source: e.source, target: e.target, subtype: e.relation === 'HAS_COLUMN' ? '' : e.subtype,
          relation: e.relation, type: e.type, masking: e.masking, first_seen: e.first_seen, last_seen: e.last_seen,
          current: e.current, retired_at: e.retired_at },
          classes: [e.type || '', e.relation, e.masking ? 'masking' : '', e.current === false ? 'retired' : ''].join(' ') });
      }
    });
  }

  async function load(id, kind, reset) {
    const base = api + (kind === 'TABLE' ? '/tables/' : '/columns/') + encodeURIComponent(id);
    const q = '?limit=300' + ($('indirect').checked ? '' : '&direct=true') + timeQuery();
    status('loading ' + id + ' ...');
    if (reset) { shown = { id: id, kind: kind }; }
    await piiReady;
    try {
      const [down, up] = await Promise.all([getJson(base + '/downstream' + q), getJson(base + '/upstream' + q)]);
      if (reset) { cy.elements().remove(); }
      addLineage(down);
      addLineage(up);
      cy.nodes().removeClass('start');
      cy.getElementById(id).addClass('start');
      cy.layout({ name: 'breadthfirst', directed: true, spacingFactor: 1.1, animate: false }).run();
      status(down.summary.columns + ' columns downstream in ' + down.summary.tables + ' tables, ' + up.summary.columns + ' upstream'
        + (down.truncated || up.truncated ? ' (truncated)' : ''));
    } catch (e) {
      status('error: ' + e.message);
    }
  }

  // which lineage: current (default), as of a day, or every edge ever seen
  function timeQuery() {
    if ($('history').checked) { return '&history=true'; }
    return $('as-of').value ? '&as_of=' + encodeURIComponent($('as-of').value) : '';
  }

  let shown = null;   // the column or table drawn, redrawn when the time controls change
  $('history').addEventListener('change', () => {
    if ($('history').checked) { $('as-of').value = ''; }
    if (shown) { load(shown.id, shown.kind, true); }
  });
  $('as-of').addEventListener('change', () => {
    if ($('as-of').value) { $('history').checked = false; }
    if (shown) { load(shown.id, shown.kind, true); }
  });

  function lifetimeText(d) {
    if (!d.first_seen) { return null; }
    const seen = d.first_seen.slice(0, 10) + ' → ' + (d.last_seen || '').slice(0, 10);
    return seen + (d.current === false ? ' · retired ' + (d.retired_at || '').slice(0, 10) : ' · current');
  }

  function row(label, value) {
    const tr = document.createElement('tr');
    const a = document.createElement('td'); a.textContent = label;
    const b = document.createElement('td');
    if (value instanceof Node) { b.appendChild(value); } else { b.textContent = value == null ? '—' : String(value); }
    tr.append(a, b);
    return tr;
  }

  function queryList(queries) {
    const div = document.createElement('div');
    if (!queries || queries.length === 0) { div.textContent = '—'; return div; }
    queries.forEach((q) => {
      const p = document.createElement('div');
      p.textContent = q.statement_type + ' · last ' + (q.last_seen || '?').slice(0, 16) + ' · ' + (q.run_count || 0) + ' runs · '
        + (q.users || []).join(', ');
      div.appendChild(p);
    });
    return div;
  }

  async function showColumn(id) {
    const panel = $('details');
    panel.innerHTML = '';
    const h = document.createElement('h2'); h.textContent = id; panel.appendChild(h);
    try {
      const c = await getJson(api + '/columns/' + encodeURIComponent(id));
      const table = document.createElement('table');
      const tags = document.createElement('span');
      (c.tags || []).forEach((t) => { const s = document.createElement('span'); s.className = 'tag'; s.textContent = t; tags.appendChild(s); });
      table.append(row('Type', c.type), row('Table', c.table), row('Policy tag', c.policy_tag), row('Tags', tags),
        row('PII', pii.columns.has(id) ? 'yes' : pii.exposed.has(id) ? 'exposed (holds PII from upstream)' : pii.masked.has(id) ? 'masked' : 'no'),
        row('Written by', queryList(c.written_by)), row('Read by', queryList(c.read_by)));
      panel.appendChild(table);
    } catch (e) {
      const p = document.createElement('p'); p.textContent = 'a table: ' + e.message; panel.appendChild(p);
    }
  }

  async function showEdge(edge) {
    const panel = $('details');
    panel.innerHTML = '';
    const h = document.createElement('h2');
    h.textContent = edge.data('source') + ' → ' + edge.data('target');
    panel.appendChild(h);
    if (edge.data('relation') === 'HAS_COLUMN') { return; }
    const life = lifetimeText(edge.data());
    if (life) { const p = document.createElement('p'); p.className = 'lifetime'; p.textContent = 'Lifetime: ' + life; panel.appendChild(p); }
    try {
      const body = await getJson(api + '/edges?source=' + encodeURIComponent(edge.data('source')) + '&target=' + encodeURIComponent(edge.data('target')));
      body.edges.forEach((e) => {
        const table = document.createElement('table');
        table.append(row('Edge', e.relation + ' ' + e.type + '/' + e.subtype + (e.masking ? ' (masking)' : '')),
          row('Seen', (e.first_seen || '').slice(0, 10) + ' → ' + (e.last_seen || '').slice(0, 10)), row('Queries', e.query_count));
        panel.appendChild(table);
        (e.queries || []).forEach((q) => {
          const title = document.createElement('div'); title.textContent = q.statement_type + ' ' + q.fingerprint.slice(0, 12);
          const pre = document.createElement('pre'); pre.className = 'sql'; pre.textContent = q.sample_sql;
          panel.append(title, pre);
        });
      });
    } catch (e) {
      const p = document.createElement('p'); p.textContent = e.message; panel.appendChild(p);
    }
  }

  async function search(q) {
    if (q.trim().length < 2) { return; }
    try {
      const body = await getJson(api + '/search?limit=30&q=' + encodeURIComponent(q.trim()));
      const ul = $('results');
      ul.innerHTML = '';
      body.tables.map((t) => [t, 'TABLE']).concat(body.columns.map((c) => [c, 'COLUMN'])).forEach(([id, kind]) => {
        const li = document.createElement('li');
        li.className = 'result';
        li.dataset.id = id;
        li.dataset.kind = kind;
        const k = document.createElement('span'); k.className = 'kind'; k.textContent = kind.toLowerCase();
        li.append(k, document.createTextNode(id));
        li.addEventListener('click', () => { load(id, kind, true); if (kind === 'COLUMN') { showColumn(id); } });
        ul.appendChild(li);
      });
      status(body.columns.length + ' columns, ' + body.tables.length + ' tables');
    } catch (e) {
      status('error: ' + e.message);
    }
  }

  cy.on('tap', 'node', (evt) => {
    const n = evt.target;
    showColumn(n.id());
    load(n.id(), n.data('kind'), false);
  });
  cy.on('tap', 'edge', (evt) => showEdge(evt.target));

  let timer = null;
  $('search').addEventListener('input', (e) => { clearTimeout(timer); timer = setTimeout(() => search(e.target.value), 200); });
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); search($('search').value); });


}());
