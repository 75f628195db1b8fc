// SpaceTraders dashboard: one script for every page. The page's payload comes from /api/stream (server-sent events):
// the first event draws the page, each later one updates it in place (no reloads). Charts are Chart.js (vendored).
(() => {
  'use strict';

  const app = document.getElementById('app');
  if (!app || !app.dataset.api) {
    return;
  }

  const page = app.dataset.page;
  const api = app.dataset.api;
  const state = { page, api, updates: 0, charts: {}, payload: null, problem: null };
  window.dashboard = state; // what the browser tests (and a curious user) read
  state.shipKey = shipKey;

  const PRIORITIES = ['Critical', 'Normal', 'Background'];
  const COLORS = ['#5cb3ff', '#54d18a', '#f0b94a', '#f0646a', '#a98bff', '#4dd0c8', '#ff8ad8', '#c2d65a', '#ff9b5c', '#9fb3c8'];
  const PRIORITY_COLORS = { Critical: '#f0646a', Normal: '#5cb3ff', Background: '#8c9aab' };

  // ---------- small helpers ----------

  // The game numbers an agent's ships in hexadecimal as it buys them (AGENT-9, AGENT-A, ..., AGENT-F, AGENT-10): the
  // ship tables sort by that number, so a fleet lists in the order it was bought, not AGENT-1, AGENT-10, AGENT-11, ...
  // AGENT-2. A symbol without such a number sorts by its text.
  function shipKey(symbol) {
    const match = /^(.*-)([0-9A-F]+)$/i.exec(symbol || '');
    return match ? match[1] + String(parseInt(match[2], 16)).padStart(16, '0') : (symbol || '');
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const nf0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const nf1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  const nf2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const int = v => (v === null || v === undefined ? '' : nf0.format(v));
  const one = v => (v === null || v === undefined ? '' : nf1.format(v));
  const two = v => (v === null || v === undefined ? '' : nf2.format(v));
  const signed = v => (v === null || v === undefined ? '' : (v > 0 ? '+' : '') + nf0.format(v));
  const pct = v => (v === null || v === undefined ? '' : nf1.format(v * 100) + '%');
  const ms = v => (v === null || v === undefined ? '' : v >= 1000 ? nf2.format(v / 1000) + ' s' : nf0.format(v) + ' ms');

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '';
    const s = Math.max(0, Math.round(seconds));
    const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const pad = n => String(n).padStart(2, '0');
    return (d > 0 ? d + 'd ' : '') + pad(h) + ':' + pad(m) + ':' + pad(r);
  }

  function clock(at) {
    if (at === null || at === undefined) return '';
    return new Date(at).toISOString().replace('T', ' ').slice(0, 19);
  }

  // Game time on a chart axis: hours since the run started, shown as "h:mm" (or "d h:mm").
  function hoursLabel(hours) {
    if (hours < 0) return '-' + hoursLabel(-hours);
    const s = Math.round(hours * 3600);
    const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    return (d > 0 ? d + 'd ' : '') + h + ':' + String(m).padStart(2, '0');
  }

  const toHours = t => (t - (state.origin || 0)) / 3600000;

  const pill = text => el('span', { class: 'pill ' + String(text || '').toLowerCase(), text: text || '' });
  const money = v => el('span', { class: v > 0 ? 'pos' : v < 0 ? 'neg' : '', text: signed(v) });
  const shipLink = symbol => el('a', { href: '/ships/' + encodeURIComponent(symbol), text: symbol });
  const behaviourLink = key => (key ? el('a', { href: '/behaviours/' + encodeURIComponent(key), text: key }) : '-');
  const marketLink = symbol => el('a', { href: '/markets/' + encodeURIComponent(symbol), text: symbol });

  function tile(label, value, cls) {
    return el('div', { class: 'tile' }, el('div', { class: 'label', text: label }), el('div', { class: 'value ' + (cls || ''), text: value }));
  }

  function card(title, ...children) {
    return el('section', { class: 'card' }, title ? el('h2', { text: title }) : null, ...children);
  }

  function replace(node, ...children) {
    node.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
  }

  // A table whose rows are re-rendered on every update; optional sorting (click a header) and filtering.
  // columns: [{ key, label, num, value: row => sortable value, cell: row => node|text }]
  function dataTable(columns, options) {
    const opts = Object.assign({ sortable: false, rowAttrs: null, empty: 'Nothing yet.' }, options || {});
    const table = el('table');
    const head = el('tr');
    const sort = { key: opts.sortKey || null, dir: opts.sortDir || 1 };
    const body = el('tbody');
    let rows = [];
    let filter = () => true;
    for (const column of columns) {
      const th = el('th', { class: (column.num ? 'num ' : '') + (opts.sortable ? 'sortable' : ''), text: column.label, 'data-key': column.key });
      if (opts.sortable) {
        th.addEventListener('click', () => {
          sort.dir = sort.key === column.key ? -sort.dir : 1;
          sort.key = column.key;
          draw();
        });
      }
      head.append(th);
    }
    table.append(el('thead', {}, head), body);

    function draw() {
      for (const th of head.children) {
        th.classList.toggle('sorted', th.dataset.key === sort.key);
        th.classList.toggle('asc', th.dataset.key === sort.key && sort.dir > 0);
        th.classList.toggle('desc', th.dataset.key === sort.key && sort.dir < 0);
      }
      let shown = rows.filter(filter);
      if (sort.key) {
        const column = columns.find(c => c.key === sort.key);
        const value = column.value || (row => row[column.key]);
        shown = shown.slice().sort((a, b) => {
          const x = value(a), y = value(b);
          if (x === y) return 0;
          if (x === null || x === undefined || x === '') return 1;
          if (y === null || y === undefined || y === '') return -1;
          return (x < y ? -1 : 1) * sort.dir;
        });
      }
      const fragment = document.createDocumentFragment();
      for (const row of shown) {
        const tr = el('tr', opts.rowAttrs ? opts.rowAttrs(row) : {});
        for (const column of columns) {
          const content = column.cell ? column.cell(row) : row[column.key];
          tr.append(el('td', { class: column.num ? 'num' : '' }, content === null || content === undefined ? '' : content));
        }
        fragment.append(tr);
      }
      if (shown.length === 0) {
        fragment.append(el('tr', {}, el('td', { class: 'empty', colspan: String(columns.length), text: opts.empty })));
      }
      body.replaceChildren(fragment);
      table.dataset.rows = String(shown.length);
    }

    return {
      node: table,
      set(newRows) { rows = newRows || []; draw(); },
      filter(predicate) { filter = predicate; draw(); },
      get shown() { return rows.filter(filter).length; },
    };
  }

  // ---------- charts ----------

  Chart.defaults.color = '#8c9aab';
  Chart.defaults.borderColor = '#2a3545';
  Chart.defaults.font.family = 'system-ui, sans-serif';
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  // A line chart over game time. series: [{ label, axis: 'y'|'y2', color, dash, fill, stepped, type }];
  // axes: { y, y2 (axis titles), yOptions, y2Options, tall, footer: index => tooltip footer text }
  function timeChart(name, series, axes) {
    const canvas = el('canvas', { 'data-chart': name, 'data-points': '0' });
    const holder = el('div', { class: 'chart' + (axes && axes.tall ? ' tall' : '') }, canvas);
    const scales = {
      // min 0: the first bucket starts a few seconds before the run, and nice ticks would then open the axis at -0:30.
      x: { type: 'linear', min: 0, ticks: { maxTicksLimit: 9, callback: v => hoursLabel(v) }, title: { display: true, text: 'game time since the start (h:mm)' } },
      y: Object.assign({ position: 'left', beginAtZero: true, title: { display: !!(axes && axes.y), text: axes && axes.y } }, axes && axes.yOptions),
    };
    if (series.some(s => s.axis === 'y2')) {
      scales.y2 = Object.assign({ position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: !!(axes && axes.y2), text: axes && axes.y2 } }, axes && axes.y2Options);
    }
    const chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: series.map((s, i) => ({
          label: s.label,
          type: s.type || 'line',
          data: [],
          yAxisID: s.axis || 'y',
          borderColor: s.color || COLORS[i % COLORS.length],
          backgroundColor: (s.color || COLORS[i % COLORS.length]) + (s.type === 'bar' ? 'aa' : '33'),
          borderDash: s.dash || [],
          borderWidth: s.width || 1.6,
          pointRadius: 0,
          fill: !!s.fill,
          stepped: !!s.stepped,
          spanGaps: true,
        })),
      },
      options: {
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        plugins: {
          legend: { labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              title: items => (items.length ? 'game ' + clock((state.origin || 0) + items[0].parsed.x * 3600000) + ' (+' + hoursLabel(items[0].parsed.x) + ')' : ''),
              // axes.footer: extra lines for the point under the pointer (by its index in the series).
              footer: items => (items.length && axes && axes.footer ? axes.footer(items[0].dataIndex) : ''),
            },
          },
        },
        scales,
      },
    });
    state.charts[name] = chart;
    return {
      node: holder,
      chart,
      // values: one array of y per series, t: the x values (ms)
      set(t, values) {
        chart.data.datasets.forEach((dataset, i) => {
          const ys = values[i] || [];
          dataset.data = t.map((x, j) => ({ x: toHours(x), y: ys[j] === undefined ? null : ys[j] }));
        });
        chart.update('none');
        canvas.dataset.points = String(t.length);
      },
    };
  }

  // ---------- status line ----------

  const statusBox = document.getElementById('status');
  const statusText = document.getElementById('status-text');
  const banner = el('div', { class: 'banner', hidden: true });
  app.before(banner);

  function showHeader(header) {
    state.origin = header.startedAt || state.origin || header.at;
    const uptime = header.startedAt ? (header.at - header.startedAt) / 1000 : null;
    const mode = header.mode === 'history' ? 'history' : 'live';
    statusBox.classList.remove('live', 'stale', 'history');
    statusBox.classList.add(mode === 'history' ? 'history' : header.status === 'running' ? 'live' : 'stale');
    statusText.textContent = (mode === 'history' ? 'history' : header.status) + ' · game ' + clock(header.at) + (uptime !== null ? ' · up ' + duration(uptime) : '') + ' · ' + header.source;
    statusBox.title = header.source;
  }

  // ---------- pages ----------

  const pages = {};

  pages.overview = () => {
    const agents = new Map();
    const controls = dataTable([
      { key: 'at', label: 'Game time', cell: r => clock(r.at) },
      { key: 'ship', label: 'Ship', value: r => shipKey(r.ship), cell: r => shipLink(r.ship) },
      { key: 'kind', label: 'What', cell: r => pill(r.kind) },
      { key: 'reason', label: 'Why' },
      { key: 'requestsPerMinute', label: 'Req/min then', num: true, cell: r => int(r.requestsPerMinute) },
      { key: 'delayedShare', label: 'Delayed then', num: true, cell: r => pct(r.delayedShare) },
      { key: 'meanQueueWaitMs', label: 'Mean wait then', num: true, cell: r => ms(r.meanQueueWaitMs) },
    ], { empty: 'No ship was paused or resumed.' });
    const problems = dataTable([
      { key: 'at', label: 'Game time', cell: r => clock(r.at) },
      { key: 'ship', label: 'Ship', value: r => shipKey(r.ship), cell: r => (r.ship ? shipLink(r.ship) : r.agent || '') },
      { key: 'message', label: 'Problem', cell: r => el('span', { style: 'white-space: normal', text: r.message }) },
    ], { empty: 'No problems reported.' });
    const agentBox = el('div', { class: 'agents', style: 'display: grid; gap: 1rem' });
    replace(app, agentBox,
      el('div', { class: 'grid' },
        card('Saturation control: ships paused and resumed, and why', el('div', { class: 'scroll' }, controls.node)),
        card('Recent problems', el('div', { class: 'scroll' }, problems.node))));

    function agentSection(symbol) {
      const title = el('h1');
      const sub = el('div', { class: 'sub' });
      const tiles = el('div', { class: 'tiles' });
      // The timeline shown last, for the tooltips' footers.
      let shown = null;
      const capitalAt = i => (shown && shown.capitalSpent && shown.capitalSpent[i] !== undefined ? shown.capitalSpent[i] : null);
      const credits = timeChart('credits-' + symbol, [
        { label: 'Credits', color: '#54d18a', fill: true },
        { label: 'Capital spent since the start (ships, mounts)', color: '#f0646a', dash: [6, 4], stepped: true },
        { label: 'Ships', axis: 'y2', color: '#5cb3ff', stepped: true },
      ], { y: 'credits', y2: 'ships', yOptions: { beginAtZero: false } });
      const earnings = timeChart('earnings-' + symbol, [
        { label: 'CPH (operating credits per game hour)', color: '#f0b94a' },
        { label: 'CPR (operating credits per request)', axis: 'y2', color: '#a98bff' },
      ], {
        y: 'operating CPH',
        y2: 'operating CPR',
        footer: i => (shown ? 'Operating earnings ' + signed(shown.operatingEarned[i]) + ' · capital spent ' + int(capitalAt(i)) : ''),
      });
      const requests = timeChart('requests-' + symbol, [
        { label: 'Requests per minute', color: '#5cb3ff', fill: true },
        { label: 'Ceiling', color: '#f0646a', dash: [6, 4], width: 1.2 },
        { label: '429s per minute', axis: 'y2', color: '#ff9b5c', type: 'bar' },
      ], { y: 'requests / min', y2: '429s / min' });
      const delayed = timeChart('delayed-' + symbol, [
        { label: 'Delayed share (waited for the rate limiter)', color: '#f0b94a', fill: true },
      ], { y: 'share of requests', yOptions: { max: 1, ticks: { callback: v => Math.round(v * 100) + '%' } } });
      const waits = timeChart('waits-' + symbol, PRIORITIES.flatMap(p => [
        { label: p + ' p50', color: PRIORITY_COLORS[p] },
        { label: p + ' p99', color: PRIORITY_COLORS[p], dash: [5, 4] },
      ]), { y: 'queue wait (ms)' });
      const queue = dataTable([
        { key: 'priority', label: 'Priority' },
        { key: 'waiting', label: 'Waiting now', num: true },
        { key: 'perMinute', label: 'Req/min', num: true },
        { key: 'meanMs', label: 'Mean wait', num: true, cell: r => ms(r.meanMs) },
        { key: 'p50Ms', label: 'p50', num: true, cell: r => ms(r.p50Ms) },
        { key: 'p99Ms', label: 'p99', num: true, cell: r => ms(r.p99Ms) },
      ], { empty: 'No requests in the last minute.' });
      const section = el('section', { class: 'card', 'data-agent': symbol },
        title, sub, el('div', { style: 'height: .7rem' }), tiles,
        el('div', { class: 'grid', style: 'margin-top: 1rem' },
          el('div', {}, el('h2', { text: 'Credits, capital spent and fleet size' }), credits.node),
          el('div', {}, el('h2', { text: 'CPH and CPR since the start, on operating earnings (capital spent not counted)' }), earnings.node),
          el('div', {}, el('h2', { text: 'Requests per minute against the ceiling; 429s' }), requests.node),
          el('div', {}, el('h2', { text: 'Delayed share' }), delayed.node),
          el('div', {}, el('h2', { text: 'Queue wait by priority (p50, p99)' }), waits.node),
          el('div', {}, el('h2', { text: 'Queue now (last minute)' }), queue.node)));
      agentBox.append(section);
      return { title, sub, tiles, credits, earnings, requests, delayed, waits, queue, show: t => { shown = t; } };
    }

    return data => {
      for (const agent of data.agents) {
        if (!agents.has(agent.symbol)) agents.set(agent.symbol, agentSection(agent.symbol));
        const view = agents.get(agent.symbol);
        replace(view.title, agent.symbol);
        replace(view.sub, 'Conductor ' + (agent.conductor || 'none') + (agent.conductorState ? ' (' + agent.conductorState + ')' : '') + ' · ' +
          Object.entries(agent.shipsByState).map(([k, v]) => v + ' ' + k).join(', '));
        const ceilingShare = agent.requestsPerMinute / data.ceilingPerMinute;
        // Operating earnings, with the capital spent beside them (as the console view and the report), live and from a
        // store's history; a source that cannot split them (capitalSpent null) gives the net change.
        const split = agent.capitalSpent !== null && agent.capitalSpent !== undefined;
        const capital = split ? [
          tile('Capital spent', int(agent.capitalSpent)),
          tile('Payback', agent.paybackHours === null || agent.paybackHours === undefined ? '-' : agent.paybackHours.toFixed(1) + ' h'),
        ] : [];
        replace(view.tiles,
          tile('Credits', int(agent.credits)),
          tile(split ? 'Earned' : 'Net change', signed(agent.creditsEarned), agent.creditsEarned >= 0 ? 'good' : 'bad'),
          tile('CPH', int(agent.cph)),
          tile('CPR', two(agent.cpr)),
          ...capital,
          tile('Requests/min', int(agent.requestsPerMinute) + ' / ' + data.ceilingPerMinute, ceilingShare > 0.95 ? 'warn' : ''),
          tile('429s/min', int(agent.rateLimitedPerMinute), agent.rateLimitedPerMinute > 0 ? 'bad' : ''),
          tile('Delayed share', pct(agent.delayedShare), agent.delayedShare > 0.1 ? 'warn' : ''),
          tile('Mean queue wait', ms(agent.meanQueueWaitMs)),
          tile('Queue length', int(agent.queueLength)),
          tile('Requests', int(agent.requests)),
          tile('429s in all', int(agent.rateLimited)),
          tile('Delayed in all', int(agent.delayed)));
        const t = agent.timeline;
        view.show(t);
        view.credits.set(t.t, [t.credits, t.capitalSpent, t.ships]);
        view.earnings.set(t.t, [t.cph, t.cpr]);
        view.requests.set(t.t, [t.requestsPerMinute, t.t.map(() => data.ceilingPerMinute), t.rateLimitedPerMinute]);
        view.delayed.set(t.t, [t.delayedShare]);
        view.waits.set(t.t, PRIORITIES.flatMap(p => [t.p50Ms[p], t.p99Ms[p]]));
        view.queue.set(agent.queue);
      }
      controls.set(data.controls);
      problems.set(data.problems);
    };
  };

  function shipColumns() {
    return [
      { key: 'symbol', label: 'Ship', value: r => shipKey(r.symbol), cell: r => shipLink(r.symbol) },
      { key: 'type', label: 'Type', cell: r => (r.type || '').replace(/^SHIP_/, '') },
      { key: 'role', label: 'Role' },
      { key: 'behaviour', label: 'Behaviour', cell: r => behaviourLink(r.behaviour) },
      { key: 'state', label: 'State', cell: r => pill(r.state) },
      { key: 'where', label: 'Location / destination (ETA)', value: r => r.location || r.destination || '', cell: r => where(r) },
      { key: 'cargo', label: 'Cargo', num: true, value: r => r.cargoUnits, cell: r => (r.cargoCapacity ? r.cargoUnits + '/' + r.cargoCapacity : '') },
      { key: 'fuel', label: 'Fuel', num: true, value: r => r.fuel, cell: r => (r.fuelCapacity ? r.fuel + '/' + r.fuelCapacity : '') },
      { key: 'cooldownSeconds', label: 'Cooldown', num: true, cell: r => (r.cooldownSeconds ? duration(r.cooldownSeconds) : '') },
      { key: 'sessionRequests', label: 'Session req', num: true, cell: r => int(r.sessionRequests) },
      { key: 'sessionCredits', label: 'Session credits', num: true, cell: r => (r.sessionCredits === null ? '' : money(r.sessionCredits)) },
      { key: 'sessionCpr', label: 'Session CPR', num: true, cell: r => two(r.sessionCpr) },
      { key: 'activity', label: 'Activity', cell: r => el('span', { class: 'sub', text: (r.activity || '').slice(0, 60) }) },
    ];
  }

  function where(r) {
    if (r.destination) return el('span', {}, '→ ' + r.destination + ' ', el('span', { class: 'sub', text: '(ETA ' + duration(r.etaSeconds) + ')' }));
    if (r.location) return el('span', {}, r.location + ' ', el('span', { class: 'sub', text: (r.navStatus || '').toLowerCase() }));
    return '';
  }

  pages.ships = () => {
    const search = el('input', { type: 'search', placeholder: 'Filter: ship, type, behaviour, waypoint…', 'aria-label': 'Filter ships' });
    const stateSelect = el('select', { 'aria-label': 'State' }, el('option', { value: '', text: 'every state' }));
    const count = el('span', { class: 'sub' });
    const table = dataTable(shipColumns(), {
      sortable: true,
      sortKey: 'symbol',
      rowAttrs: r => ({ 'data-ship': r.symbol, class: 'clickable' }),
      empty: 'No ship matches.',
    });
    table.node.addEventListener('click', e => {
      const row = e.target.closest('tr[data-ship]');
      if (row && !e.target.closest('a')) window.location.href = '/ships/' + encodeURIComponent(row.dataset.ship);
    });
    let total = 0;
    const apply = () => {
      const text = search.value.trim().toLowerCase();
      const wanted = stateSelect.value;
      table.filter(r => (!wanted || r.state === wanted) &&
        (!text || [r.symbol, r.type, r.role, r.behaviour, r.state, r.location, r.destination, r.activity].some(v => (v || '').toLowerCase().includes(text))));
      count.textContent = table.shown + ' of ' + total + ' ships';
    };
    search.addEventListener('input', apply);
    stateSelect.addEventListener('change', apply);
    replace(app, card('Ships', el('div', { class: 'toolbar' }, search, stateSelect, count), el('div', { class: 'scroll', style: 'max-height: none' }, table.node)));
    return data => {
      total = data.ships.length;
      const states = Object.keys(data.byState);
      const known = Array.from(stateSelect.options).map(o => o.value);
      for (const s of states) if (!known.includes(s)) stateSelect.append(el('option', { value: s, text: s }));
      table.set(data.ships);
      apply();
    };
  };

  function sessionColumns(withShip) {
    return [
      withShip ? { key: 'ship', label: 'Ship', value: r => shipKey(r.ship), cell: r => shipLink(r.ship) } : null,
      { key: 'startedAt', label: 'Started (game)', cell: r => clock(r.startedAt) },
      { key: 'behaviour', label: 'Behaviour', cell: r => behaviourLink(r.behaviour) },
      { key: 'outcome', label: 'Outcome', cell: r => pill(r.outcome || 'running') },
      { key: 'hours', label: 'Duration', num: true, cell: r => duration(r.hours * 3600) },
      { key: 'requests', label: 'Requests', num: true, cell: r => int(r.requests) },
      { key: 'credits', label: 'Credits', num: true, cell: r => money(r.credits) },
      { key: 'cpr', label: 'CPR', num: true, cell: r => two(r.cpr) },
      { key: 'cph', label: 'CPH', num: true, cell: r => int(r.cph) },
    ].filter(Boolean);
  }

  pages.ship = () => {
    const title = el('h1');
    const sub = el('div', { class: 'sub' });
    const tiles = el('div', { class: 'tiles' });
    const details = el('dl', { class: 'kv' });
    const cargo = dataTable([{ key: 'symbol', label: 'Good' }, { key: 'units', label: 'Units', num: true }], { empty: 'Empty hold.' });
    const sessions = dataTable(sessionColumns(false), { empty: 'No session yet.' });
    sessions.node.setAttribute('data-table', 'sessions');
    const movements = dataTable([
      { key: 'at', label: 'Game time', cell: r => clock(r.at) },
      { key: 'kind', label: 'Kind' },
      { key: 'trade', label: 'Good', cell: r => (r.trade ? r.trade + (r.units ? ' × ' + r.units : '') : '') },
      { key: 'amount', label: 'Amount', num: true, cell: r => money(r.amount) },
      { key: 'balanceAfter', label: 'Balance after', num: true, cell: r => int(r.balanceAfter) },
    ], { empty: 'No credit movement recorded.' });
    const requests = dataTable([
      { key: 'at', label: 'Game time', cell: r => clock(r.at) },
      { key: 'method', label: 'Method' },
      { key: 'endpoint', label: 'Endpoint' },
      { key: 'status', label: 'Status', num: true },
      { key: 'priority', label: 'Priority' },
      { key: 'queueWaitMs', label: 'Queue wait', num: true, cell: r => ms(r.queueWaitMs) },
      { key: 'durationMs', label: 'Duration', num: true, cell: r => ms(r.durationMs) },
      { key: 'attempts', label: 'Attempts', num: true },
      { key: 'rateLimited', label: '429s', num: true },
    ], { empty: 'No request recorded.' });
    replace(app,
      card(null, title, sub, el('div', { style: 'height: .7rem' }), tiles),
      el('div', { class: 'grid' }, card('Current state', details), card('Cargo', cargo.node)),
      card('Sessions', el('div', { class: 'scroll' }, sessions.node)),
      el('div', { class: 'grid' },
        card('Credit movements (latest)', el('div', { class: 'scroll' }, movements.node)),
        card('Requests (latest)', el('div', { class: 'scroll' }, requests.node))));
    return data => {
      const s = data.ship;
      const p = data.parts;
      replace(title, s.symbol);
      replace(sub, (s.type || '').replace(/^SHIP_/, '') + ' · ' + s.role + ' · agent ' + s.agent + ' · ', behaviourLink(s.behaviour), ' · ', pill(s.state));
      replace(tiles,
        tile('Sessions', int(data.totals.sessions)),
        tile('Requests', int(data.totals.requests)),
        tile('Credits', signed(data.totals.credits), data.totals.credits >= 0 ? 'good' : 'bad'),
        tile('CPR', two(data.totals.cpr)),
        tile('CPH', int(data.totals.cph)),
        tile('Session CPR', two(s.sessionCpr)));
      const rows = [
        ['State', pill(s.state)],
        ['Activity', s.activity || '-'],
        ['Navigation', (s.navStatus || '-') + (s.flightMode ? ' (' + s.flightMode.toLowerCase() + ')' : '')],
        ['Where', where(s) || '-'],
        ['Route', p.origin && p.destination ? p.origin.symbol + ' → ' + p.destination.symbol + ' (arrives ' + clock(p.arrival) + ')' : '-'],
        ['Fuel', s.fuelCapacity ? s.fuel + ' / ' + s.fuelCapacity : '-'],
        ['Cargo', s.cargoCapacity ? s.cargoUnits + ' / ' + s.cargoCapacity : '-'],
        ['Cooldown', s.cooldownSeconds ? duration(s.cooldownSeconds) + ' left' : 'none'],
        ['Frame', p.frame || '-'],
        ['Engine', p.engine ? p.engine + ' (speed ' + p.engineSpeed + ')' : '-'],
        ['Mounts', p.mounts.length ? p.mounts.join(', ') : '-'],
        ['System', s.system ? el('a', { href: '/system/' + encodeURIComponent(s.system), text: s.system }) : '-'],
      ];
      replace(details, rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)]));
      cargo.set(p.cargo);
      sessions.set(data.sessions);
      movements.set(data.creditMovements);
      requests.set(data.requests);
    };
  };

  function groupColumns(label, link) {
    return [
      { key: 'key', label, cell: r => (link ? link(r.key) : r.key) },
      { key: 'sessions', label: 'Sessions', num: true, cell: r => int(r.sessions) },
      { key: 'requests', label: 'Requests', num: true, cell: r => int(r.requests) },
      { key: 'credits', label: 'Credits', num: true, cell: r => money(r.credits) },
      { key: 'cpr', label: 'CPR', num: true, cell: r => two(r.cpr) },
      { key: 'cph', label: 'CPH (pro rata)', num: true, cell: r => int(r.cph) },
      { key: 'hours', label: 'Session hours', num: true, cell: r => one(r.hours) },
    ];
  }

  function seriesCharts(name, keys) {
    const cpr = timeChart(name + '-cpr', keys.map(k => ({ label: k })), { y: 'CPR' });
    const cph = timeChart(name + '-cph', keys.map(k => ({ label: k })), { y: 'CPH' });
    return { cpr, cph, keys };
  }

  pages.behaviours = () => {
    const behaviours = dataTable(groupColumns('Behaviour@version', behaviourLink), { sortable: true, sortKey: 'credits', sortDir: -1 });
    behaviours.node.setAttribute('data-table', 'behaviours');
    const shipTypes = dataTable(groupColumns('Ship type'), { sortable: true, sortKey: 'credits', sortDir: -1 });
    const combinations = dataTable(groupColumns('Behaviour on ship type'), { sortable: true, sortKey: 'cpr', sortDir: -1 });
    const chartsBox = el('div', { class: 'grid' });
    let charts = null;
    replace(app,
      card('Per behaviour and version', behaviours.node),
      el('div', { class: 'grid' }, card('Per ship type', shipTypes.node), card('Per behaviour and ship type', el('div', { class: 'scroll' }, combinations.node))),
      card('Over time (sessions by the bucket they ended in)', chartsBox));
    return data => {
      behaviours.set(data.behaviours);
      shipTypes.set(data.shipTypes);
      combinations.set(data.combinations);
      const keys = Object.keys(data.overTime.cpr);
      if (!charts || charts.keys.join() !== keys.join()) {
        charts?.cpr.chart.destroy();
        charts?.cph.chart.destroy();
        charts = seriesCharts('behaviours', keys);
        replace(chartsBox, el('div', {}, el('h2', { text: 'CPR per behaviour' }), charts.cpr.node), el('div', {}, el('h2', { text: 'CPH per behaviour' }), charts.cph.node));
      }
      charts.cpr.set(data.overTime.t, keys.map(k => data.overTime.cpr[k]));
      charts.cph.set(data.overTime.t, keys.map(k => data.overTime.cph[k]));
    };
  };

  pages.behaviour = () => {
    const title = el('h1');
    const tiles = el('div', { class: 'tiles' });
    const shipTypes = dataTable(groupColumns('Ship type'));
    const sessions = dataTable(sessionColumns(true), { empty: 'No session yet.' });
    const chartsBox = el('div', { class: 'grid' });
    let charts = null;
    replace(app,
      card(null, title, el('div', { style: 'height: .7rem' }), tiles),
      el('div', { class: 'grid' }, card('Per ship type', shipTypes.node), card('Over time, per ship type', chartsBox)),
      card('Latest sessions', el('div', { class: 'scroll' }, sessions.node)));
    return data => {
      const f = data.figures;
      replace(title, f.key);
      replace(tiles,
        tile('Sessions', int(f.sessions)), tile('Requests', int(f.requests)), tile('Credits', signed(f.credits), f.credits >= 0 ? 'good' : 'bad'),
        tile('CPR', two(f.cpr)), tile('CPH (pro rata)', int(f.cph)),
        ...Object.entries(data.outcomes).map(([k, v]) => tile(k, int(v))));
      shipTypes.set(data.shipTypes);
      sessions.set(data.sessions);
      const keys = Object.keys(data.overTime.cpr);
      if (!charts || charts.keys.join() !== keys.join()) {
        charts?.cpr.chart.destroy();
        charts?.cph.chart.destroy();
        charts = seriesCharts('behaviour', keys);
        replace(chartsBox, el('div', {}, el('h2', { text: 'CPR' }), charts.cpr.node), el('div', {}, el('h2', { text: 'CPH' }), charts.cph.node));
      }
      charts.cpr.set(data.overTime.t, keys.map(k => data.overTime.cpr[k]));
      charts.cph.set(data.overTime.t, keys.map(k => data.overTime.cph[k]));
    };
  };

  pages.markets = () => {
    const table = dataTable([
      { key: 'waypoint', label: 'Market', cell: r => marketLink(r.waypoint) },
      { key: 'observedAt', label: 'Last seen (game)', cell: r => clock(r.observedAt) },
      { key: 'ageSeconds', label: 'Age', num: true, cell: r => (r.ageSeconds === null ? 'never' : duration(r.ageSeconds)) },
      { key: 'goods', label: 'Goods with prices', num: true },
      { key: 'goodsKnown', label: 'Goods traded', num: true },
      { key: 'hoursRecorded', label: 'Hours of history', num: true },
    ], { sortable: true, sortKey: 'ageSeconds', empty: 'No market seen yet.' });
    table.node.setAttribute('data-table', 'markets');
    replace(app, card('Markets and their freshness', el('p', { class: 'sub', text: 'Age is game time since a ship last saw the market\'s prices.' }), table.node));
    return data => table.set(data.markets);
  };

  pages.market = () => {
    const title = el('h1');
    const sub = el('div', { class: 'sub' });
    const goods = dataTable([
      { key: 'symbol', label: 'Good' },
      { key: 'type', label: 'Type' },
      { key: 'purchasePrice', label: 'Buy at', num: true, cell: r => int(r.purchasePrice) },
      { key: 'sellPrice', label: 'Sell at', num: true, cell: r => int(r.sellPrice) },
      { key: 'tradeVolume', label: 'Volume', num: true },
      { key: 'supply', label: 'Supply' },
      { key: 'activity', label: 'Activity' },
    ], { sortable: true, sortKey: 'symbol', empty: 'No prices: no ship has been there.' });
    const select = el('select', { 'aria-label': 'Good' });
    const prices = timeChart('market-prices', [
      { label: 'Mean purchase price', color: '#f0646a' },
      { label: 'Mean sell price', color: '#54d18a' },
    ], { y: 'credits per unit', yOptions: { beginAtZero: false } });
    const volume = timeChart('market-volume', [
      { label: 'Trade volume', color: '#5cb3ff', stepped: true },
      { label: 'Supply (1 scarce … 5 abundant)', axis: 'y2', color: '#f0b94a', stepped: true },
    ], { y: 'units per transaction', y2: 'supply', y2Options: { min: 0, max: 5 } });
    let history = [];
    const draw = () => {
      const good = history.find(h => h.symbol === select.value) || history[0];
      if (!good) {
        prices.set([], []);
        volume.set([], []);
        return;
      }
      prices.set(good.t, [good.meanPurchase, good.meanSell]);
      volume.set(good.t, [good.volume, good.supply]);
    };
    select.addEventListener('change', draw);
    replace(app,
      card(null, title, sub),
      el('div', { class: 'grid' },
        card('Goods as last seen', goods.node),
        card('History from the hourly summaries', el('div', { class: 'toolbar' }, select), prices.node, el('div', { style: 'height: 1rem' }), volume.node)));
    return data => {
      replace(title, data.market.waypoint);
      replace(sub, 'Last seen ' + (data.market.observedAt ? clock(data.market.observedAt) + ' (' + duration(data.market.ageSeconds) + ' ago)' : 'never') + ' · ' + data.market.hoursRecorded + ' hours of history');
      goods.set(data.goods);
      history = data.history;
      const symbols = history.map(h => h.symbol);
      if (Array.from(select.options).map(o => o.value).join() !== symbols.join()) {
        const current = select.value;
        replace(select, symbols.map(s => el('option', { value: s, text: s })));
        if (symbols.includes(current)) select.value = current;
      }
      draw();
    };
  };

  pages.system = () => {
    const title = el('h1');
    const sub = el('div', { class: 'sub' });
    const canvas = el('canvas', { 'data-chart': 'map', 'data-waypoints': '0', 'data-ships': '0' });
    const holder = el('div', { class: 'chart map' }, canvas);
    const waypoints = dataTable([
      { key: 'symbol', label: 'Waypoint', cell: r => (r.market ? marketLink(r.symbol) : r.symbol) },
      { key: 'type', label: 'Type' },
      { key: 'x', label: 'x', num: true },
      { key: 'y', label: 'y', num: true },
      { key: 'market', label: 'Market', cell: r => (r.market ? 'yes' : '') },
      { key: 'shipyard', label: 'Shipyard', cell: r => (r.shipyard ? 'yes' : '') },
      { key: 'ships', label: 'Ships here', num: true, cell: r => (r.ships ? r.ships : '') },
    ], { sortable: true, sortKey: 'symbol' });
    waypoints.node.setAttribute('data-table', 'waypoints');
    const ships = dataTable([
      { key: 'symbol', label: 'Ship', value: r => shipKey(r.symbol), cell: r => shipLink(r.symbol) },
      { key: 'state', label: 'State', cell: r => pill(r.state) },
      { key: 'navStatus', label: 'Navigation' },
      { key: 'where', label: 'Where', cell: r => (r.inTransit ? r.origin.symbol + ' → ' + r.destination.symbol + ' (ETA ' + clock(r.arrival) + ')' : r.waypoint) },
      { key: 'behaviour', label: 'Behaviour', cell: r => behaviourLink(r.behaviour) },
    ], { sortable: true, sortKey: 'symbol' });
    const systems = el('div', { class: 'toolbar' });
    const kinds = [
      { key: 'gate', label: 'Jump gate', style: 'star', color: '#f0646a', size: 9 },
      { key: 'shipyard', label: 'Shipyard', style: 'rectRot', color: '#a98bff', size: 7 },
      { key: 'market', label: 'Marketplace', style: 'rect', color: '#f0b94a', size: 6 },
      { key: 'other', label: 'Other waypoint', style: 'circle', color: '#8c9aab', size: 4 },
    ];
    // Lower order is drawn on top: ships over waypoints over routes.
    const datasets = kinds.map((k, i) => ({ label: k.label, data: [], order: 1 + i, pointStyle: k.style, pointRadius: k.size, backgroundColor: k.color + 'cc', borderColor: k.color, showLine: false }));
    datasets.push({ label: 'Ship', data: [], order: 0, pointStyle: 'triangle', pointRadius: 7, backgroundColor: '#54d18a', borderColor: '#0f141b', borderWidth: 1, showLine: false });
    const route = () => ({ label: 'Route in flight', data: [], order: 9, borderColor: '#54d18a99', backgroundColor: '#54d18a99', borderDash: [4, 4], borderWidth: 1.2, pointRadius: 0, showLine: true });
    const map = new Chart(canvas, {
      type: 'scatter',
      data: { datasets },
      options: {
        parsing: false,
        plugins: {
          tooltip: {
            callbacks: {
              label: item => {
                const raw = item.raw || {};
                return raw.label ? raw.label + ' (' + raw.x + ', ' + raw.y + ')' : '';
              },
            },
            filter: item => !!(item.raw && item.raw.label),
          },
          legend: { labels: { boxWidth: 12, usePointStyle: true, filter: (item, chart) => item.datasetIndex <= 5 || chart.datasets[item.datasetIndex].label !== 'Route in flight' } },
        },
        scales: { x: { type: 'linear', title: { display: true, text: 'x' } }, y: { type: 'linear', title: { display: true, text: 'y' } } },
      },
    });
    state.charts.map = map;
    replace(app,
      card(null, title, sub, systems, holder),
      el('div', { class: 'grid' }, card('Waypoints', el('div', { class: 'scroll' }, waypoints.node)), card('Ships in the system', el('div', { class: 'scroll' }, ships.node))));
    return data => {
      replace(title, 'System ' + data.system);
      replace(sub, data.waypoints.length + ' waypoints, ' + data.ships.length + ' ships' + (data.fromRoutesOnly ? ' · only the waypoints the ships\' routes touched are known' : ''));
      replace(systems, data.header.systems.length > 1 ? data.header.systems.map(s => el('a', { href: '/system/' + encodeURIComponent(s), text: s })) : []);
      const kindOf = w => (w.gate ? 0 : w.shipyard ? 1 : w.market ? 2 : 3);
      kinds.forEach((_, i) => {
        datasets[i].data = data.waypoints.filter(w => kindOf(w) === i).map(w => ({ x: w.x, y: w.y, label: w.symbol + ' · ' + w.type.toLowerCase().replace(/_/g, ' ') + (w.ships ? ' · ' + w.ships + ' ship(s)' : '') }));
      });
      datasets[4].data = data.ships.map(s => ({ x: s.x, y: s.y, label: s.symbol + (s.inTransit ? ' → ' + s.destination.symbol : ' at ' + s.waypoint) }));
      // One line per ship in flight, from where it left to where it goes.
      const flights = data.ships.filter(s => s.inTransit);
      datasets.length = 5;
      for (const s of flights) {
        const line = route();
        line.data = [{ x: s.origin.x, y: s.origin.y }, { x: s.destination.x, y: s.destination.y }];
        datasets.push(line);
      }
      // Equal scales on both axes (a square plot), a margin around the outermost waypoint.
      const xs = data.waypoints.map(w => w.x).concat(data.ships.map(s => s.x));
      const ys = data.waypoints.map(w => w.y).concat(data.ships.map(s => s.y));
      const half = Math.ceil(Math.max(10, ...xs.map(Math.abs), ...ys.map(Math.abs)) * 1.05 / 10) * 10;
      map.options.scales.x.min = -half;
      map.options.scales.x.max = half;
      map.options.scales.y.min = -half;
      map.options.scales.y.max = half;
      map.update('none');
      canvas.dataset.waypoints = String(kinds.reduce((n, _, i) => n + datasets[i].data.length, 0));
      canvas.dataset.ships = String(datasets[4].data.length);
      waypoints.set(data.waypoints);
      ships.set(data.ships);
    };
  };

  // ---------- the stream ----------

  const render = (pages[page] || (() => () => {}))();
  const stream = new EventSource('/api/stream?path=' + encodeURIComponent(api));
  // A delta is the payload with, in each agent's timeline, only the points from its 'from' on: the points before it are
  // those the page has. Applied to the payload shown, it gives what a full payload would.
  function applyDelta(previous, delta) {
    const before = new Map(((previous && previous.agents) || []).map(a => [a.symbol, a.timeline]));
    for (const agent of delta.agents || []) {
      const tail = agent.timeline;
      if (!tail || tail.from === undefined) continue;
      const old = before.get(agent.symbol);
      const merge = (a, b) => (a || []).slice(0, tail.from).concat(b);
      const merged = { widthSeconds: tail.widthSeconds };
      for (const [key, value] of Object.entries(tail)) {
        if (key === 'from' || key === 'widthSeconds') continue;
        if (Array.isArray(value)) {
          merged[key] = merge(old && old[key], value);
        } else if (value && typeof value === 'object') {
          merged[key] = {};
          for (const [name, values] of Object.entries(value)) merged[key][name] = merge(old && old[key] && old[key][name], values);
        }
      }
      agent.timeline = merged;
    }
    return delta;
  }
  state.applyDelta = applyDelta; // for the tests

  function show(data) {
    state.payload = data;
    state.problem = null;
    banner.hidden = true;
    showHeader(data.header);
    render(data);
    state.updates += 1;
    app.dataset.updates = String(state.updates);
  }

  stream.addEventListener('update', event => show(JSON.parse(event.data)));
  stream.addEventListener('delta', event => {
    state.deltas = (state.deltas || 0) + 1;
    show(applyDelta(state.payload, JSON.parse(event.data)));
  });
  stream.addEventListener('problem', event => {
    const problem = JSON.parse(event.data);
    state.problem = problem;
    banner.textContent = problem.title + ': ' + problem.detail + (state.payload ? ' (showing the last figures)' : '');
    banner.hidden = false;
  });
  stream.addEventListener('error', () => {
    statusBox.classList.remove('live');
    statusBox.classList.add('stale');
    statusText.textContent = 'disconnected: reconnecting…';
  });
  window.addEventListener('pagehide', () => stream.close());
})();
