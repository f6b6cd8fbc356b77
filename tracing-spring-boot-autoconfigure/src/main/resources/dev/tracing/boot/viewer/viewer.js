/*
 * The trace viewer page. Data comes from the JSON API below the page's own path; nothing is
 * loaded from anywhere else. Span data is untrusted text: it only ever reaches the page
 * through textContent, never as HTML.
 */
(function () {
  'use strict';

  var base = document.documentElement.getAttribute('data-base') || '';
  var REFRESH_MS = 2000;
  var KIND_TAGS = { SERVER: 'SRV', CLIENT: 'CLI', INTERNAL: 'INT', PRODUCER: 'PRD', CONSUMER: 'CNS' };

  var state = {
    sort: 'start',
    traces: [],
    traceId: null,
    trace: null,
    selectedSpanId: null,
    listSignature: null,
    listRequest: 0
  };

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function formatDuration(ms) {
    if (ms < 1) {
      return Math.round(ms * 1000) + ' \u00b5s';
    }
    if (ms < 10) {
      return ms.toFixed(2) + ' ms';
    }
    if (ms < 1000) {
      return ms.toFixed(1) + ' ms';
    }
    return (ms / 1000).toFixed(2) + ' s';
  }

  /** Axis labels: round numbers without trailing zeros. */
  function formatTick(ms) {
    if (ms === 0) {
      return '0';
    }
    var trim = function (value) {
      return String(parseFloat(value.toPrecision(6)));
    };
    if (ms < 1) {
      return trim(ms * 1000) + ' \u00b5s';
    }
    if (ms < 1000) {
      return trim(ms) + ' ms';
    }
    return trim(ms / 1000) + ' s';
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) {
      text = '0' + text;
    }
    return text;
  }

  function formatTime(epochMs) {
    var date = new Date(epochMs);
    return pad(date.getHours(), 2) + ':' + pad(date.getMinutes(), 2) + ':' + pad(date.getSeconds(), 2) + '.'
      + pad(date.getMilliseconds(), 3);
  }

  function formatBytes(bytes) {
    if (bytes < 1024 * 1024) {
      return (bytes / 1024).toFixed(0) + ' KB';
    }
    return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  function getJson(path) {
    return fetch(base + path, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
        }
        return body;
      });
    });
  }

  function showError(message) {
    var error = $('error');
    error.textContent = message || '';
    error.hidden = !message;
  }

  /* Routing: #/ is the list, #/trace/<id> a trace. */

  function route() {
    var match = /^#\/trace\/([0-9a-f]{32})$/.exec(location.hash);
    showError(null);
    if (match) {
      $('list-view').hidden = true;
      $('trace-view').hidden = false;
      if (state.traceId !== match[1]) {
        state.traceId = match[1];
        state.trace = null;
        state.selectedSpanId = null;
        $('span-rows').textContent = '';
        $('details').hidden = true;
      }
      loadTrace();
    }
    else {
      state.traceId = null;
      $('trace-view').hidden = true;
      $('list-view').hidden = false;
      loadList();
    }
  }

  /* Trace list */

  function listQuery() {
    var params = new URLSearchParams();
    var routeFilter = $('filter-route').value.trim();
    var status = $('filter-status').value;
    var kind = $('filter-kind').value;
    var min = $('filter-min').value.trim();
    if (routeFilter) {
      params.set('route', routeFilter);
    }
    if (status) {
      params.set('status', status);
    }
    if (min) {
      params.set('minDurationMs', min);
    }
    if (kind) {
      params.set('kind', kind);
    }
    return params.toString();
  }

  function loadList() {
    var request = ++state.listRequest;
    var query = listQuery();
    getJson('/api/traces' + (query ? '?' + query : '')).then(function (body) {
      if (request !== state.listRequest) {
        return;
      }
      state.traces = body.traces;
      renderStore(body.store);
      renderList();
      $('list-status').textContent = 'updated ' + formatTime(Date.now());
      showError(null);
    }).catch(function (error) {
      showError('Could not load traces: ' + error.message);
    });
  }

  function renderStore(store) {
    $('store-info').textContent = store.traces + ' traces \u00b7 ' + store.spans + ' spans \u00b7 '
      + formatBytes(store.estimatedBytes) + ' of ' + formatBytes(store.maxBytes)
      + (store.evictedTraces ? ' \u00b7 ' + store.evictedTraces + ' evicted' : '');
  }

  /**
   * Request traces first, then background work (traces not rooted at a server span), each
   * group in the chosen order: the API picks them the same way, so that a flood of
   * background work cannot push the requests off the list.
   */
  function sortedTraces() {
    var traces = state.traces.slice();
    var order = state.sort === 'duration'
      ? function (a, b) { return b.durationMs - a.durationMs; }
      : function (a, b) { return b.start - a.start; };
    traces.sort(function (a, b) {
      return (a.request === b.request) ? order(a, b) : (a.request ? -1 : 1);
    });
    return traces;
  }

  function groupRow(text) {
    var row = el('tr', 'group-row');
    var cell = el('td', null, text);
    cell.colSpan = 5;
    row.appendChild(cell);
    return row;
  }

  function statusBadge(trace) {
    if (trace.statusCode !== null && trace.statusCode !== undefined) {
      var code = trace.statusCode;
      var className = code >= 500 || trace.error ? 'badge error' : (code >= 400 ? 'badge warn' : 'badge');
      return el('span', className, code);
    }
    return trace.error ? el('span', 'badge error', 'error') : el('span', 'badge none', 'ok');
  }

  function renderList() {
    var body = $('trace-rows');
    var traces = sortedTraces();
    // Re-rendering replaces the rows; skip it when nothing changed, so that a refresh does
    // not swallow a click.
    var signature = state.sort + JSON.stringify(traces.map(function (trace) {
      return [trace.traceId, trace.spanCount, trace.durationMs, trace.error, trace.statusCode];
    }));
    var requests = traces.filter(function (trace) { return trace.request; }).length;
    var grouped = requests > 0 && requests < traces.length;
    var expectedRows = traces.length + (grouped ? 2 : 0);
    if (signature === state.listSignature && body.childElementCount === expectedRows) {
      return;
    }
    state.listSignature = signature;
    var longest = traces.reduce(function (max, trace) { return Math.max(max, trace.durationMs); }, 0) || 1;
    var rows = document.createDocumentFragment();
    traces.forEach(function (trace, index) {
      if (grouped && index === 0) {
        rows.appendChild(groupRow('Requests'));
      }
      if (grouped && index === requests) {
        rows.appendChild(groupRow('Background work (not started by a request)'));
      }
      var row = el('tr', 'trace-row' + (trace.error ? ' has-error' : ''));
      row.setAttribute('data-trace-id', trace.traceId);
      row.setAttribute('data-duration-ms', String(trace.durationMs));
      row.setAttribute('data-request', String(!!trace.request));
      row.addEventListener('click', function () {
        location.hash = '#/trace/' + trace.traceId;
      });

      row.appendChild(el('td', 'time', formatTime(trace.start)));

      var root = el('td');
      root.appendChild(el('div', 'root-name', trace.rootName));
      // Say what the root's name does not already say.
      var name = trace.rootName || '';
      var sub = [
        trace.method && name.indexOf(trace.method) !== 0 ? trace.method : null,
        trace.route && name.indexOf(trace.route) < 0 ? trace.route : null,
        services(trace)
      ].filter(Boolean).join('  \u00b7  ');
      if (sub) {
        root.appendChild(el('div', 'root-sub', sub));
      }
      row.appendChild(root);

      var status = el('td');
      status.appendChild(statusBadge(trace));
      row.appendChild(status);

      var duration = el('td', 'num');
      var cell = el('div', 'duration-cell');
      cell.appendChild(el('span', 'duration', formatDuration(trace.durationMs)));
      var track = el('div', 'duration-track');
      var fill = el('div', 'duration-fill');
      fill.style.width = Math.max(1, trace.durationMs / longest * 100) + '%';
      track.appendChild(fill);
      cell.appendChild(track);
      duration.appendChild(cell);
      row.appendChild(duration);

      row.appendChild(el('td', 'num', trace.spanCount + (trace.droppedSpans ? ' (+' + trace.droppedSpans + ')' : '')));
      rows.appendChild(row);
    });
    body.textContent = '';
    body.appendChild(rows);
    $('empty').hidden = traces.length > 0;
    document.querySelectorAll('th.sortable').forEach(function (header) {
      header.classList.toggle('sorted', header.getAttribute('data-sort') === state.sort);
    });
    if (traces.length && traces[0].service) {
      $('service').textContent = traces[0].service;
    }
  }

  /** The services of a trace: more than one when other local services export to the viewer. */
  function services(trace) {
    return (trace.services && trace.services.length > 1) ? trace.services.join(' + ') : trace.service;
  }

  /* Trace page */

  function loadTrace() {
    var traceId = state.traceId;
    getJson('/api/traces/' + traceId).then(function (trace) {
      if (state.traceId !== traceId) {
        return;
      }
      var changed = !state.trace || state.trace.spans.length !== trace.spans.length;
      state.trace = trace;
      if (changed) {
        renderTrace();
      }
    }).catch(function (error) {
      showError(error.message);
    });
  }

  /** Orders spans depth-first under their parents; spans whose parent is not here are roots. */
  function spanTree(spans) {
    var byId = {};
    var children = {};
    spans.forEach(function (span) {
      byId[span.spanId] = span;
    });
    var roots = [];
    spans.forEach(function (span) {
      if (span.parentSpanId && byId[span.parentSpanId]) {
        (children[span.parentSpanId] = children[span.parentSpanId] || []).push(span);
      }
      else {
        roots.push(span);
      }
    });
    var byStart = function (a, b) { return a.startMs - b.startMs; };
    var ordered = [];
    function visit(span, depth, ancestors) {
      ordered.push({ span: span, depth: depth, orphan: depth === 0 && !!span.parentSpanId });
      (children[span.spanId] || []).sort(byStart).forEach(function (child) {
        if (!ancestors[child.spanId]) {
          ancestors[child.spanId] = true;
          visit(child, depth + 1, ancestors);
        }
      });
    }
    roots.sort(byStart).forEach(function (root) {
      var seen = {};
      seen[root.spanId] = true;
      visit(root, 0, seen);
    });
    return ordered;
  }

  function niceStep(total) {
    var rough = total / 6;
    var power = Math.pow(10, Math.floor(Math.log10(rough)));
    var step = power;
    [1, 2, 5, 10].some(function (factor) {
      step = factor * power;
      return step >= rough;
    });
    return step;
  }

  function renderAxis(total) {
    var axis = $('axis');
    axis.textContent = '';
    var step = niceStep(total);
    for (var at = 0; at <= total + 1e-9; at += step) {
      var tick = el('div', 'tick');
      tick.style.left = (at / total * 100) + '%';
      tick.appendChild(el('span', null, formatTick(at)));
      axis.appendChild(tick);
    }
    return step;
  }

  function renderTrace() {
    var trace = state.trace;
    var total = Math.max(trace.durationMs, 0.001);
    $('trace-title').textContent = trace.rootName;
    var meta = $('trace-meta');
    meta.textContent = '';
    [
      ['Trace', trace.traceId],
      ['Started', new Date(trace.start).toLocaleString()],
      ['Duration', formatDuration(trace.durationMs)],
      ['Spans', trace.spanCount + (trace.droppedSpans ? ' (' + trace.droppedSpans + ' not kept)' : '')],
      [trace.services && trace.services.length > 1 ? 'Services' : 'Service', services(trace) || '']
    ].forEach(function (item) {
      var part = el('span', null, item[0] + ' ');
      part.appendChild(el('span', 'mono', item[1]));
      meta.appendChild(part);
    });
    if (trace.service) {
      $('service').textContent = trace.service;
    }

    var step = renderAxis(total);
    var rows = document.createDocumentFragment();
    spanTree(trace.spans).forEach(function (entry) {
      rows.appendChild(spanRow(entry, total, step));
    });
    var container = $('span-rows');
    container.textContent = '';
    container.appendChild(rows);
    if (state.selectedSpanId) {
      selectSpan(state.selectedSpanId);
    }
  }

  function spanRow(entry, total, step) {
    var span = entry.span;
    var error = span.status === 'ERROR';
    var row = el('div', 'span-row' + (entry.orphan ? ' orphan' : ''));
    row.setAttribute('data-span-id', span.spanId);
    row.setAttribute('data-parent-id', span.parentSpanId || '');
    row.setAttribute('data-depth', String(entry.depth));
    row.setAttribute('data-kind', span.kind);
    row.setAttribute('data-name', span.name);
    row.setAttribute('tabindex', '0');
    row.addEventListener('click', function () {
      selectSpan(span.spanId);
    });
    row.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        selectSpan(span.spanId);
      }
    });

    var name = el('div', 'span-name');
    name.style.paddingLeft = (12 + entry.depth * 18) + 'px';
    if (entry.depth > 0) {
      name.appendChild(el('span', 'guide', '\u2514'));
    }
    name.appendChild(el('span', 'kind-tag ' + (error ? 'error' : 'kind-' + span.kind), KIND_TAGS[span.kind] || span.kind));
    var label = el('span', 'label', span.name);
    label.title = span.name;
    name.appendChild(label);
    if (state.trace.services && state.trace.services.length > 1 && span.service) {
      name.appendChild(el('span', 'service-tag', span.service));
    }
    row.appendChild(name);

    var lane = el('div', 'span-lane');
    for (var at = step; at < total; at += step) {
      var gridline = el('div', 'gridline');
      gridline.style.left = (at / total * 100) + '%';
      lane.appendChild(gridline);
    }
    var left = span.startMs / total * 100;
    var width = span.durationMs / total * 100;
    var bar = el('div', 'span-bar ' + (error ? 'error' : 'kind-' + span.kind));
    bar.style.left = left + '%';
    bar.style.width = width + '%';
    span.events.forEach(function (event) {
      var marker = el('div', 'event' + (event.name === 'exception' ? ' exception' : ''));
      marker.style.left = span.durationMs > 0
        ? Math.min(100, Math.max(0, (event.timeMs - span.startMs) / span.durationMs * 100)) + '%' : '0';
      marker.title = event.name;
      bar.appendChild(marker);
    });
    lane.appendChild(bar);
    var barLabel = el('span', 'bar-label', formatDuration(span.durationMs));
    if (width > 14) {
      barLabel.classList.add('inside');
      barLabel.style.right = (100 - left - width) + '%';
      barLabel.style.marginRight = '6px';
    }
    else if (left + width > 80) {
      barLabel.style.right = (100 - left) + '%';
      barLabel.style.marginRight = '6px';
    }
    else {
      barLabel.style.left = 'calc(' + (left + width) + '% + 6px)';
    }
    lane.appendChild(barLabel);
    row.appendChild(lane);
    return row;
  }

  function selectSpan(spanId) {
    state.selectedSpanId = spanId;
    document.querySelectorAll('.span-row').forEach(function (row) {
      row.classList.toggle('selected', row.getAttribute('data-span-id') === spanId);
    });
    var span = state.trace && state.trace.spans.filter(function (candidate) {
      return candidate.spanId === spanId;
    })[0];
    if (span) {
      renderDetails(span);
    }
  }

  function keyValueTable(entries) {
    var table = el('table', 'kv');
    entries.forEach(function (entry) {
      var row = el('tr');
      row.appendChild(el('td', null, entry[0]));
      var value = entry[1];
      row.appendChild(el('td', null, typeof value === 'object' && value !== null ? JSON.stringify(value) : value));
      table.appendChild(row);
    });
    return table;
  }

  function attributeEntries(attributes) {
    return Object.keys(attributes).sort().map(function (key) {
      return [key, attributes[key]];
    });
  }

  function renderDetails(span) {
    var details = $('details');
    details.textContent = '';
    details.hidden = false;
    var close = el('button', 'close', '\u00d7');
    close.type = 'button';
    close.title = 'Close';
    close.addEventListener('click', function () {
      details.hidden = true;
      state.selectedSpanId = null;
      document.querySelectorAll('.span-row.selected').forEach(function (row) {
        row.classList.remove('selected');
      });
    });
    details.appendChild(close);
    details.appendChild(el('h2', 'details-title', span.name));

    var status = span.status + (span.statusDescription ? ': ' + span.statusDescription : '');
    details.appendChild(keyValueTable([
      ['kind', span.kind],
      ['status', status],
      ['start', '+' + formatDuration(span.startMs)],
      ['duration', formatDuration(span.durationMs)],
      ['service', span.service || ''],
      ['span id', span.spanId],
      ['parent id', span.parentSpanId || '(root)'],
      ['scope', span.scope + (span.scopeVersion ? ' ' + span.scopeVersion : '')]
    ]));

    details.appendChild(el('h3', null, 'Attributes'));
    var attributes = attributeEntries(span.attributes);
    if (span.droppedAttributes) {
      attributes.push(['(dropped)', span.droppedAttributes + ' attributes over the limit']);
    }
    details.appendChild(attributes.length ? keyValueTable(attributes) : el('p', 'muted', 'none'));

    details.appendChild(el('h3', null, 'Events'));
    if (!span.events.length) {
      details.appendChild(el('p', 'muted', 'none'));
    }
    span.events.forEach(function (event) {
      var exception = event.name === 'exception';
      var box = el('div', 'event-box' + (exception ? ' exception' : ''));
      var title = el('div', 'event-title', exception ? (event.attributes['exception.type'] || 'exception') : event.name);
      title.appendChild(el('span', 'muted', '  +' + formatDuration(event.timeMs)));
      box.appendChild(title);
      var rest = {};
      Object.keys(event.attributes).forEach(function (key) {
        if (key !== 'exception.stacktrace') {
          rest[key] = event.attributes[key];
        }
      });
      if (Object.keys(rest).length) {
        box.appendChild(keyValueTable(attributeEntries(rest)));
      }
      if (event.attributes['exception.stacktrace']) {
        box.appendChild(el('pre', 'stacktrace', event.attributes['exception.stacktrace']));
      }
      details.appendChild(box);
    });

    if (span.links.length) {
      details.appendChild(el('h3', null, 'Links'));
      details.appendChild(keyValueTable(span.links.map(function (link) {
        return [link.traceId, link.spanId];
      })));
    }

    var resource = (state.trace.resources && span.resource !== null && span.resource !== undefined)
      ? state.trace.resources[span.resource] : state.trace.resource;
    if (resource && Object.keys(resource).length) {
      details.appendChild(el('h3', null, 'Resource'));
      details.appendChild(keyValueTable(attributeEntries(resource)));
    }
  }

  /* Wiring */

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  document.addEventListener('DOMContentLoaded', function () {
    var reload = debounce(loadList, 250);
    $('filter-route').addEventListener('input', reload);
    $('filter-status').addEventListener('change', loadList);
    $('filter-kind').addEventListener('change', loadList);
    $('filter-min').addEventListener('input', reload);
    $('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      loadList();
    });
    document.querySelectorAll('th.sortable').forEach(function (header) {
      header.addEventListener('click', function () {
        state.sort = header.getAttribute('data-sort');
        renderList();
      });
    });
    window.addEventListener('hashchange', route);
    setInterval(function () {
      if (!$('auto-refresh').checked || document.hidden) {
        return;
      }
      if (state.traceId) {
        loadTrace();
      }
      else {
        loadList();
      }
    }, REFRESH_MS);
    route();
  });
}());
