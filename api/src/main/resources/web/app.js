// The lineage explorer: search as you type, pick a column or a table, and its lineage is drawn with tables as
// boxes holding the columns on the path; the impact list beside it says what is affected, grouped by dataset.
// Every control is in the URL, so a link reopens the same view. Past a node budget the nearest levels are drawn
// and the rest summarised per dataset, expandable on demand.
(function () {
  'use strict';
  const scriptAt = performance.now();   // the page's own load ends here (for the page benchmark)
  const api = '/api/v1';
  const $ = (id) => document.getElementById(id);
  // past this many nodes the nearest levels are drawn and the rest summarised (the URL's budget=N sets another)
  const DEFAULT_BUDGET = 300;

  // Cytoscape (434 KB) loads and compiles while the page already asks for the lineage: a cold browser spends
  // ~0.4 s on it, as long as the answers take; the graph is made once both are there
  let cy = null;
  const library = new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = document.querySelector('link[rel=preload][as=script]').href;
    script.onload = resolve;
    script.onerror = () => reject(new Error('the graph library did not load'));
    document.head.appendChild(script);
  });
  let made = null;
  /** The graph, made on first use once the library is loaded. */
  function graph() {
    if (!made) { made = library.then(() => { cy = makeGraph(); window.cy = cy; return cy; }); }
    return made;
  }

  const STYLE = [
      // labels too small to read at the zoom are not drawn (a fitted graph of hundreds of columns): zoom in to read
      { selector: 'node', style: { 'label': 'data(label)', 'font-size': 10, 'min-zoomed-font-size': 6, 'text-valign': 'center', 'text-halign': 'right',
          'text-margin-x': 4, 'background-color': '#6b8ccf', 'width': 12, 'height': 12 } },
      { selector: 'node.table', style: { 'shape': 'round-rectangle', 'background-color': '#eef2f8', 'background-opacity': 1,
          'border-width': 1, 'border-color': '#9aa3b5', 'text-valign': 'top', 'text-halign': 'center', 'text-margin-x': 0,
          'font-size': 11, 'font-weight': 'bold', 'padding': 8, 'text-events': 'yes' } },
      { selector: 'node.table.empty', style: { 'width': 200, 'height': 28, 'text-wrap': 'wrap', 'text-max-width': 190 } },
      { selector: 'node.table.collapsed', style: { 'background-color': '#dde2ea', 'text-valign': 'center' } },
      { selector: 'node.summary', style: { 'shape': 'round-rectangle', 'background-color': '#fff7e6', 'border-width': 1,
          'border-style': 'dashed', 'border-color': '#c79a3b', 'width': 180, 'height': 28, 'text-valign': 'center',
          'text-halign': 'center', 'text-margin-x': 0, 'font-size': 10, 'text-wrap': 'wrap', 'text-max-width': 170 } },
      { selector: 'node.start', style: { 'border-width': 3, 'border-color': '#1d2330' } },
      { selector: 'node.exposed', style: { 'background-color': '#f29c38' } },
      { selector: 'node.masked', style: { 'background-color': '#2e9e5b' } },
      { selector: 'node.pii', style: { 'background-color': '#d63b3b' } },
      { selector: 'node.off-path', style: { 'background-color': '#c4cad6', 'color': '#8a93a6' } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#3b82f6' } },
      // straight edges: a bezier per edge costs far more to lay out and hit-test on a large graph
      { selector: 'edge', style: { 'width': 1.5, 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8,
          'line-color': '#4a5266', 'target-arrow-color': '#4a5266', 'font-size': 8, 'min-zoomed-font-size': 6, 'label': 'data(subtype)',
          'text-rotation': 'autorotate', 'color': '#6b7385' } },
      { selector: 'edge.quiet', style: { 'label': '' } },
      { selector: 'edge.INDIRECT', style: { 'line-style': 'dashed', 'line-color': '#9aa3b5', 'target-arrow-color': '#9aa3b5' } },
      { selector: 'edge.masking', style: { 'line-style': 'dotted', 'line-color': '#2e9e5b', 'target-arrow-color': '#2e9e5b' } },
      { selector: 'edge.HAS_COLUMN', style: { 'display': 'none' } },
      { selector: 'edge.meta', style: { 'line-color': '#c79a3b', 'target-arrow-color': '#c79a3b', 'line-style': 'dashed', 'label': '' } },
      { selector: 'edge.retired', style: { 'opacity': 0.35, 'line-color': '#c4cad6', 'target-arrow-color': '#c4cad6' } },
      { selector: 'edge:selected', style: { 'width': 4, 'line-color': '#3b82f6', 'target-arrow-color': '#3b82f6' } }
  ];

  function makeGraph() {
    const g = cytoscape({ container: $('graph'), wheelSensitivity: 0.3, minZoom: 0.05, style: STYLE });
    // Cytoscape calls two taps within 250 ms a double tap wherever they land: one only counts on the same node
    let tapped = [null, null];   // the targets of the two latest taps
    g.on('tap', (evt) => { tapped = [tapped[1], evt.target === g ? null : evt.target.id()]; });
    g.on('tap', 'node', (evt) => {
      const n = evt.target;
      const kind = n.data('kind');
      if (kind === 'SUMMARY') { openSummary(n.data('dataset')); return; }
      if (kind === 'TABLE') { toggleTable(n.id()); return; }
      showColumn(n.id());
    });
    g.on('dbltap', 'node', (evt) => {
      const n = evt.target;
      if (tapped[0] !== n.id()) { return; }
      if (n.data('kind') === 'COLUMN' || n.data('kind') === 'TABLE') { view.node = n.id(); view.kind = n.data('kind'); load(); }
    });
    g.on('tap', 'edge', (evt) => showEdge(evt.target));
    return g;
  }

  // ---- the view: what is shown, as the URL says it ------------------------------------------------------------
  const view = { node: null, kind: 'COLUMN', dir: 'both', depth: '', direct: false, subtypes: [], masking: '', level: 'columns',
    as_of: '', history: false, budget: DEFAULT_BUDGET };
  let answers = [];          // the lineage answers drawn (downstream and/or upstream)
  const exposure = { exposed: new Set(), masked: new Set() };
  const collapsed = new Set();   // tables drawn as a box with a count
  const expanded = new Set();    // tables showing every column they have

  function readUrl() {
    const p = new URLSearchParams(location.search);
    view.node = p.get('node') || p.get('column') || p.get('table');
    view.kind = p.get('table') && !p.get('node') ? 'TABLE' : (p.get('kind') || (view.node && view.node.split('.').length === 3 ? 'TABLE' : 'COLUMN'));
    view.dir = ['downstream', 'upstream', 'both'].includes(p.get('dir')) ? p.get('dir') : 'both';
    view.depth = /^[0-9]+$/.test(p.get('depth') || '') ? p.get('depth') : '';
    view.direct = p.get('direct') === 'true';
    view.subtypes = (p.get('subtypes') || '').split(',').filter((s) => s);
    view.masking = ['true', 'false'].includes(p.get('masking')) ? p.get('masking') : '';
    view.level = p.get('level') === 'tables' ? 'tables' : 'columns';
    view.as_of = /^\d{4}-\d{2}-\d{2}$/.test(p.get('as_of') || '') ? p.get('as_of') : '';
    view.history = p.get('history') === 'true' && !view.as_of;
    const budget = parseInt(p.get('budget') || '', 10);
    view.budget = budget >= 5 && budget <= 5000 ? budget : DEFAULT_BUDGET;
  }

  function writeUrl() {
    const p = new URLSearchParams();
    if (view.node) { p.set('node', view.node); p.set('kind', view.kind); }
    if (view.dir !== 'both') { p.set('dir', view.dir); }
    if (view.depth) { p.set('depth', view.depth); }
    if (view.direct) { p.set('direct', 'true'); }
    if (view.subtypes.length) { p.set('subtypes', view.subtypes.join(',')); }
    if (view.masking) { p.set('masking', view.masking); }
    if (view.level === 'tables') { p.set('level', 'tables'); }
    if (view.as_of) { p.set('as_of', view.as_of); }
    if (view.history) { p.set('history', 'true'); }
    if (view.budget !== DEFAULT_BUDGET) { p.set('budget', String(view.budget)); }
    const q = p.toString();
    history.replaceState(null, '', location.pathname + (q ? '?' + q : ''));
  }

  function showControls() {
    $('dir').value = view.dir;
    $('depth').value = view.depth;
    $('direct').checked = view.direct;
    $('masking').value = view.masking;
    $('level').value = view.level;
    $('as-of').value = view.as_of;
    $('history').checked = view.history;
    document.querySelectorAll('#subtypes input').forEach((i) => { i.checked = view.subtypes.includes(i.value); });
  }

  function readControls() {
    view.dir = $('dir').value;
    view.depth = $('depth').value;
    view.direct = $('direct').checked;
    view.masking = $('masking').value;
    view.level = $('level').value;
    view.as_of = $('as-of').value;
    view.history = $('history').checked;
    view.subtypes = Array.from(document.querySelectorAll('#subtypes input:checked')).map((i) => i.value);
  }

  function timeQuery() {
    if (view.history) { return '&history=true'; }
    return view.as_of ? '&as_of=' + encodeURIComponent(view.as_of) : '';
  }

  function lineageQuery() {
    let q = '?limit=10000&paths=false' + timeQuery();
    if (view.depth) { q += '&depth=' + view.depth; }
    if (view.direct) { q += '&direct=true'; }
    if (view.subtypes.length) { q += '&subtypes=' + view.subtypes.join(','); }
    if (view.masking) { q += '&masking=' + view.masking; }
    return q;
  }

  function status(text) { $('status').textContent = text; }

  async function getJson(path) {
    const r = await fetch(path);
    const body = await r.json();
    if (!r.ok) { throw new Error(body.detail || body.title || r.status); }
    return body;
  }

  const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);   // code-point order: fast, and the same everywhere
  // The table of each node the answers named: a name outside BigQuery (taken in from OpenLineage,
  // postgres://db:5432/shop.public.customers.email) cannot be split at its dots. A BigQuery name never seen
  // splits as project.dataset.table[.column]; a foreign one takes the longest known table it starts with.
  const tableById = new Map();
  const foreignTables = new Set();
  function learnTables() {
    answers.forEach((a) => a.nodes.forEach((n) => {
      const table = n.kind === 'TABLE' ? n.id : n.table;
      tableById.set(n.id, table);
      if (table.includes('://')) { foreignTables.add(table); }
    }));
  }
  const tableOf = (id) => {
    if (tableById.has(id)) { return tableById.get(id); }
    if (id.includes('://')) {
      const known = Array.from(foreignTables).filter((t) => id === t || id.startsWith(t + '.')).sort((x, y) => y.length - x.length)[0];
      if (known) { return known; }
    }
    return id.split('.').slice(0, 3).join('.');
  };
  const datasetOf = (id) => {
    const table = tableOf(id);
    const slash = table.indexOf('://') >= 0 ? table.indexOf('/', table.indexOf('://') + 3) : -1;
    return slash >= 0 ? table.slice(0, slash) : table.slice(0, table.indexOf('.', table.indexOf('.') + 1));
  };
  const isTable = (id) => tableOf(id) === id;
  /** A box's label: dataset.table, or a foreign table's whole name (its system matters). */
  const tableLabel = (table) => (table.includes('://') ? table : table.split('.').slice(1).join('.'));
  /** The impact list's table: its name, or a foreign table's name within its namespace. */
  const tableName = (table) => (table.includes('://') ? table.slice(table.indexOf('/', table.indexOf('://') + 3) + 1) : table.split('.')[2]);
  const columnName = (id) => (isTable(id) ? '' : id.slice(tableOf(id).length + 1));

  // ---- loading and drawing ---------------------------------------------------------------------------------------
  async function load() {
    if (!view.node) { return; }
    writeUrl();
    const t0 = performance.now();
    const kind = view.level === 'tables' ? 'TABLE' : view.kind;
    const id = kind === 'TABLE' ? tableOf(view.node) : view.node;
    const base = api + (kind === 'TABLE' ? '/tables/' : '/columns/') + encodeURIComponent(id);
    const ways = view.dir === 'both' ? ['downstream', 'upstream'] : [view.dir];
    status('loading ' + id + ' ...');
    try {
      const asked = ways.map((w) => getJson(base + '/' + w + lineageQuery()));
      // PII colours from the answers themselves, and the start column's own flow when it holds PII
      const flows = kind === 'COLUMN' ? getJson(api + '/pii/flows?column=' + encodeURIComponent(id) + timeQuery()).catch(() => null)
        : Promise.resolve(null);
      answers = await Promise.all(asked);
      learnTables();
      await graph();
      const tAnswers = performance.now();
      exposure.exposed.clear(); exposure.masked.clear();
      const f = await flows;
      if (f) {
        f.columns.forEach((c) => {
          c.exposed.forEach((x) => exposure.exposed.add(x.column));
          c.masked.forEach((x) => exposure.masked.add(x.column));
        });
      }
      collapsed.clear(); expanded.clear(); asideOf.clear();
      startPii = !!f && f.columns.some((c) => c.column === id);
      draw(id, kind);
      const tDrawn = performance.now();
      impactList();
      window.colineageTimings = { script_at_ms: scriptAt, answers_ms: tAnswers - t0, draw_ms: tDrawn - tAnswers, list_ms: performance.now() - tDrawn };
      const down = answers.find((a) => a.direction === 'downstream');
      const up = answers.find((a) => a.direction === 'upstream');
      status([down ? down.summary.columns + ' columns in ' + down.summary.tables + ' tables downstream' : null,
        up ? up.summary.columns + ' columns in ' + up.summary.tables + ' tables upstream' : null].filter((x) => x).join(', ')
        + (answers.some((a) => a.truncated) ? ' (truncated)' : '') + ' · drawn in ' + Math.round(performance.now() - t0) + ' ms');
      // drawn: after the next frame has painted the graph
      requestAnimationFrame(() => requestAnimationFrame(() => {
        window.colineageDrawn = { at: performance.now(), nodes: cy.nodes().length, edges: cy.edges().length };
      }));
    } catch (e) {
      status('error: ' + e.message);
    }
  }

  /** Every node of the answers with its signed depth (upstream negative), the start at 0. */
  function reached() {
    const nodes = new Map();
    answers.forEach((a) => {
      const sign = a.direction === 'upstream' ? -1 : 1;
      a.nodes.forEach((n) => {
        const known = nodes.get(n.id);
        if (!known || Math.abs(known.depth) > n.depth) { nodes.set(n.id, { id: n.id, kind: n.kind, depth: sign * n.depth, pii: n.pii }); }
      });
    });
    return nodes;
  }

  let startPii = false;
  // past this many edges drawn, edges carry no subtype label (their details say it): labels are what costs most
  const LABELLED_EDGES = 150;
  let quiet = false;

  function draw(start, kind) {
    const nodes = reached();
    nodes.set(start, { id: start, kind: kind, depth: 0, pii: startPii });
    // whole levels, nearest first, while they fit the budget (a first level larger than it is cut); the rest is
    // summarised per dataset
    const order = Array.from(nodes.values()).sort((a, b) => Math.abs(a.depth) - Math.abs(b.depth) || cmp(a.id, b.id));
    const shown = new Set();
    let i = 0;
    while (i < order.length) {
      let j = i;
      while (j < order.length && Math.abs(order[j].depth) === Math.abs(order[i].depth)) { j++; }
      if (shown.size + (j - i) <= view.budget) {
        order.slice(i, j).forEach((n) => shown.add(n.id));
      } else {
        if (shown.size <= 1) { order.slice(i, i + view.budget - shown.size).forEach((n) => shown.add(n.id)); }
        break;
      }
      i = j;
    }
    const rest = order.filter((n) => !shown.has(n.id));
    quiet = answers.reduce((n, a) => n + a.edges.length, 0) > LABELLED_EDGES;
    // everything is built as plain objects first and added in one call: adding element by element costs a
    // collection and events each, which on a few hundred nodes is most of the drawing
    const boxes = new Map();   // table -> its element, with the count of columns drawn in it
    const box = (table) => {
      if (!boxes.has(table)) { boxes.set(table, { json: tableJson(table), drawn: 0 }); }
      return boxes.get(table);
    };
    const columns = [];
    shown.forEach((id) => {
      const n = nodes.get(id);
      if (n.kind === 'TABLE') { box(n.id).json.data.depth = n.depth; return; }
      box(tableOf(n.id)).drawn++;
      columns.push(columnJson(n));
    });
    const sizes = tableSizes();
    boxes.forEach((b, table) => {
      if (b.drawn > 0) { b.json.classes = 'table'; }
      const all = sizes.get(table) || 0;
      b.json.data.columns = all;
      b.json.data.label = boxLabel(table, all - b.drawn);
      if (table === start) { b.json.classes += ' start'; }
    });
    columns.forEach((c) => { if (c.data.id === start) { c.classes += ' start'; } });
    const edges = new Map();
    answers.forEach((a) => a.edges.forEach((e) => {
      if (e.relation === 'HAS_COLUMN') { return; }
      if (shown.has(e.source) && shown.has(e.target)) {
        const json = edgeJson(e);
        edges.set(json.data.id, json);
      } else if (shown.has(e.source) || shown.has(e.target)) { summaryEdge(e, shown, nodes); }
    }));
    const summaryNodes = summarise(rest);
    const summaryIds = new Set(summaryNodes.map((n) => n.data.id));
    const drawn = (id) => shown.has(id) || summaryIds.has(id);
    pending.forEach((e, id) => { if (drawn(e.data.source) && drawn(e.data.target)) { edges.set(id, e); } });
    pending = new Map();
    cy.startBatch();
    cy.elements().remove();
    cy.add(Array.from(boxes.values(), (b) => b.json).concat(columns, summaryNodes, Array.from(edges.values())));
    cy.endBatch();
    layout();
  }

  /** Each box says how many of its table's columns are not drawn. */
  function labelTables() {
    const sizes = tableSizes();
    cy.nodes('.table').forEach((box) => {
      if (box.hasClass('collapsed')) { return; }
      const all = box.data('all') || sizes.get(box.id()) || 0;
      box.data('columns', all);
      box.data('label', boxLabel(box.id(), all - box.children().length));
    });
  }

  /** The number of columns of each table the answers reached. */
  function tableSizes() {
    const sizes = new Map();
    answers.forEach((a) => (a.tables || []).forEach((t) => sizes.set(t.table, t.columns)));
    return sizes;
  }

  function boxLabel(table, more) {
    const name = tableLabel(table);
    return more > 0 ? name + '  (+' + more + ' more columns)' : name;
  }

  function tableJson(table) {
    return { group: 'nodes', data: { id: table, label: tableLabel(table), kind: 'TABLE' }, classes: 'table empty' };
  }

  function tableNode(table) {
    if (cy.getElementById(table).empty()) { cy.add(tableJson(table)); }
    return cy.getElementById(table);
  }

  function addNode(n) {
    if (n.kind === 'TABLE') { tableNode(n.id).data('depth', n.depth); return; }
    const table = tableNode(tableOf(n.id));
    table.removeClass('empty');
    if (cy.getElementById(n.id).nonempty()) { return; }
    cy.add(columnJson(n));
  }

  function columnJson(n) {
    const classes = ['column'];
    if (n.pii) { classes.push('pii'); } else if (exposure.exposed.has(n.id)) { classes.push('exposed'); } else if (exposure.masked.has(n.id)) { classes.push('masked'); }
    if (n.offPath) { classes.push('off-path'); }
    return { group: 'nodes', data: { id: n.id, parent: tableOf(n.id), label: columnName(n.id), kind: 'COLUMN', depth: n.depth },
      classes: classes.join(' ') };
  }

  /**
   * The edges between what is drawn: an answer's edge between two drawn nodes as itself; one touching a column
   * of a collapsed table ends at the table's box instead (one edge per pair of ends).
   */
  function connect() {
    cy.remove(cy.edges('.collapsed-edge'));
    const end = (id) => {
      if (cy.getElementById(id).nonempty()) { return id; }
      const box = isTable(id) ? null : tableOf(id);
      return box && collapsed.has(box) ? box : null;
    };
    answers.forEach((a) => a.edges.forEach((e) => {
      if (e.relation === 'HAS_COLUMN') { return; }
      const s = end(e.source);
      const t = end(e.target);
      if (!s || !t || s === t) { return; }
      if (s === e.source && t === e.target) { addEdge(e); return; }
      const id = 'collapsed|' + s + '|' + t;
      if (cy.getElementById(id).empty()) { cy.add({ group: 'edges', data: { id: id, source: s, target: t }, classes: 'meta collapsed-edge' }); }
    }));
  }

  function addEdge(e) {
    const json = edgeJson(e);
    if (cy.getElementById(json.data.id).empty()) { cy.add(json); }
  }

  function edgeJson(e) {
    return { group: 'edges', data: { id: e.source + '|' + e.relation + '|' + e.type + '|' + e.subtype + '|' + e.masking + '|' + e.target,
      source: e.source, target: e.target, subtype: e.relation === 'FEEDS_TABLE' ? '' : e.subtype,
      relation: e.relation, type: e.type, masking: e.masking, first_seen: e.first_seen, last_seen: e.last_seen, current: e.current,
      retired_at: e.retired_at },
    classes: [e.type || '', e.relation, e.masking ? 'masking' : '', e.current === false ? 'retired' : '', quiet ? 'quiet' : ''].join(' ') };
  }

  /** An edge between a drawn node and the summarised rest goes to the dataset's summary box. */
  function summaryEdge(e, shown, nodes) {
    const hidden = shown.has(e.source) ? e.target : e.source;
    const box = 'summary:' + datasetOf(hidden);
    const from = shown.has(e.source) ? e.source : box;
    const to = shown.has(e.source) ? box : e.target;
    const id = 'meta|' + from + '|' + to;
    if (!pending.has(id)) { pending.set(id, { group: 'edges', data: { id: id, source: from, target: to }, classes: 'meta' }); }
  }
  let pending = new Map();

  function summarise(rest) {
    const byDataset = new Map();
    rest.forEach((n) => {
      const d = datasetOf(n.id);
      if (!byDataset.has(d)) { byDataset.set(d, { tables: new Set(), columns: 0, depth: n.depth, nodes: [] }); }
      const s = byDataset.get(d);
      s.tables.add(tableOf(n.id));
      if (n.kind === 'COLUMN') { s.columns++; }
      s.nodes.push(n);
    });
    summaries = byDataset;
    return Array.from(byDataset, ([d, s]) => ({ group: 'nodes', data: { id: 'summary:' + d, dataset: d, kind: 'SUMMARY', depth: s.depth,
      label: d + ': ' + s.tables.size + ' more tables, ' + s.columns + ' columns (click to draw)' }, classes: 'summary' }));
  }
  let summaries = new Map();

  /** Draws one summarised dataset as its tables, each a box with a count; a click on a box draws its columns. */
  function openSummary(dataset) {
    const s = summaries.get(dataset);
    if (!s) { return; }
    cy.startBatch();
    cy.getElementById('summary:' + dataset).remove();
    const byTable = new Map();
    s.nodes.forEach((n) => {
      const t = n.kind === 'TABLE' ? n.id : tableOf(n.id);
      if (!byTable.has(t)) { byTable.set(t, []); }
      byTable.get(t).push(n);
    });
    byTable.forEach((nodes, table) => {
      const box = tableNode(table);
      box.data('depth', nodes.reduce((m, n) => Math.min(m, n.depth), Infinity));
      const columns = nodes.filter((n) => n.kind === 'COLUMN');
      if (columns.length === 0) { return; }   // reached as a whole table only
      box.addClass('collapsed empty');
      box.data('label', tableLabel(table) + ' (' + columns.length + (columns.length === 1 ? ' column' : ' columns')
        + ': click to draw)');
      asideOf.set(table, columns.map(columnJson));
      collapsed.add(table);
    });
    connect();
    cy.endBatch();
    summaries.delete(dataset);
    layout();
  }

  // A layered layout computed here (no force simulation): one column of tables per depth (wrapped when tall),
  // upstream to the left, the columns of a table stacked inside it. Linear in the nodes drawn, so it stays well under a second.
  const WRAP = 1500;   // px of one level's column before it wraps
  function layout() {
    const t0 = performance.now();
    const levels = new Map();
    cy.nodes().forEach((n) => {
      if (n.isChild()) { return; }
      let depth = n.data('depth');
      if (n.data('kind') === 'TABLE') {
        const kids = n.children();
        depth = kids.nonempty() ? kids.reduce((m, k) => Math.min(m, k.data('depth')), Infinity) : (depth || 0);
        if (kids.empty() && n.hasClass('start')) { depth = 0; }
      }
      if (depth === undefined) { depth = 0; }
      if (!levels.has(depth)) { levels.set(depth, []); }
      levels.get(depth).push(n);
    });
    // a level taller than WRAP wraps into more columns beside it, so a wide level draws as a block, not a thin line
    const positions = {};
    let x = 0;
    Array.from(levels.keys()).sort((a, b) => a - b).forEach((depth) => {
      let y = 0;
      levels.get(depth).sort((a, b) => cmp(a.id(), b.id())).forEach((n) => {
        const kids = n.children().sort((a, b) => cmp(a.id(), b.id()));
        const height = kids.nonempty() ? 48 + kids.length * 22 : 48;
        if (y > 0 && y + height > WRAP) { x += 240; y = 0; }
        if (kids.nonempty()) {
          kids.forEach((k, i) => { positions[k.id()] = { x: x, y: y + 24 + i * 22 }; });
        } else {
          positions[n.id()] = { x: x, y: y + 14 };
        }
        y += height;
      });
      x += 240;
    });
    // positions set in one batch (no layout run: its events and per-node bookkeeping cost more than the placing)
    cy.batch(() => {
      cy.nodes().forEach((n) => { const p = positions[n.id()]; if (p && !n.isParent()) { n.position(p); } });
    });
    cy.fit(undefined, 30);
    window.colineageLayoutMs = performance.now() - t0;
  }

  // ---- tables: expand to every column, collapse to a box with a count -------------------------------------------
  async function toggleTable(table) {
    const box = cy.getElementById(table);
    if (box.hasClass('collapsed')) { expandBox(box); return; }
    if (!expanded.has(table)) {
      try {
        const t = await getJson(api + '/tables/' + encodeURIComponent(table));
        expanded.add(table);
        cy.startBatch();
        t.columns.forEach((c) => {
          if (cy.getElementById(c.id).empty()) {
            addNode({ id: c.id, kind: 'COLUMN', depth: box.children().nonempty() ? box.children()[0].data('depth') : box.data('depth') || 0,
              pii: c.pii, offPath: true });
          }
        });
        cy.endBatch();
        box.data('all', t.columns.length);
        labelTables();
        layout();
        status(table + ': all ' + t.columns.length + ' columns');
      } catch (e) { status('error: ' + e.message); }
      return;
    }
    collapseBox(box);
  }

  // a collapsed table keeps its columns and their edges aside; edges that touched them end at the box meanwhile
  const asideOf = new Map();

  function collapseBox(box) {
    const kids = box.children();
    const count = Math.max(kids.length, box.data('columns') || 0);
    box.data('depth', kids.reduce((m, k) => Math.min(m, k.data('depth')), Infinity));
    asideOf.set(box.id(), kids.jsons());
    cy.remove(kids);
    box.addClass('collapsed empty');
    box.data('label', tableLabel(box.id()) + ' (' + count + (count === 1 ? ' column)' : ' columns)'));
    collapsed.add(box.id());
    connect();
    layout();
  }

  function expandBox(box) {
    cy.add(asideOf.get(box.id()) || []);
    asideOf.delete(box.id());
    box.removeClass('collapsed empty');
    collapsed.delete(box.id());
    connect();
    labelTables();
    layout();
  }

  // ---- the impact list ----------------------------------------------------------------------------------------------
  let rows = [];
  let sortKey = 'depth';
  let sortUp = true;
  // rows drawn in the list at first (all of them are in the CSV); "show all" draws the rest
  const LIST_ROWS = 500;
  let listAll = false;

  function impactList() {
    const queries = new Map();
    answers.forEach((a) => a.summary.queries.forEach((q) => queries.set(q.fingerprint, q)));
    rows = [];
    listAll = false;
    answers.forEach((a) => a.nodes.forEach((n) => {
      const qs = n.queries.map((fp) => queries.get(fp)).filter((q) => q);
      rows.push({ direction: a.direction, dataset: datasetOf(n.id), table: n.table, column: n.kind === 'COLUMN' ? columnName(n.id) : '',
        id: n.id, depth: n.depth, pii: n.pii ? 'PII' : exposure.exposed.has(n.id) ? 'exposed' : exposure.masked.has(n.id) ? 'masked' : '',
        queries: qs.map((q) => q.statement_type + ' ' + q.fingerprint.slice(0, 8)).join('; '),
        users: Array.from(new Set(qs.flatMap((q) => q.users))).sort().join(', '),
        last_run: qs.map((q) => q.last_seen || '').sort().reverse()[0] || '' });
    }));
    renderList();
  }

  function sorted() {
    const k = sortKey;
    return rows.slice().sort((a, b) => {
      const x = a[k]; const y = b[k];
      const c = typeof x === 'number' ? x - y : cmp(String(x), String(y));
      return (sortUp ? c : -c) || cmp(a.dataset, b.dataset) || cmp(a.id, b.id);
    });
  }

  function renderList() {
    const list = $('impact');
    list.innerHTML = '';
    const head = document.createElement('div');
    head.className = 'impact-head';
    head.textContent = rows.length + ' affected columns and tables';
    const csv = document.createElement('button');
    csv.id = 'csv'; csv.type = 'button'; csv.textContent = 'CSV';
    csv.addEventListener('click', downloadCsv);
    head.appendChild(csv);
    list.appendChild(head);
    const table = document.createElement('table');
    table.id = 'impact-table';
    const tr = document.createElement('tr');
    [['dataset', 'dataset'], ['table', 'table'], ['column', 'column'], ['depth', 'depth'], ['direction', 'way'], ['pii', 'PII'],
      ['last_run', 'last run'], ['users', 'users'], ['queries', 'queries']].forEach(([key, label]) => {
      const th = document.createElement('th');
      th.textContent = label + (sortKey === key ? (sortUp ? ' ▲' : ' ▼') : '');
      th.dataset.key = key;
      th.addEventListener('click', () => { sortUp = sortKey === key ? !sortUp : true; sortKey = key; renderList(); });
      tr.appendChild(th);
    });
    table.appendChild(tr);
    let dataset = null;
    const all = sorted();
    all.slice(0, listAll ? all.length : LIST_ROWS).forEach((r) => {
      if (r.dataset !== dataset && sortKey === 'dataset') {
        const g = document.createElement('tr'); g.className = 'group';
        const td = document.createElement('td'); td.colSpan = 9; td.textContent = r.dataset; g.appendChild(td); table.appendChild(g);
      }
      dataset = r.dataset;
      const row = document.createElement('tr');
      row.dataset.id = r.id;
      [r.dataset, tableName(r.table), r.column, r.depth, r.direction, r.pii, (r.last_run || '').slice(0, 16), r.users, r.queries]
        .forEach((v) => { const td = document.createElement('td'); td.textContent = v; td.title = String(v); row.appendChild(td); });
      row.addEventListener('click', () => { const n = cy.getElementById(r.id); if (n.nonempty()) { cy.elements().unselect(); n.select(); cy.center(n); } });
      table.appendChild(row);
    });
    list.appendChild(table);
    if (!listAll && all.length > LIST_ROWS) {
      const more = document.createElement('button');
      more.id = 'list-all'; more.type = 'button';
      more.textContent = 'show all ' + all.length + ' (the first ' + LIST_ROWS + ' are listed; the CSV has all)';
      more.addEventListener('click', () => { listAll = true; renderList(); });
      list.appendChild(more);
    }
  }

  function csvCell(v) {
    const s = String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csvText() {
    const keys = ['direction', 'dataset', 'table', 'column', 'depth', 'pii', 'last_run', 'users', 'queries'];
    return [keys.join(',')].concat(sorted().map((r) => keys.map((k) => csvCell(r[k])).join(','))).join('\n') + '\n';
  }
  window.colineageCsv = csvText;

  function downloadCsv() {
    const blob = new Blob([csvText()], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'impact-' + (view.node || 'lineage').replace(/[^A-Za-z0-9_.-]/g, '_') + '.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // ---- details: a node, an edge and the SQL behind it --------------------------------------------------------------
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

  function lifetimeText(d) {
    if (!d.first_seen) { return null; }
    const seen = d.first_seen.slice(0, 10) + ' → ' + (d.last_seen || '').slice(0, 10);
    return seen + (d.current === false ? ' · retired ' + (d.retired_at || '').slice(0, 10) : ' · current');
  }

  async function showColumn(id) {
    const panel = $('details');
    panel.innerHTML = '';
    const h = document.createElement('h2'); h.textContent = id; panel.appendChild(h);
    try {
      const c = await getJson(api + '/columns/' + encodeURIComponent(id));
      await graph();
      const table = document.createElement('table');
      const tags = document.createElement('span');
      (c.tags || []).forEach((t) => { const s = document.createElement('span'); s.className = 'tag'; s.textContent = t; tags.appendChild(s); });
      const n = cy.getElementById(id);
      table.append(row('Type', c.type), row('Table', c.table), row('Policy tag', c.policy_tag), row('Tags', tags),
        row('PII', n.hasClass('pii') ? 'yes' : exposure.exposed.has(id) ? 'exposed (holds PII from upstream)' : exposure.masked.has(id) ? 'masked' : 'no'),
        row('Written by', queryList(c.written_by)), row('Read by', queryList(c.read_by)));
      panel.appendChild(table);
    } catch (e) {
      const p = document.createElement('p'); p.textContent = e.message; panel.appendChild(p);
    }
  }

  /** The SQL with every occurrence of the edge's column names marked. */
  function highlighted(sql, names) {
    const pre = document.createElement('pre');
    pre.className = 'sql';
    const words = names.filter((w) => w).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (words.length === 0) { pre.textContent = sql; return pre; }
    const re = new RegExp('\\b(' + words.join('|') + ')\\b', 'gi');
    let last = 0;
    sql.replace(re, (m, _w, at) => {
      pre.appendChild(document.createTextNode(sql.slice(last, at)));
      const mark = document.createElement('mark'); mark.textContent = m; pre.appendChild(mark);
      last = at + m.length;
      return m;
    });
    pre.appendChild(document.createTextNode(sql.slice(last)));
    return pre;
  }

  async function showEdge(edge) {
    const panel = $('details');
    panel.innerHTML = '';
    const h = document.createElement('h2');
    h.textContent = edge.data('source') + ' → ' + edge.data('target');
    panel.appendChild(h);
    const relation = edge.data('relation');
    if (relation !== 'FEEDS' && relation !== 'INFLUENCES') { return; }
    const life = lifetimeText(edge.data());
    if (life) { const p = document.createElement('p'); p.className = 'lifetime'; p.textContent = 'Lifetime: ' + life; panel.appendChild(p); }
    const names = [edge.data('source'), edge.data('target')].filter((x) => !isTable(x)).map((x) => columnName(x).split('.').pop());
    try {
      const body = await getJson(api + '/edges?source=' + encodeURIComponent(edge.data('source')) + '&target=' + encodeURIComponent(edge.data('target')));
      body.edges.forEach((e) => {
        const table = document.createElement('table');
        table.append(row('Edge', e.relation + ' ' + e.type + '/' + e.subtype + (e.masking ? ' (masking)' : '')),
          row('Seen', (e.first_seen || '').slice(0, 10) + ' → ' + (e.last_seen || '').slice(0, 10)), row('Queries', e.query_count));
        panel.appendChild(table);
        (e.queries || []).forEach((q) => {
          const title = document.createElement('div'); title.textContent = q.statement_type + ' ' + q.fingerprint.slice(0, 12);
          panel.append(title, highlighted(q.sample_sql || '', names));
        });
      });
    } catch (e) {
      const p = document.createElement('p'); p.textContent = e.message; panel.appendChild(p);
    }
  }

  // ---- search as you type, with the keyboard -----------------------------------------------------------------------
  let searchTimer = null;
  let searchSeq = 0;
  let active = -1;

  async function search(q) {
    const list = $('suggestions');
    if (q.trim().length < 2) { list.innerHTML = ''; list.hidden = true; return; }
    const seq = ++searchSeq;
    try {
      const body = await getJson(api + '/search?limit=20&q=' + encodeURIComponent(q.trim()));
      if (seq !== searchSeq) { return; }   // an older answer than the text typed since
      list.innerHTML = '';
      active = -1;
      body.tables.map((t) => [t, 'TABLE']).concat(body.columns.map((c) => [c, 'COLUMN'])).forEach(([id, kind]) => {
        const li = document.createElement('li');
        li.className = 'result';
        li.dataset.id = id;
        li.dataset.kind = kind;
        li.setAttribute('role', 'option');
        const k = document.createElement('span'); k.className = 'kind'; k.textContent = kind.toLowerCase();
        li.append(k, document.createTextNode(id));
        li.addEventListener('mousedown', (ev) => { ev.preventDefault(); pick(id, kind); });
        list.appendChild(li);
      });
      list.hidden = list.children.length === 0;
    } catch (e) {
      status('search failed: ' + e.message);
    }
  }

  function pick(id, kind) {
    $('suggestions').hidden = true;
    $('search').value = id;
    view.node = id;
    view.kind = kind;
    load();
    if (kind === 'COLUMN') { showColumn(id); }
  }

  function move(step) {
    const items = $('suggestions').children;
    if (items.length === 0) { return; }
    if (active >= 0) { items[active].classList.remove('active'); }
    active = (active + step + items.length) % items.length;
    items[active].classList.add('active');
    items[active].scrollIntoView({ block: 'nearest' });
  }

  $('search').addEventListener('input', (e) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => search(e.target.value), 120);
  });
  $('search').addEventListener('keydown', (e) => {
    const items = $('suggestions').children;
    if (e.key === 'ArrowDown') { e.preventDefault(); $('suggestions').hidden = false; move(1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      const li = active >= 0 ? items[active] : items[0];
      if (li) { pick(li.dataset.id, li.dataset.kind); }
    } else if (e.key === 'Escape') { $('suggestions').hidden = true; }
  });
  $('search').addEventListener('blur', () => { setTimeout(() => { $('suggestions').hidden = true; }, 100); });
  $('search-form').addEventListener('submit', (e) => e.preventDefault());

  // ---- controls ------------------------------------------------------------------------------------------------------
  ['dir', 'depth', 'direct', 'masking', 'level'].forEach((id) => $(id).addEventListener('change', () => { readControls(); load(); }));
  document.querySelectorAll('#subtypes input').forEach((i) => i.addEventListener('change', () => { readControls(); load(); }));
  $('history').addEventListener('change', () => {
    if ($('history').checked) { $('as-of').value = ''; }
    readControls(); load();
  });
  $('as-of').addEventListener('change', () => {
    if ($('as-of').value) { $('history').checked = false; }
    readControls(); load();
  });

  window.colineage = { toggleTable: toggleTable, openSummary: openSummary, view: view };
  readUrl();
  showControls();
  if (view.node) {
    $('search').value = view.node;
    load();
    if (view.kind === 'COLUMN') { showColumn(view.node); }
  }
}());
