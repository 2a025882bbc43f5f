/*
 * Hookbridge dashboard: six pages (overview, inbox, endpoints, deliveries, customers, event types) drawn from the REST API
 * under /api and nothing else. The browser's HTTP Basic login is the one the API checks, so a
 * viewer sees everything and the server itself refuses a viewer's changes (403), which the page shows.
 * Untrusted text (webhook bodies, headers, receivers' answers) is only ever set as textContent.
 */
'use strict';

// ---------------------------------------------------------------------------------------------
// Small helpers: formatting, the API client, messages (h() builds elements: ../shared/elements.js)
// ---------------------------------------------------------------------------------------------

function time(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function age(seconds) {
    if (seconds === null || seconds === undefined) return '—';
    if (seconds < 90) return seconds + ' s';
    if (seconds < 5400) return Math.round(seconds / 60) + ' min';
    if (seconds < 172800) return (seconds / 3600).toFixed(1) + ' h';
    return (seconds / 86400).toFixed(1) + ' d';
}

function percent(rate) {
    return rate === null || rate === undefined ? '—' : (rate * 100).toFixed(rate === 1 ? 0 : 1) + ' %';
}

// A value read from a header the provider's signature does not cover: anyone replaying the request could change it.
function unsignedNote(signed) {
    return signed === false ? h('span', {class: 'muted', 'data-field': 'unsigned'}, ' (from an unsigned header)') : null;
}

function statusBadge(status) {
    return h('span', {class: 'status ' + status}, status);
}

/** A problem details answer (RFC 9457) or any other failure of an API call. */
class ApiError extends Error {
    constructor(status, problem) {
        super(problem && (problem.detail || problem.title) || ('HTTP ' + status));
        this.status = status;
        this.problem = problem || {};
    }

    describe() {
        const field = this.problem.field ? ' (field ' + this.problem.field + ')' : '';
        if (this.status === 403) {
            return 'Refused by the server (403 ' + (this.problem.title || 'Forbidden') + '): ' + this.message;
        }
        return 'Failed (' + this.status + ' ' + (this.problem.title || '') + '): ' + this.message + field;
    }
}

/** Calls /api; answers the parsed JSON (or null), throws ApiError on any 4xx/5xx. */
async function api(method, path, body) {
    const options = {method, headers: {'Accept': 'application/json'}, credentials: 'same-origin'};
    if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
    }
    const response = await fetch('../api' + path, options);
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
}

function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
    const s = q.toString();
    return s ? '?' + s : '';
}

function showMessage(kind, text) {
    const box = document.getElementById('message');
    box.className = kind;
    box.textContent = text;
    box.hidden = false;
}

function clearMessage() {
    document.getElementById('message').hidden = true;
}

/**
 * Runs an API action and reports it. With a confirmation, the action runs only once the user said
 * yes: a click on a framed or spoofed page must not be enough to replay, retry, disable or rotate.
 */
async function act(description, action, confirmation) {
    if (confirmation && !window.confirm(confirmation)) {
        return undefined;
    }
    try {
        const result = await action();
        showMessage('ok', description);
        return result;
    } catch (e) {
        showMessage('error', e instanceof ApiError ? e.describe() : 'Failed: ' + e.message);
        return undefined;
    }
}

/** ISO time from a datetime-local input, read as UTC (every time on these pages is UTC). */
function utcFromInput(value) {
    return value ? new Date(value + ':00Z').toISOString().replace(/\.\d+Z$/, 'Z') : '';
}

function inputFromUtc(iso) {
    return iso ? iso.substring(0, 16) : '';
}

function hrefFor(page, params) {
    return '#/' + page + query(params || {});
}

// ---------------------------------------------------------------------------------------------
// Charts: stacked bars in inline SVG
// ---------------------------------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';

/** A stacked bar chart of buckets; series are [{key, label, color}], drawn bottom up. */
function barChart(buckets, series, bucketSeconds) {
    const width = 600, height = 90, gap = 2;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('preserveAspectRatio', 'none');
    const max = Math.max(1, ...buckets.map(b => series.reduce((sum, s) => sum + b[s.key], 0)));
    const barWidth = width / buckets.length;
    buckets.forEach((bucket, i) => {
        let y = height;
        for (const s of series) {
            const value = bucket[s.key];
            if (!value) continue;
            const barHeight = Math.max(1, value / max * (height - 4));
            y -= barHeight;
            const rect = document.createElementNS(SVG, 'rect');
            rect.setAttribute('x', String(i * barWidth + gap / 2));
            rect.setAttribute('y', String(y));
            rect.setAttribute('width', String(Math.max(1, barWidth - gap)));
            rect.setAttribute('height', String(barHeight));
            rect.setAttribute('fill', s.color);
            const title = document.createElementNS(SVG, 'title');
            title.textContent = `${time(bucket.start)} +${age(bucketSeconds)}: ${value} ${s.label}`;
            rect.append(title);
            svg.append(rect);
        }
    });
    const base = document.createElementNS(SVG, 'line');
    base.setAttribute('x1', '0'); base.setAttribute('x2', String(width));
    base.setAttribute('y1', String(height - 0.5)); base.setAttribute('y2', String(height - 0.5));
    base.setAttribute('stroke', '#d0d5dd');
    svg.append(base);
    return h('div', {class: 'chart'}, svg,
        h('div', {class: 'legend'}, series.map(s => h('span', {}, swatch(s.color), s.label)),
            h('span', {}, 'max ' + max + ' per ' + age(bucketSeconds))));
}

/** A legend's colour square; its colour set through the CSSOM, which the page's CSP allows (a style attribute it does not). */
function swatch(color) {
    const square = h('i', {});
    square.style.background = color;
    return square;
}

const INBOUND_SERIES = [
    {key: 'inboundProcessed', label: 'processed', color: '#1a8d5f'},
    {key: 'inboundWaiting', label: 'waiting', color: '#e0b252'},
    {key: 'inboundDead', label: 'dead', color: '#c53030'},
];
const OUTBOUND_SERIES = [
    {key: 'outboundDelivered', label: 'delivered', color: '#3e5bd8'},
    {key: 'outboundPending', label: 'pending', color: '#e0b252'},
    {key: 'outboundDead', label: 'dead', color: '#c53030'},
];

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

function figure(value, label, id) {
    return h('div', {class: 'figure'}, h('div', {class: 'value', 'data-figure': id}, value), h('div', {class: 'label'}, label));
}

async function overviewPage(main) {
    const [hour, day] = await Promise.all([
        api('GET', '/overview?window=PT1H&bucket=PT5M'),
        api('GET', '/overview?window=P1D&bucket=PT1H')]);
    for (const o of [hour, day]) {
        o.series.forEach(b => { b.inboundWaiting = b.inboundAccepted - b.inboundProcessed - b.inboundDead; });
    }
    const windowCards = [['last hour', hour, 'hour'], ['last 24 hours', day, 'day']].map(([label, o, id]) => [
        h('div', {class: 'card'}, h('h3', {}, 'Inbound · ' + label),
            h('div', {class: 'figures'},
                figure(o.inbound.accepted, 'accepted', 'inbound-accepted-' + id),
                figure(o.inbound.processed, 'processed', 'inbound-processed-' + id),
                figure(o.inbound.dead, 'dead', 'inbound-dead-' + id)),
            barChart(o.series, INBOUND_SERIES, o.bucketSeconds)),
        h('div', {class: 'card'}, h('h3', {}, 'Outbound · ' + label),
            h('div', {class: 'figures'},
                figure(o.outbound.delivered, 'delivered', 'outbound-delivered-' + id),
                figure(o.outbound.pending, 'still pending', 'outbound-pending-' + id),
                figure(o.outbound.dead, 'dead', 'outbound-dead-' + id)),
            barChart(o.series, OUTBOUND_SERIES, o.bucketSeconds))]);
    const oldest = hour.oldestPending;
    const backlog = h('div', {class: 'card'}, h('h3', {}, 'Delivery backlog · now'),
        h('div', {class: 'figures'},
            figure(hour.pendingNow, 'pending deliveries', 'pending-now'),
            figure(oldest ? age(oldest.ageSeconds) : '—', 'oldest pending', 'oldest-pending')),
        oldest ? h('p', {class: 'muted'}, 'Oldest: ', h('a', {href: '#/deliveries/' + oldest.deliveryId}, 'delivery ' + oldest.deliveryId),
            ' for ', oldest.endpointId, ', created ', time(oldest.createdAt)) : h('p', {class: 'muted'}, 'Nothing is waiting.'));
    const failing = hour.failingEndpoints;
    main.append(
        h('h1', {}, 'Overview'),
        h('div', {class: 'actions'}, h('button', {onclick: () => route()}, 'Refresh'),
            h('span', {class: 'muted'}, 'As of ' + time(hour.to))),
        h('div', {class: 'cards'}, windowCards.flat(), backlog),
        h('h2', {}, 'Endpoints failing now (' + failing.length + ')'),
        failing.length === 0 ? h('p', {class: 'muted'}, 'Every endpoint\'s last attempt succeeded.') :
            h('table', {id: 'failing-endpoints'},
                h('tr', {}, h('th', {}, 'Endpoint'), h('th', {}, 'State'), h('th', {}, 'Failing since'),
                    h('th', {}, 'Failures in a row'), h('th', {}, 'Last success'), h('th', {}, '')),
                failing.map(e => h('tr', {},
                    h('td', {}, h('div', {}, e.url), h('div', {class: 'muted mono'}, e.id)),
                    h('td', {}, statusBadge(e.enabled ? 'FAILING' : 'DISABLED'),
                        e.disabledReason ? h('div', {class: 'muted'}, e.disabledReason) : null),
                    h('td', {}, time(e.failingSince)),
                    h('td', {class: 'num'}, e.consecutiveFailures),
                    h('td', {}, time(e.lastSuccessAt)),
                    h('td', {}, h('a', {href: hrefFor('deliveries', {endpoint: e.id, status: 'DEAD'})}, 'dead deliveries'))))));
}

async function inboxPage(main, params) {
    const sources = await api('GET', '/sources?limit=500');
    const filter = h('form', {class: 'filters', id: 'inbox-filter'},
        h('label', {}, 'Source', h('select', {name: 'source'}, h('option', {value: ''}, 'any'),
            sources.items.map(s => h('option', {value: s.name, selected: s.name === params.source}, s.name)))),
        h('label', {}, 'Status', h('select', {name: 'status'}, ['', 'RECEIVED', 'PROCESSED', 'DEAD'].map(s =>
            h('option', {value: s, selected: s === (params.status || '')}, s || 'any')))),
        h('label', {}, 'Type (exact or prefix*)', h('input', {name: 'type', value: params.type || '', placeholder: 'invoice.*'})),
        h('label', {}, 'Received since (UTC)', h('input', {type: 'datetime-local', name: 'since', value: inputFromUtc(params.since)})),
        h('label', {}, 'until (UTC)', h('input', {type: 'datetime-local', name: 'until', value: inputFromUtc(params.until)})),
        h('button', {type: 'submit', class: 'primary'}, 'Filter'));
    filter.addEventListener('submit', event => {
        event.preventDefault();
        const f = new FormData(filter);
        location.hash = hrefFor('inbox', {source: f.get('source'), status: f.get('status'), type: f.get('type'),
            since: utcFromInput(f.get('since')), until: utcFromInput(f.get('until'))});
    });
    const table = h('table', {id: 'inbox'}, h('tr', {}, ['Id', 'Received', 'Source', 'Type', 'Event id', 'Status',
        'Attempts', 'Last error'].map(t => h('th', {}, t))));
    main.append(h('h1', {}, 'Inbox'), filter, table);
    await pagedRows(main, table, after => '/inbox' + query({source: params.source, status: params.status, type: params.type,
        since: params.since, until: params.until, after, limit: 50}), e =>
        h('tr', {class: 'clickable', 'data-id': e.id, onclick: () => { location.hash = '#/inbox/' + e.id; }},
            h('td', {class: 'mono'}, e.id), h('td', {}, time(e.receivedAt)), h('td', {}, e.source), h('td', {}, e.eventType || '—'),
            h('td', {class: 'mono'}, e.eventId), h('td', {}, statusBadge(e.status)), h('td', {class: 'num'}, e.attempts),
            h('td', {class: 'error-text'}, e.lastError || '')));
}

/** Fills a table from a keyset-paged list, with a "More" button that follows the next cursor. */
async function pagedRows(main, table, pathFor, row) {
    let after = null;
    const more = h('button', {id: 'more'}, 'More');
    const empty = h('p', {class: 'muted', hidden: true}, 'Nothing matches.');
    async function load() {
        const page = await api('GET', pathFor(after));
        page.items.forEach(item => table.append(row(item)));
        after = page.next;
        more.hidden = !after;
        empty.hidden = table.rows.length > 1;
    }
    more.addEventListener('click', () => load().catch(showError));
    main.append(empty, h('div', {class: 'actions'}, more));
    await load();
}

async function inboxEventPage(main, id) {
    const e = await api('GET', '/inbox/' + encodeURIComponent(id));
    let body = e.body;
    if (e.bodyEncoding === 'utf-8') {
        try { body = JSON.stringify(JSON.parse(e.body), null, 2); } catch (ignored) { /* not JSON: shown as received */ }
    }
    const headers = Object.entries(e.headers || {});
    main.append(
        h('h1', {}, 'Inbox event ' + e.id),
        h('p', {}, h('a', {href: hrefFor('inbox', {source: e.source})}, '← inbox of ' + e.source)),
        h('div', {class: 'actions'},
            h('button', {class: 'primary', id: 'replay', onclick: async () => {
                const done = await act('Replay queued (202): event ' + e.id + ' is processed again.',
                    () => api('POST', '/inbox/' + e.id + '/replay'),
                    'Replay inbox event ' + e.id + '? It is processed and published on webhooks.events again.');
                if (done !== undefined) setTimeout(() => route(true), 1500);
            }}, 'Replay'),
            h('span', {class: 'muted'}, 'Processes the event again and publishes it again on webhooks.events.')),
        h('dl', {class: 'fields', id: 'inbox-event'},
            h('dt', {}, 'Status'), h('dd', {'data-field': 'status'}, statusBadge(e.status)),
            h('dt', {}, 'Source'), h('dd', {}, e.source),
            h('dt', {}, 'Event id'), h('dd', {class: 'mono'}, e.eventId, unsignedNote(e.eventIdSigned)),
            h('dt', {}, 'Type'), h('dd', {}, e.eventType || '—', e.eventType ? unsignedNote(e.eventTypeSigned) : null),
            h('dt', {}, 'Received'), h('dd', {}, time(e.receivedAt)),
            h('dt', {}, 'Processed'), h('dd', {}, time(e.processedAt)),
            h('dt', {}, 'Processing attempts'), h('dd', {}, e.attempts),
            h('dt', {}, 'Last error'), h('dd', {class: 'error-text'}, e.lastError || '—'),
            h('dt', {}, 'Conflicting duplicates'), h('dd', {}, e.conflicts),
            h('dt', {}, 'Content type'), h('dd', {}, e.contentType || '—')),
        h('h2', {}, 'Headers'),
        h('table', {id: 'headers'}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Value')),
            headers.map(([name, values]) => h('tr', {}, h('td', {class: 'mono'}, name), h('td', {class: 'mono'}, values.join(', '))))),
        h('h2', {}, 'Body' + (e.bodyEncoding === 'base64' ? ' (base64: not UTF-8)' : '')),
        h('pre', {id: 'body'}, body));
}

function endpointEditor(existing, onSaved) {
    const v = existing || {eventTypes: [], sources: [], enabled: true, headers: {}};
    const form = h('form', {class: 'editor', id: 'endpoint-editor'},
        h('label', {}, 'URL', h('input', {name: 'url', value: v.url || '', required: true, size: 40})),
        h('label', {}, 'Event types (comma-separated; prefix*)', h('input', {name: 'eventTypes', value: v.eventTypes.join(', ')})),
        h('label', {}, 'Inbound sources (comma-separated, optional)', h('input', {name: 'sources', value: v.sources.join(', ')})),
        h('label', {}, 'Description', h('input', {name: 'description', value: v.description || ''})),
        h('label', {}, 'Rate limit per second (optional)', h('input', {name: 'rateLimitPerSecond', type: 'number', min: 1,
            value: v.rateLimitPerSecond || ''})),
        h('label', {}, 'Receives', h('select', {name: 'operator'},
            h('option', {value: 'false', selected: !v.operator}, 'the shop\'s events'),
            h('option', {value: 'true', selected: !!v.operator}, 'operational events (operator endpoint)'))),
        h('label', {}, 'Enabled', h('select', {name: 'enabled'}, h('option', {value: 'true', selected: v.enabled}, 'yes'),
            h('option', {value: 'false', selected: !v.enabled}, 'no'))),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, existing ? 'Save' : 'Create endpoint')));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const f = new FormData(form);
        const list = name => String(f.get(name) || '').split(',').map(s => s.trim()).filter(Boolean);
        const definition = {url: f.get('url'), eventTypes: list('eventTypes'), sources: list('sources'),
            description: f.get('description') || null, operator: f.get('operator') === 'true', enabled: f.get('enabled') === 'true',
            rateLimitPerSecond: f.get('rateLimitPerSecond') ? Number(f.get('rateLimitPerSecond')) : null, headers: v.headers || {},
            eventVersions: v.eventVersions || null, customer: v.customer || null};
        const saved = await act(existing ? 'Endpoint saved.' : 'Endpoint created.', () => existing
            ? api('PUT', '/endpoints/' + existing.id, definition) : api('POST', '/endpoints', definition));
        if (saved) onSaved(saved);
    });
    return form;
}

/** The definition PUT needs to change one thing of an endpoint (the API replaces endpoints whole). */
function definitionOf(e, changes) {
    return Object.assign({url: e.url, eventTypes: e.eventTypes, sources: e.sources, description: e.description,
        operator: e.operator, enabled: e.enabled, rateLimitPerSecond: e.rateLimitPerSecond, headers: e.headers,
        eventVersions: e.eventVersions, customer: e.customer}, changes);
}

/** A secret the API just answered (create), shown once on the endpoint's page and then forgotten. */
let secretToShow = null;

function secretBox(endpointId, secret) {
    return h('div', {class: 'secret', id: 'secret'}, h('strong', {}, 'Secret of ' + endpointId + ' — copy it now, it is not shown again: '),
        h('div', {class: 'mono', 'data-secret': ''}, secret));
}

async function endpointsPage(main, params) {
    const slot = h('div');
    const table = h('table', {id: 'endpoints'}, h('tr', {}, ['Endpoint', 'Customer', 'Event types', 'State', 'Success (24 h)',
        'Last success', 'Failures in a row', 'Failing since', ''].map(t => h('th', {}, t))));
    const filter = h('form', {class: 'filters', id: 'endpoint-filter'},
        h('label', {}, 'Customer id', h('input', {name: 'customer', value: params.customer || '', placeholder: 'any'})),
        h('button', {type: 'submit', class: 'primary'}, 'Filter'));
    filter.addEventListener('submit', event => {
        event.preventDefault();
        location.hash = hrefFor('endpoints', {customer: new FormData(filter).get('customer')});
    });
    main.append(h('h1', {}, 'Endpoints' + (params.customer ? ' of customer ' + params.customer : '')), filter,
        h('div', {class: 'actions'}, h('button', {class: 'primary', id: 'new-endpoint', onclick: () => {
            slot.replaceChildren(endpointEditor(null, created => {
                secretToShow = {id: created.id, secret: created.secret};
                location.hash = '#/endpoints/' + created.id;
            }));
        }}, 'New endpoint')), slot, table);
    await pagedRows(main, table, after => '/endpoints' + query({customer: params.customer, after, limit: 100}), e => {
        const health = e.health || {};
        return h('tr', {class: 'clickable', 'data-id': e.id, onclick: () => { location.hash = '#/endpoints/' + e.id; }},
            h('td', {}, h('div', {}, e.url), h('div', {class: 'muted'}, e.description || ''), h('div', {class: 'muted mono'}, e.id)),
            h('td', {class: 'mono'}, e.customer || '—'),
            h('td', {class: 'mono'}, e.eventTypes.join(', ')),
            h('td', {}, statusBadge(!e.enabled ? 'DISABLED' : health.consecutiveFailures > 0 ? 'FAILING' : 'ENABLED'),
                e.disabledReason ? h('div', {class: 'muted'}, e.disabledReason) : null),
            h('td', {class: 'num'}, percent(health.successRate), h('div', {class: 'muted'}, health.attemptsLastDay + ' attempts')),
            h('td', {}, time(health.lastSuccessAt)),
            h('td', {class: 'num'}, health.consecutiveFailures),
            h('td', {}, time(health.failingSince)),
            h('td', {}, h('a', {href: hrefFor('deliveries', {endpoint: e.id}), onclick: ev => ev.stopPropagation()}, 'deliveries')));
    });
}

async function endpointPage(main, id) {
    const e = await api('GET', '/endpoints/' + encodeURIComponent(id));
    const health = e.health || {};
    const slot = h('div');
    if (secretToShow && secretToShow.id === e.id) {
        slot.append(secretBox(e.id, secretToShow.secret));
    }
    secretToShow = null;
    const dayAgo = new Date(Date.now() - 86400000).toISOString();
    const since = h('input', {type: 'datetime-local', name: 'since', value: inputFromUtc(dayAgo)});
    main.append(
        h('h1', {}, 'Endpoint ' + e.id),
        h('p', {}, h('a', {href: '#/endpoints'}, '← endpoints'), ' · ',
            h('a', {href: hrefFor('deliveries', {endpoint: e.id})}, 'its deliveries')),
        h('div', {class: 'actions'},
            h('button', {id: 'edit', onclick: () => slot.replaceChildren(endpointEditor(e, () => route(true)))}, 'Edit'),
            h('button', {id: 'toggle', class: e.enabled ? 'danger' : '', onclick: async () => {
                const saved = await act(e.enabled ? 'Endpoint disabled: its deliveries wait.' : 'Endpoint enabled.',
                    () => api('PUT', '/endpoints/' + e.id, definitionOf(e, {enabled: !e.enabled})),
                    e.enabled ? 'Disable endpoint ' + e.id + '? Its deliveries wait until it is enabled again.' : undefined);
                if (saved) route(true);
            }}, e.enabled ? 'Disable' : 'Enable'),
            h('button', {id: 'rotate', onclick: async () => {
                const rotated = await act('Secret rotated; the old one keeps signing for the grace period.',
                    () => api('POST', '/endpoints/' + e.id + '/rotate-secret'),
                    'Rotate the signing secret of endpoint ' + e.id + '? The receiver must take the new one within the grace period.');
                if (rotated) slot.replaceChildren(secretBox(e.id, rotated.secret));
            }}, 'Rotate secret'),
            h('label', {}, 'Recover dead deliveries since (UTC)', since),
            h('button', {id: 'recover', onclick: async () => {
                const done = await act('Recovery queued.', () => api('POST', '/endpoints/' + e.id + '/recover'
                    + query({since: utcFromInput(since.value)})),
                    'Send the dead deliveries of endpoint ' + e.id + ' again?');
                if (done) showMessage('ok', 'Recovery queued (202): ' + done.requeued + ' dead deliveries sent again.');
            }}, 'Recover')),
        slot,
        h('dl', {class: 'fields', id: 'endpoint'},
            h('dt', {}, 'URL'), h('dd', {}, e.url),
            h('dt', {}, 'Customer'), h('dd', {'data-field': 'customer'}, e.customer || '— (the shop\'s own)'),
            h('dt', {}, 'State'), h('dd', {}, statusBadge(!e.enabled ? 'DISABLED' : health.consecutiveFailures > 0 ? 'FAILING' : 'ENABLED')),
            h('dt', {}, 'Disabled reason'), h('dd', {}, e.disabledReason || '—'),
            h('dt', {}, 'Receives'), h('dd', {}, e.operator ? 'operational events (operator endpoint)' : 'the shop\'s events'),
            h('dt', {}, 'Event types'), h('dd', {class: 'mono'}, e.eventTypes.join(', ')),
            h('dt', {}, 'Pinned versions'), h('dd', {class: 'mono', 'data-field': 'event-versions'},
                Object.entries(e.eventVersions || {}).map(([type, version]) => type + ' v' + version).join(', ') || '— (the version published)'),
            h('dt', {}, 'Inbound sources'), h('dd', {}, e.sources.length ? e.sources.join(', ') : '— (published events)'),
            h('dt', {}, 'Description'), h('dd', {}, e.description || '—'),
            h('dt', {}, 'Rate limit'), h('dd', {}, e.rateLimitPerSecond ? e.rateLimitPerSecond + ' / s' : '—'),
            h('dt', {}, 'Extra headers'), h('dd', {class: 'mono'}, Object.keys(e.headers || {}).join(', ') || '—'),
            h('dt', {}, 'Success rate (24 h)'), h('dd', {}, percent(health.successRate) + ' of ' + health.attemptsLastDay + ' attempts'),
            h('dt', {}, 'Last success'), h('dd', {}, time(health.lastSuccessAt)),
            h('dt', {}, 'Last failure'), h('dd', {}, time(health.lastFailureAt)),
            h('dt', {}, 'Failures in a row'), h('dd', {}, health.consecutiveFailures),
            h('dt', {}, 'Failing since'), h('dd', {}, time(health.failingSince)),
            h('dt', {}, 'Created'), h('dd', {}, time(e.createdAt)),
            h('dt', {}, 'Updated'), h('dd', {}, time(e.updatedAt))));
}

async function deliveriesPage(main, params) {
    const endpoints = await api('GET', '/endpoints?limit=500');
    const urls = Object.fromEntries(endpoints.items.map(e => [e.id, e.url]));
    const filter = h('form', {class: 'filters', id: 'delivery-filter'},
        h('label', {}, 'Endpoint', h('select', {name: 'endpoint'}, h('option', {value: ''}, 'any'),
            endpoints.items.map(e => h('option', {value: e.id, selected: e.id === params.endpoint}, e.url + ' (' + e.id + ')')))),
        h('label', {}, 'Status', h('select', {name: 'status'}, ['', 'PENDING', 'DELIVERED', 'DEAD'].map(s =>
            h('option', {value: s, selected: s === (params.status || '')}, s || 'any')))),
        h('label', {}, 'Event id', h('input', {name: 'event', value: params.event || ''})),
        h('label', {}, 'Customer id', h('input', {name: 'customer', value: params.customer || ''})),
        h('button', {type: 'submit', class: 'primary'}, 'Filter'));
    filter.addEventListener('submit', event => {
        event.preventDefault();
        const f = new FormData(filter);
        location.hash = hrefFor('deliveries', {endpoint: f.get('endpoint'), status: f.get('status'), event: f.get('event'),
            customer: f.get('customer')});
    });
    const table = h('table', {id: 'deliveries'}, h('tr', {}, ['Id', 'Created', 'Event', 'Endpoint', 'Status', 'Attempts (round)',
        'Last code', 'Last error', 'Next attempt'].map(t => h('th', {}, t))));
    main.append(h('h1', {}, 'Deliveries'), filter, table);
    await pagedRows(main, table, after => '/deliveries' + query({endpoint: params.endpoint, status: params.status,
        event: params.event, customer: params.customer, after, limit: 50}), d =>
        h('tr', {class: 'clickable', 'data-id': d.id, onclick: () => { location.hash = '#/deliveries/' + d.id; }},
            h('td', {class: 'mono'}, d.id), h('td', {}, time(d.createdAt)),
            h('td', {}, h('div', {}, d.eventType), h('div', {class: 'muted mono'}, d.eventId)),
            h('td', {}, urls[d.endpointId] || d.endpointId), h('td', {}, statusBadge(d.status)),
            h('td', {class: 'num'}, d.attemptCount), h('td', {class: 'num'}, d.lastStatusCode ?? '—'),
            h('td', {class: 'error-text'}, d.lastError || ''), h('td', {}, time(d.nextAttemptAt))));
}

async function deliveryPage(main, id) {
    const d = await api('GET', '/deliveries/' + encodeURIComponent(id));
    main.append(
        h('h1', {}, 'Delivery ' + d.id),
        h('p', {}, h('a', {href: hrefFor('deliveries', {endpoint: d.endpointId})}, '← deliveries of ' + d.endpointId)),
        h('div', {class: 'actions'},
            h('button', {class: 'primary', id: 'retry', onclick: async () => {
                const done = await act('Retry queued (202): delivery ' + d.id + ' is sent again now.',
                    () => api('POST', '/deliveries/' + d.id + '/retry'),
                    'Send delivery ' + d.id + ' again now?');
                if (done !== undefined) watchDelivery(d.id);
            }}, 'Retry'),
            h('span', {class: 'muted'}, 'Sends it again now, with a fresh retry schedule.')),
        h('dl', {class: 'fields', id: 'delivery'},
            h('dt', {}, 'Status'), h('dd', {'data-field': 'status'}, statusBadge(d.status)),
            h('dt', {}, 'Event'), h('dd', {}, d.eventType + ' · ', h('span', {class: 'mono'}, d.eventId)),
            h('dt', {}, 'Endpoint'), h('dd', {}, h('a', {href: '#/endpoints/' + d.endpointId}, d.endpointId)),
            h('dt', {}, 'Attempts this round'), h('dd', {}, d.attemptCount),
            h('dt', {}, 'Next attempt'), h('dd', {}, time(d.nextAttemptAt)),
            h('dt', {}, 'Last status code'), h('dd', {}, d.lastStatusCode ?? '—'),
            h('dt', {}, 'Last error'), h('dd', {class: 'error-text'}, d.lastError || '—'),
            h('dt', {}, 'Created'), h('dd', {}, time(d.createdAt)),
            h('dt', {}, 'Delivered'), h('dd', {}, time(d.deliveredAt))),
        h('h2', {}, 'All attempts, every round (' + d.attempts.length + ')'),
        h('table', {id: 'attempts'}, h('tr', {}, ['#', 'Time', 'Status code', 'Latency', 'Response (first 4 KiB)', 'Error']
            .map(t => h('th', {}, t))),
            d.attempts.map((a, i) => h('tr', {},
                h('td', {class: 'num'}, i + 1), h('td', {}, time(a.attemptedAt)), h('td', {class: 'num'}, a.statusCode ?? '—'),
                h('td', {class: 'num'}, a.latencyMs + ' ms'), h('td', {}, h('div', {class: 'mono'}, a.response || '')),
                h('td', {class: 'error-text'}, a.error || '')))));
}

async function customersPage(main) {
    const table = h('table', {id: 'customers'}, h('tr', {}, ['Customer', 'Name', 'Endpoints', 'Failing or disabled', 'Created', '']
        .map(t => h('th', {}, t))));
    const portalLink = h('div', {id: 'portal-link'});
    main.append(h('h1', {}, 'Customers'),
        h('p', {class: 'muted'}, 'Events published for a customer reach only its endpoints. A customer manages its own endpoints ',
            'and deliveries in the portal, through a link your site opens for it (POST /api/customers/{id}/portal-sessions); ',
            '"portal" opens one here, for support.'), portalLink, table);
    await pagedRows(main, table, after => '/customers' + query({after, limit: 100}), c =>
        h('tr', {'data-id': c.id},
            h('td', {class: 'mono'}, c.id), h('td', {}, c.name || '—'), h('td', {class: 'num'}, c.endpoints),
            h('td', {class: 'num'}, c.failingEndpoints > 0 ? statusBadge('FAILING') : null, ' ', c.failingEndpoints),
            h('td', {}, time(c.createdAt)),
            h('td', {}, h('a', {href: hrefFor('endpoints', {customer: c.id}), class: 'customer-endpoints'}, 'endpoints'), ' · ',
                h('a', {href: hrefFor('deliveries', {customer: c.id}), class: 'customer-deliveries'}, 'deliveries'), ' · ',
                h('button', {class: 'customer-portal', onclick: () => openPortal(c, portalLink)}, 'portal'))));
}

/** Opens a portal session for the customer and shows its link (a new tab would be a pop-up the browser blocks after the call). */
async function openPortal(customer, slot) {
    const session = await act('Portal session opened for ' + customer.id + '.',
        () => api('POST', '/customers/' + encodeURIComponent(customer.id) + '/portal-sessions', {}),
        'Open a portal session for customer ' + customer.id + '? Whoever has its link manages the customer\'s endpoints until it expires.');
    if (session) {
        slot.replaceChildren(h('p', {class: 'notice'}, 'Portal of ', h('strong', {}, customer.name || customer.id), ' until ',
            time(session.expiresAt), ': ', h('a', {href: session.url, target: '_blank', rel: 'noopener noreferrer', id: 'portal-url'},
                'open the portal'), ' (the link holds the session\'s token: give it only to this customer).'));
    }
}

async function eventTypesPage(main) {
    const table = h('table', {id: 'event-types'}, h('tr', {}, ['Type', 'Group', 'Latest version', 'Compatibility', 'State',
        'Updated'].map(t => h('th', {}, t))));
    main.append(h('h1', {}, 'Event types'),
        h('p', {class: 'muted'}, 'The catalog of event types and their versioned JSON Schemas; events of these types are checked ',
            'when they are published. Receivers\' tools read it as OpenAPI: ',
            h('a', {href: '../api/catalog/openapi.json', id: 'catalog-openapi'}, '/api/catalog/openapi.json'), '.'),
        table);
    await pagedRows(main, table, after => '/event-types' + query({after, limit: 100}), t =>
        h('tr', {class: 'clickable', 'data-id': t.name, onclick: () => { location.hash = '#/event-types/' + encodeURIComponent(t.name); }},
            h('td', {class: 'mono'}, t.name, h('div', {class: 'muted'}, t.description || '')), h('td', {}, t.group || '—'),
            h('td', {class: 'num'}, t.latestVersion), h('td', {}, t.compatibility),
            h('td', {}, statusBadge(t.deprecated ? 'DEPRECATED' : 'ACTIVE')), h('td', {}, time(t.updatedAt))));
}

async function eventTypePage(main, name) {
    const t = await api('GET', '/event-types/' + encodeURIComponent(name));
    const versions = Object.keys(t.schemas).map(Number).sort((a, b) => b - a);
    main.append(
        h('h1', {}, 'Event type ' + t.name),
        h('p', {}, h('a', {href: '#/event-types'}, '← event types')),
        h('div', {}, t.deprecated ? h('p', {class: 'error-text', id: 'deprecated-warning'},
            'Deprecated: events of this type are still published and delivered, each counted in hookbridge_events_deprecated_total ',
            'and logged as a warning. Move publishers and receivers to another type.') : null),
        h('dl', {class: 'fields', id: 'event-type'},
            h('dt', {}, 'Description'), h('dd', {}, t.description || '—'),
            h('dt', {}, 'Group'), h('dd', {}, t.group || '—'),
            h('dt', {}, 'State'), h('dd', {}, statusBadge(t.deprecated ? 'DEPRECATED' : 'ACTIVE')),
            h('dt', {}, 'Compatibility'), h('dd', {}, t.compatibility),
            h('dt', {}, 'Latest version'), h('dd', {}, t.latestVersion),
            h('dt', {}, 'Created'), h('dd', {}, time(t.createdAt)),
            h('dt', {}, 'Updated'), h('dd', {}, time(t.updatedAt))),
        ...versions.map(v => h('section', {class: 'version', 'data-version': v},
            h('h2', {}, 'Version ' + v + (v === t.latestVersion ? ' (latest)' : '')),
            h('h3', {}, 'Schema'), h('pre', {class: 'schema'}, JSON.stringify(t.schemas[v], null, 2)),
            h('h3', {}, 'Example'), t.examples[v] === undefined ? h('p', {class: 'muted'}, 'No example.')
                : h('pre', {class: 'example'}, JSON.stringify(t.examples[v], null, 2)))));
}

/** After a retry: redraws the delivery every second until it is no longer pending (at most a minute). */
function watchDelivery(id) {
    let rounds = 0;
    const timer = setInterval(async () => {
        rounds++;
        if (location.hash !== '#/deliveries/' + id || rounds > 60) { clearInterval(timer); return; }
        const d = await api('GET', '/deliveries/' + encodeURIComponent(id)).catch(() => null);
        if (d && (d.status !== 'PENDING' || rounds % 5 === 0)) {
            await route(true);
            if (d.status !== 'PENDING') clearInterval(timer);
        }
    }, 1000);
}

// ---------------------------------------------------------------------------------------------
// Routing: #/page[/id][?filters]
// ---------------------------------------------------------------------------------------------

function showError(e) {
    showMessage('error', e instanceof ApiError ? e.describe() : 'Failed: ' + e.message);
}

/** Counts route() calls: a page that finishes drawing after a newer one was asked for is dropped. */
let routeNumber = 0;

/** Draws the page the address names; keepMessage leaves the last action's result on screen. */
async function route(keepMessage) {
    const number = ++routeNumber;
    const [path, search] = (location.hash.replace(/^#\/?/, '') || 'overview').split('?');
    const [page, id] = path.split('/');
    const params = Object.fromEntries(new URLSearchParams(search || ''));
    if (keepMessage !== true) clearMessage();
    document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === page));
    const main = h('main', {id: 'page', 'data-page': page, 'data-route': location.hash});
    try {
        switch (page) {
            case 'inbox': await (id ? inboxEventPage(main, id) : inboxPage(main, params)); break;
            case 'endpoints': await (id ? endpointPage(main, id) : endpointsPage(main, params)); break;
            case 'customers': await customersPage(main); break;
            case 'deliveries': await (id ? deliveryPage(main, id) : deliveriesPage(main, params)); break;
            case 'event-types': await (id ? eventTypePage(main, decodeURIComponent(id)) : eventTypesPage(main)); break;
            default: await overviewPage(main);
        }
    } catch (e) {
        showError(e);
    }
    if (number !== routeNumber) return; // the address changed meanwhile: its own route() draws it
    main.setAttribute('data-ready', 'true');
    document.getElementById('page').replaceWith(main);
}

window.addEventListener('hashchange', () => route());
route();
