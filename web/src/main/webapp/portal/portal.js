/*
 * Hookbridge customer portal: one customer's own endpoints and deliveries, drawn from the REST API
 * under /api and nothing else, with the bearer token of a portal session. The shop opens the page at
 * /portal/#token=hbp_… (in the fragment, so the token never reaches a server's log); the page keeps
 * it in sessionStorage and takes it out of the address bar at once.
 * Untrusted text (endpoint URLs and descriptions, event types, webhook bodies, headers, receivers'
 * answers, problem details) is only ever set as textContent, and no address from the API becomes a link.
 * No inline script or style anywhere: the page is served with CSP default-src 'self'.
 */
'use strict';

// ---------------------------------------------------------------------------------------------
// Small helpers: formatting (h() and append() build elements: ../shared/elements.js)
// ---------------------------------------------------------------------------------------------

const LOCAL_TIME = {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'};

/** A time in the browser's own time zone, with the ISO value the API answered as its title. */
function when(iso) {
    if (!iso) return '—';
    const date = new Date(iso);
    if (isNaN(date.getTime())) return String(iso);
    return h('time', {datetime: String(iso), title: String(iso)}, date.toLocaleString(undefined, LOCAL_TIME));
}

/** The value of a datetime-local input for this moment, in the browser's time zone. */
function localInputValue(date) {
    const two = n => String(n).padStart(2, '0');
    return date.getFullYear() + '-' + two(date.getMonth() + 1) + '-' + two(date.getDate())
        + 'T' + two(date.getHours()) + ':' + two(date.getMinutes());
}

/** A datetime-local input's value (local time) as a UTC ISO instant ending in Z; '' when unreadable. */
function isoFromLocalInput(value) {
    if (!value) return '';
    const date = new Date(value); // a date-time without an offset is local time
    return isNaN(date.getTime()) ? '' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const BADGES = ['DELIVERED', 'PENDING', 'DEAD', 'ENABLED', 'DISABLED', 'FAILING', 'DEPRECATED'];

function statusBadge(status) {
    return h('span', {class: 'status ' + (BADGES.includes(status) ? status : 'OTHER')}, status || '—');
}

function endpointState(e) {
    if (!e.enabled) return 'DISABLED';
    return e.health && e.health.consecutiveFailures > 0 ? 'FAILING' : 'ENABLED';
}

function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
    const s = q.toString();
    return s ? '?' + s : '';
}

function hrefFor(page, params) {
    return '#/' + page + query(params || {});
}

const enc = encodeURIComponent;

/**
 * A table in a wrapper that scrolls sideways on a narrow screen; answers [wrapper, tbody]. A stacked
 * one is drawn as one card per row there instead (portal.css), its cells labelled by their data-label.
 */
function tableOf(id, headings, stacked) {
    const body = h('tbody');
    const table = h('table', {id, class: stacked ? 'stack' : null}, h('thead', {}, h('tr', {}, headings.map(t => h('th', {}, t)))), body);
    return [h('div', {class: 'table-wrap'}, table), body];
}

function splitList(text) {
    return String(text || '').split(',').map(s => s.trim()).filter(Boolean);
}

function unique(values) {
    return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------------
// The shop's name, for the messages that send the customer back to it
// ---------------------------------------------------------------------------------------------

function meta(name) {
    const element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.content.trim() : '';
}

const SHOP_NAME = meta('hookbridge-shop-name') || 'the shop';
const SHOP_URL = /^https?:\/\//i.test(meta('hookbridge-shop-url')) ? meta('hookbridge-shop-url') : '';

/** "the shop's site", a link to it when the page knows its address (leaving the iframe, if any). */
function shopSite() {
    const text = SHOP_NAME + "'s site";
    return SHOP_URL ? h('a', {href: SHOP_URL, target: '_top', rel: 'noopener noreferrer'}, text) : text;
}

// ---------------------------------------------------------------------------------------------
// The portal session's token
// ---------------------------------------------------------------------------------------------

const TOKEN_KEY = 'hookbridge.portal.token';

/** The token when sessionStorage refuses (a framed page whose browser blocks third-party storage). */
let memoryToken = null;
/** Kept in sessionStorage once a call answered 401, so that a reload still says the session ended. */
const ENDED_KEY = 'hookbridge.portal.ended';
/** True once a call answered 401: the token was dropped and the page says the session ended. */
let sessionEnded = (() => {
    try { return sessionStorage.getItem(ENDED_KEY) === 'true'; } catch (e) { return false; }
})();
/** GET portal/session's answer, read once per token. */
let session = null;

function storedToken() {
    try {
        return sessionStorage.getItem(TOKEN_KEY) || memoryToken;
    } catch (e) {
        return memoryToken;
    }
}

function storeToken(token) {
    memoryToken = token;
    try {
        sessionStorage.setItem(TOKEN_KEY, token);
    } catch (e) { /* kept in memory only: a reload loses it */ }
}

function dropToken() {
    memoryToken = null;
    session = null;
    try {
        sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* nothing stored */ }
}

/**
 * Takes token=… out of the fragment (#token=hbp_…, or #/route?…&token=hbp_…), keeps it, and puts the
 * address back without it, keeping the route (#/endpoints when there is none).
 */
function takeTokenFromFragment() {
    const fragment = location.hash.replace(/^#/, '');
    if (!/(^|[?&])token=/.test(fragment)) return;
    let path = '';
    let params;
    if (fragment.startsWith('/')) {
        const q = fragment.indexOf('?');
        path = q < 0 ? fragment : fragment.substring(0, q);
        params = new URLSearchParams(q < 0 ? '' : fragment.substring(q + 1));
    } else {
        params = new URLSearchParams(fragment);
    }
    let token = (params.get('token') || '').trim();
    params.delete('token');
    // A link followed inside this page (not a new load) must not switch sessions behind the user's back:
    // it could be another account's, and what the user adds next would go there.
    if (token && pageLoaded && storedToken() && token !== storedToken()
            && !window.confirm('This link opens another portal session, perhaps of another account. Switch to it?')) {
        token = '';
    }
    if (token) {
        storeToken(token);
        session = null;
        sessionEnded = false;
        try {
            sessionStorage.removeItem(ENDED_KEY);
        } catch (e) { /* nothing stored */ }
    }
    const rest = params.toString();
    const hash = '#' + (path && path !== '/' ? path : '/endpoints') + (rest ? '?' + rest : '');
    try {
        history.replaceState(history.state, '', location.pathname + location.search + hash);
    } catch (e) {
        location.replace(hash);
    }
}

function endSession() {
    dropToken();
    sessionEnded = true;
    try {
        sessionStorage.setItem(ENDED_KEY, 'true');
    } catch (e) { /* said until a reload */ }
}

// ---------------------------------------------------------------------------------------------
// The API client and messages
// ---------------------------------------------------------------------------------------------

/** A problem details answer (RFC 9457) or any other failure of an API call. */
class ApiError extends Error {
    constructor(status, problem) {
        super(problem && (problem.detail || problem.title) || (status ? 'HTTP ' + status : 'failed'));
        this.status = status;
        this.problem = problem && typeof problem === 'object' ? problem : {};
    }

    /** The text to show: the problem's detail (its title when it has none). */
    describe() {
        const p = this.problem;
        const text = p.detail || p.title || (this.status ? 'The request failed (HTTP ' + this.status + ').' : this.message);
        return this.status === 403 ? 'Not allowed: ' + text : text;
    }

    /** What is wrong, field by field: the problem's errors [{field, message}] and its single field. */
    fieldErrors() {
        const list = [];
        if (Array.isArray(this.problem.errors)) {
            for (const error of this.problem.errors) {
                if (!error || typeof error !== 'object') continue;
                const field = error.field || error.pointer || error.path || error.location || '';
                const message = error.message || error.detail || error.change || error.reason
                    || Object.entries(error).filter(([k]) => k !== 'field').map(([k, v]) => k + ' ' + v).join(', ');
                list.push({field: String(field), message: String(message)});
            }
        }
        if (this.problem.field && !list.some(e => e.field === this.problem.field)) {
            list.push({field: String(this.problem.field), message: String(this.problem.detail || this.problem.title || 'invalid')});
        }
        return list;
    }
}

/**
 * Calls ../api/<path> with the session's token; answers the parsed JSON (or null), throws ApiError
 * on any 4xx/5xx. A 401 ends the session: the token is dropped. credentials 'omit': the token is
 * the only authority this page has, and without credentials a 401 never opens the browser's login box.
 */
async function api(method, path, body) {
    const token = storedToken();
    if (!token) throw new ApiError(401, {title: 'No portal session'});
    const options = {
        method, credentials: 'omit', cache: 'no-store',
        headers: {'Authorization': 'Bearer ' + token, 'Accept': 'application/json'}
    };
    if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch('../api/' + path, options);
    } catch (e) {
        throw new ApiError(0, {title: 'Network error', detail: 'Hookbridge could not be reached (' + e.message + '). Try again.'});
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (response.status === 401) {
        if (storedToken() === token) endSession();
        throw new ApiError(401, json);
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
}

function showMessage(kind, ...content) {
    const box = document.getElementById('message');
    box.className = kind;
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    box.replaceChildren();
    append(box, ...content);
    box.hidden = false;
}

function clearMessage() {
    const box = document.getElementById('message');
    box.hidden = true;
    box.className = '';
    box.replaceChildren();
}

/** Shows a failure: the problem's detail and, below it, what is wrong field by field. */
function showProblem(e) {
    if (!(e instanceof ApiError)) {
        showMessage('error', 'Failed: ' + (e && e.message ? e.message : String(e)));
        return;
    }
    // A single invalid field's message is the detail itself: named after it rather than repeated.
    const single = e.problem.field && !Array.isArray(e.problem.errors) ? ' (field ' + e.problem.field + ')' : '';
    const errors = single ? [] : e.fieldErrors();
    showMessage('error', h('div', {class: 'problem-detail'}, e.describe() + single),
        errors.length ? h('ul', {class: 'problem-errors'}, errors.map(x =>
            h('li', {'data-field': x.field || null}, x.field ? h('strong', {}, x.field + ': ') : null, x.message))) : null);
}

/** Any failure of an action: a 401 redraws the page as "session ended"; the rest is shown. */
function reportError(e, form) {
    if (e instanceof ApiError && e.status === 401) {
        route();
        return;
    }
    showProblem(e);
    if (form && e instanceof ApiError) markFieldErrors(form, e.fieldErrors());
}

/** A message to show on the page drawn next (after an action that changes the address). */
let pendingMessage = null;

/**
 * Runs an API action from a button: asks first when there is a confirmation, disables the button
 * meanwhile, shows the success text (or a function of the answer) or the failure. Answers the API's
 * answer (true for an empty one), or undefined when it did not run or failed.
 */
async function act(button, confirmation, action, success, form) {
    if (confirmation && !window.confirm(confirmation)) return undefined;
    if (button) button.disabled = true;
    try {
        const result = await action();
        const text = typeof success === 'function' ? success(result) : success;
        if (text) showMessage('ok', text);
        return result === null || result === undefined ? true : result;
    } catch (e) {
        reportError(e, form);
        return undefined;
    } finally {
        if (button) button.disabled = false;
    }
}

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

/** Fills a table body from a keyset-paged list, with a "More" button that follows the next cursor. */
async function pagedRows(main, body, pathFor, row, emptyText) {
    let after = null;
    const more = h('button', {type: 'button', class: 'more', id: 'more', hidden: true}, 'More');
    const empty = h('p', {class: 'muted empty', hidden: true}, emptyText);
    async function load() {
        const page = await api('GET', pathFor(after));
        const items = page && Array.isArray(page.items) ? page.items : [];
        items.forEach(item => body.append(row(item)));
        after = page && page.next ? page.next : null;
        more.hidden = !after;
        empty.hidden = body.rows.length > 0;
    }
    more.addEventListener('click', async () => {
        more.disabled = true;
        try { await load(); } catch (e) { reportError(e); } finally { more.disabled = false; }
    });
    append(main, empty, h('div', {class: 'actions'}, more));
    await load();
}

/** Every page of a list (at most `pages` of them), for a select or the event types' checkboxes. */
async function allItems(path, pages) {
    const items = [];
    let after = null;
    for (let i = 0; i < pages; i++) {
        const page = await api('GET', path + query({after, limit: 100}));
        if (page && Array.isArray(page.items)) items.push(...page.items);
        if (!page || !page.next) break;
        after = page.next;
    }
    return items;
}

/** A secret the API just answered (create, rotate): shown once, in memory only, never stored. */
let pendingSecret = null;

function secretBox(secret, what) {
    const value = h('code', {id: 'secret'}, secret);
    const copy = h('button', {type: 'button', class: 'copy-secret'}, 'Copy');
    copy.addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText(secret);
            copy.textContent = 'Copied';
        } catch (e) { // no clipboard here (a frame without the permission, a page not on https): select it
            const range = document.createRange();
            range.selectNodeContents(value);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            copy.textContent = 'Selected: copy it with Ctrl+C or \u2318C';
        }
    });
    return h('div', {class: 'secret', id: 'secret-box'},
        h('strong', {}, 'Signing secret of ' + what + ': shown once, copy it now.'),
        h('p', {class: 'muted'}, 'It is not shown again. Your receiver checks each webhook\u2019s signature with it.'),
        h('div', {class: 'secret-value'}, value, copy));
}

/**
 * The body of a PUT that changes only `changes` of an endpoint (PUT replaces an endpoint whole).
 * Header values read back as "…", and sending "…" back keeps the stored value (EndpointView.HIDDEN_VALUE):
 * so an endpoint that has headers sends them back as read, or a PUT would remove them.
 */
function definitionOf(e, changes) {
    const body = {
        url: e.url, eventTypes: e.eventTypes || [], description: e.description ?? null, enabled: e.enabled !== false,
        rateLimitPerSecond: e.rateLimitPerSecond ?? null, eventVersions: e.eventVersions ?? null
    };
    if (e.headers && Object.keys(e.headers).length > 0) body.headers = e.headers;
    return Object.assign(body, changes);
}

async function endpointsPage(main) {
    const secretSlot = h('div', {class: 'secret-slot'});
    if (pendingSecret) {
        secretSlot.append(secretBox(pendingSecret.secret, pendingSecret.what));
        pendingSecret = null;
    }
    const [wrap, body] = tableOf('endpoints', ['Status', 'Endpoint', 'Event types', ''], true);
    append(main, 
        h('h1', {}, 'Endpoints'),
        h('p', {class: 'muted'}, 'The addresses where ' + SHOP_NAME + ' sends you webhooks, and the event types each one receives.'),
        h('div', {class: 'actions'}, h('button', {type: 'button', class: 'primary new-endpoint', id: 'new-endpoint',
            onclick: () => { location.hash = '#/endpoints/new'; }}, 'New endpoint')),
        secretSlot, wrap);
    await pagedRows(main, body, after => 'endpoints' + query({after, limit: 50}), e => endpointRow(e, secretSlot),
        'No endpoints yet: add one to receive webhooks.');
}

function endpointRow(e, secretSlot) {
    const health = e.health || {};
    const id = enc(e.id);
    return h('tr', {'data-id': e.id},
        h('td', {},
            statusBadge(endpointState(e)),
            !e.enabled && e.disabledReason ? h('div', {class: 'muted small'}, e.disabledReason) : null,
            e.enabled && health.consecutiveFailures > 0 ? h('div', {class: 'muted small'},
                health.consecutiveFailures + ' failed in a row', health.failingSince ? [' since ', when(health.failingSince)] : null) : null),
        h('td', {class: 'url'}, h('div', {class: 'mono'}, e.url),
            e.description ? h('div', {class: 'muted'}, e.description) : null),
        h('td', {class: 'mono types'}, (e.eventTypes || []).join(', ')),
        h('td', {}, h('div', {class: 'row-actions'},
            h('button', {type: 'button', class: 'edit', onclick: () => { location.hash = '#/endpoints/' + id; }}, 'Edit'),
            h('button', {type: 'button', class: 'toggle' + (e.enabled ? ' danger' : ''), onclick: async ev => {
                const saved = await act(ev.currentTarget,
                    e.enabled ? 'Disable the endpoint ' + e.url + '? Its deliveries wait until you enable it again.' : null,
                    () => api('PUT', 'endpoints/' + id, definitionOf(e, {enabled: !e.enabled})),
                    e.enabled ? 'Endpoint disabled: its deliveries wait until you enable it again.' : 'Endpoint enabled.');
                if (saved) route(true);
            }}, e.enabled ? 'Disable' : 'Enable'),
            h('button', {type: 'button', class: 'test', onclick: async ev => {
                const sent = await act(ev.currentTarget, null, () => api('POST', 'endpoints/' + id + '/test'), null);
                if (sent && sent.deliveryId) {
                    pendingMessage = ['ok', 'Test event hookbridge.test sent to ' + e.url + '.'];
                    watchAfterDraw = String(sent.deliveryId);
                    location.hash = '#/deliveries/' + enc(sent.deliveryId);
                } else if (sent) {
                    showMessage('ok', 'Test event hookbridge.test sent to ' + e.url + '.');
                }
            }}, 'Test'),
            h('button', {type: 'button', class: 'rotate', onclick: async ev => {
                const rotated = await act(ev.currentTarget,
                    'Rotate the signing secret of ' + e.url + '? The new secret is shown once.',
                    () => api('POST', 'endpoints/' + id + '/rotate-secret'),
                    'Secret rotated: the new secret is shown once, below.');
                if (rotated && rotated.secret) {
                    secretSlot.replaceChildren(secretBox(rotated.secret, e.url));
                    secretSlot.scrollIntoView({block: 'nearest'});
                }
            }}, 'Rotate secret'),
            h('button', {type: 'button', class: 'deliveries',
                onclick: () => { location.hash = hrefFor('deliveries', {endpoint: e.id}); }}, 'Deliveries'),
            h('button', {type: 'button', class: 'delete danger', onclick: async ev => {
                const deleted = await act(ev.currentTarget,
                    'Delete the endpoint ' + e.url + '? It receives nothing more; this cannot be undone.',
                    () => api('DELETE', 'endpoints/' + id), 'Endpoint deleted.');
                if (deleted) route(true);
            }}, 'Delete'))));
}

/** The catalog's event types, read defensively (name, description, group, deprecated); [] when there are none. */
async function eventTypes() {
    try {
        const items = await allItems('event-types', 5);
        return items.filter(t => t && typeof t.name === 'string' && t.name)
            .map(t => ({name: t.name, description: typeof t.description === 'string' ? t.description : '',
                group: typeof t.group === 'string' ? t.group : '', deprecated: t.deprecated === true}));
    } catch (e) {
        if (e instanceof ApiError && e.status === 401) throw e;
        return []; // without the catalog the form still takes types as text
    }
}

function fieldError(name) {
    return h('div', {class: 'field-error', 'data-error-for': name, role: 'alert', hidden: true});
}

function clearFieldErrors(form) {
    form.querySelectorAll('.field-error').forEach(e => { e.hidden = true; e.textContent = ''; });
    form.querySelectorAll('.invalid').forEach(e => { e.classList.remove('invalid'); e.removeAttribute('aria-invalid'); });
}

/** Shows each error under its input: "eventTypes[0]", "/eventTypes/0", "eventVersions" all belong to a form field. */
function markFieldErrors(form, errors) {
    for (const error of errors) {
        const match = /^\/?([A-Za-z]+)/.exec(error.field || '');
        if (!match) continue;
        const name = match[1] === 'eventVersions' ? 'eventTypes' : match[1];
        const slot = form.querySelector('[data-error-for="' + name + '"]');
        if (!slot) continue;
        slot.textContent = slot.textContent ? slot.textContent + ' ' + error.message : error.message;
        slot.hidden = false;
        const input = form.querySelector('[name="' + name + '"]');
        if (input) {
            input.classList.add('invalid');
            input.setAttribute('aria-invalid', 'true');
        }
    }
}

/** The checkboxes of the catalog's types, by group; the types the endpoint has are ticked. */
function eventTypeChoices(catalog, chosen) {
    const groups = new Map();
    for (const t of [...catalog].sort((a, b) => a.name.localeCompare(b.name))) {
        if (!groups.has(t.group)) groups.set(t.group, []);
        groups.get(t.group).push(t);
    }
    const names = [...groups.keys()].sort((a, b) => (a === '') - (b === '') || a.localeCompare(b));
    const grouped = names.length > 1 || names[0] !== '';
    return names.map(group => h('div', {class: 'choice-group'},
        grouped ? h('h3', {}, group || 'Other') : null,
        h('div', {class: 'choices'}, groups.get(group).map(t => h('label', {class: 'choice'},
            h('input', {type: 'checkbox', name: 'eventType', class: 'event-type', value: t.name, checked: chosen.has(t.name)}),
            h('span', {},
                h('span', {class: 'name'}, t.name),
                t.deprecated ? [' ', statusBadge('DEPRECATED')] : null,
                t.description ? h('span', {class: 'description'}, t.description) : null))))));
}

/** Pinned versions of the types the endpoint still has (a pin of a type no longer subscribed is refused). */
function pinsFor(versions, types) {
    if (!versions) return null;
    return Object.fromEntries(Object.entries(versions).filter(([type]) => types.includes(type)));
}

function endpointForm(existing, catalog) {
    const v = existing || {url: '', eventTypes: [], description: '', rateLimitPerSecond: null};
    const known = new Set(catalog.map(t => t.name));
    const chosen = new Set(v.eventTypes || []);
    const others = (v.eventTypes || []).filter(t => !known.has(t));
    const typesField = catalog.length === 0
        ? h('label', {class: 'wide'}, 'Event types (comma-separated; patterns like invoice.* allowed)',
            h('input', {name: 'eventTypes', value: others.join(', '), placeholder: 'invoice.paid, order.*', autocomplete: 'off'}),
            fieldError('eventTypes'))
        : h('fieldset', {class: 'event-types wide'}, h('legend', {}, 'Event types'),
            eventTypeChoices(catalog, chosen),
            h('label', {class: 'other-types'}, 'Other types or patterns (comma-separated; patterns like invoice.* allowed)',
                h('input', {name: 'eventTypes', value: others.join(', '), placeholder: 'invoice.*', autocomplete: 'off'})),
            fieldError('eventTypes'));
    const form = h('form', {id: 'endpoint-form', class: 'editor', novalidate: true},
        h('label', {class: 'wide'}, 'URL (https address that receives the webhooks)',
            h('input', {name: 'url', type: 'url', value: v.url || '', placeholder: 'https://example.com/webhooks', autocomplete: 'off'}),
            fieldError('url')),
        typesField,
        h('label', {}, 'Description (optional)', h('input', {name: 'description', value: v.description || ''}), fieldError('description')),
        h('label', {}, 'Rate limit per second (optional)',
            h('input', {name: 'rateLimitPerSecond', type: 'number', min: 1, max: 10000, step: 1, value: v.rateLimitPerSecond ?? ''}),
            fieldError('rateLimitPerSecond')),
        h('div', {class: 'actions wide'},
            h('button', {type: 'submit', class: 'primary'}, existing ? 'Save' : 'Create endpoint'),
            h('a', {href: '#/endpoints'}, 'Cancel')));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearFieldErrors(form);
        const f = new FormData(form);
        const types = unique([...f.getAll('eventType').map(String), ...splitList(f.get('eventTypes'))]);
        const rate = String(f.get('rateLimitPerSecond') || '').trim();
        const fields = {
            url: String(f.get('url') || '').trim(), eventTypes: types,
            description: String(f.get('description') || '').trim() || null, rateLimitPerSecond: rate ? Number(rate) : null
        };
        const submit = form.querySelector('button[type=submit]');
        if (existing) {
            const saved = await act(submit, null, () => api('PUT', 'endpoints/' + enc(existing.id),
                definitionOf(existing, Object.assign(fields, {eventVersions: pinsFor(existing.eventVersions, types)}))), null, form);
            if (saved) {
                pendingMessage = ['ok', 'Endpoint saved.'];
                location.hash = '#/endpoints';
            }
        } else {
            const create = {url: fields.url, eventTypes: types, enabled: true};
            if (fields.description) create.description = fields.description;
            if (fields.rateLimitPerSecond !== null) create.rateLimitPerSecond = fields.rateLimitPerSecond;
            const created = await act(submit, null, () => api('POST', 'endpoints', create), null, form);
            if (created) {
                pendingMessage = ['ok', 'Endpoint created.'];
                if (created.secret) pendingSecret = {secret: created.secret, what: created.url || fields.url};
                location.hash = '#/endpoints';
            }
        }
    });
    return form;
}

function recoverForm(e) {
    const since = h('input', {type: 'datetime-local', name: 'since', required: true,
        value: localInputValue(new Date(Date.now() - 86400000))});
    const button = h('button', {type: 'submit', class: 'recover', id: 'recover'}, 'Retry everything failed since then');
    const form = h('form', {class: 'filters', id: 'recover-form'},
        h('label', {}, 'Failed since (your local time)', since), button);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const iso = isoFromLocalInput(since.value);
        if (!iso) {
            showMessage('error', 'Choose the date and time from which failed deliveries are retried.');
            return;
        }
        const local = new Date(iso).toLocaleString(undefined, LOCAL_TIME);
        await act(button, 'Send every delivery to ' + e.url + ' that failed since ' + local + ' again?',
            () => api('POST', 'endpoints/' + enc(e.id) + '/recover' + query({since: iso})),
            r => (r && typeof r.requeued === 'number' ? r.requeued : 'The') + ' failed deliveries since ' + local
                + ' are queued again.');
    });
    return form;
}

async function endpointFormPage(main, id) {
    const isNew = id === 'new';
    const [e, catalog] = await Promise.all([isNew ? null : api('GET', 'endpoints/' + enc(id)), eventTypes()]);
    append(main, h('p', {}, h('a', {href: '#/endpoints'}, '\u2190 endpoints')));
    if (isNew) {
        append(main, h('h1', {}, 'New endpoint'),
            h('p', {class: 'muted'}, 'Its signing secret is shown once, when it is created.'),
            endpointForm(null, catalog));
        return;
    }
    const pins = Object.entries(e.eventVersions || {});
    const headers = Object.keys(e.headers || {});
    append(main, 
        h('h1', {}, 'Edit endpoint', statusBadge(endpointState(e))),
        h('p', {class: 'muted'}, h('span', {class: 'mono'}, e.id), ' \u00b7 ',
            h('a', {href: hrefFor('deliveries', {endpoint: e.id})}, 'its deliveries')),
        !e.enabled && e.disabledReason ? h('p', {class: 'error-text'}, 'Disabled: ' + e.disabledReason) : null,
        endpointForm(e, catalog),
        h('h2', {}, 'Retry failed deliveries'),
        h('p', {class: 'muted'}, 'Sends every delivery to this endpoint that failed for good (DEAD) since then again.'),
        recoverForm(e),
        h('h2', {}, 'Details'),
        h('dl', {class: 'fields', id: 'endpoint'},
            h('dt', {}, 'Pinned versions'), h('dd', {class: 'mono'},
                pins.map(([type, version]) => type + ' v' + version).join(', ') || '\u2014 (the latest version)'),
            h('dt', {}, 'Extra headers'), h('dd', {class: 'mono'}, headers.length ? headers.join(', ') + ' (values hidden)' : '\u2014'),
            h('dt', {}, 'Last success'), h('dd', {}, when(e.health && e.health.lastSuccessAt)),
            h('dt', {}, 'Last failure'), h('dd', {}, when(e.health && e.health.lastFailureAt)),
            h('dt', {}, 'Created'), h('dd', {}, when(e.createdAt)),
            h('dt', {}, 'Updated'), h('dd', {}, when(e.updatedAt))));
}

const STATUSES = ['PENDING', 'DELIVERED', 'DEAD'];
const STATUS_NAMES = {PENDING: 'PENDING (being sent or retried)', DELIVERED: 'DELIVERED', DEAD: 'DEAD (failed for good)'};

async function deliveriesPage(main, params) {
    const endpoints = await allItems('endpoints', 10);
    const urls = new Map(endpoints.map(e => [e.id, e.url]));
    const filter = h('form', {class: 'filters', id: 'delivery-filter'},
        h('label', {}, 'Endpoint', h('select', {name: 'endpoint'}, h('option', {value: ''}, 'all endpoints'),
            endpoints.map(e => h('option', {value: e.id, selected: e.id === params.endpoint}, e.url)),
            params.endpoint && !urls.has(params.endpoint) ? h('option', {value: params.endpoint, selected: true}, params.endpoint) : null)),
        h('label', {}, 'Status', h('select', {name: 'status'}, h('option', {value: ''}, 'any'),
            STATUSES.map(s => h('option', {value: s, selected: s === params.status}, STATUS_NAMES[s])))),
        h('button', {type: 'button', class: 'refresh', onclick: () => route(true)}, 'Refresh'));
    const go = () => {
        const f = new FormData(filter);
        location.hash = hrefFor('deliveries', {endpoint: f.get('endpoint'), status: f.get('status')});
    };
    filter.addEventListener('change', go);
    filter.addEventListener('submit', event => { event.preventDefault(); go(); });
    const [wrap, body] = tableOf('deliveries', ['Created', 'Event', 'Endpoint', 'Status', 'Attempts', 'Last code', 'Last error',
        'Next attempt'], true);
    append(main, h('h1', {}, 'Deliveries'), h('p', {class: 'muted'}, 'Newest first. Click a delivery to see what was sent and every attempt.'),
        filter, wrap);
    await pagedRows(main, body, after => 'deliveries' + query({endpoint: params.endpoint, status: params.status,
        order: 'newest', after, limit: 50}), d => {
        const href = '#/deliveries/' + enc(d.id);
        return h('tr', {class: 'clickable', 'data-id': d.id, onclick: () => { location.hash = href; }},
            h('td', {}, h('a', {href}, when(d.createdAt))),
            h('td', {}, h('div', {class: 'mono'}, d.eventType, d.version ? ' v' + d.version : ''),
                h('div', {class: 'muted mono small'}, d.eventId)),
            h('td', {class: 'url'}, urls.get(d.endpointId) || d.endpointId),
            h('td', {}, statusBadge(d.status)),
            h('td', {class: 'num', 'data-label': 'Attempts'}, d.attemptCount ?? '\u2014'),
            h('td', {class: 'num', 'data-label': 'Last code'}, d.lastStatusCode ?? '\u2014'),
            h('td', {class: 'error-text'}, d.lastError || ''),
            h('td', {'data-label': 'Next attempt'}, d.status === 'PENDING' ? when(d.nextAttemptAt) : '\u2014'));
    }, 'No deliveries match.');
}

/** The body as sent: pretty-printed when it is JSON, else as it is. */
function prettyBody(body) {
    if (body === null || body === undefined) return '';
    if (typeof body !== 'string') return JSON.stringify(body, null, 2);
    try {
        return JSON.stringify(JSON.parse(body), null, 2);
    } catch (e) {
        return body;
    }
}

async function deliveryPage(main, id) {
    const d = await api('GET', 'deliveries/' + enc(id));
    const request = d.request || null;
    const attempts = Array.isArray(d.attempts) ? d.attempts : [];
    const headers = request && request.headers ? Object.entries(request.headers) : [];
    const [attemptsWrap, attemptsBody] = tableOf('attempts', ['#', 'Time', 'Status code', 'Latency (ms)', 'Response', 'Error']);
    attempts.forEach((a, i) => attemptsBody.append(h('tr', {'data-index': i + 1},
        h('td', {class: 'num'}, i + 1),
        h('td', {}, when(a.attemptedAt)),
        h('td', {class: 'num'}, a.statusCode ?? '\u2014'),
        h('td', {class: 'num'}, a.latencyMs ?? '\u2014'),
        h('td', {}, a.response ? h('pre', {class: 'response'}, a.response) : '\u2014'),
        h('td', {class: 'error-text'}, a.error || ''))));
    append(main, 
        h('p', {}, h('a', {href: hrefFor('deliveries', {endpoint: d.endpointId})}, '\u2190 deliveries of this endpoint')),
        h('h1', {}, 'Delivery', h('span', {class: 'mono'}, d.id), statusBadge(d.status)),
        h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'primary retry', id: 'retry', onclick: async ev => {
                const done = await act(ev.currentTarget, null, () => api('POST', 'deliveries/' + enc(d.id) + '/retry'),
                    'Retry queued: the delivery is sent again now.');
                if (done) watchDelivery(String(d.id));
            }}, 'Retry now'),
            h('span', {class: 'muted'}, 'Sends it again now, with a fresh retry schedule.')),
        h('dl', {class: 'fields', id: 'delivery'},
            h('dt', {}, 'Status'), h('dd', {'data-field': 'status'}, statusBadge(d.status)),
            h('dt', {}, 'Event'), h('dd', {}, h('span', {class: 'mono'}, d.eventType, d.version ? ' v' + d.version : ''),
                ' \u00b7 ', h('span', {class: 'mono'}, d.eventId)),
            h('dt', {}, 'Endpoint'), h('dd', {}, h('a', {href: '#/endpoints/' + enc(d.endpointId)}, d.endpointId)),
            h('dt', {}, 'Attempts this round'), h('dd', {}, d.attemptCount ?? '\u2014'),
            h('dt', {}, 'Next attempt'), h('dd', {}, d.status === 'PENDING' ? when(d.nextAttemptAt) : '\u2014'),
            h('dt', {}, 'Last status code'), h('dd', {}, d.lastStatusCode ?? '\u2014'),
            h('dt', {}, 'Last error'), h('dd', {class: 'error-text'}, d.lastError || '\u2014'),
            h('dt', {}, 'Created'), h('dd', {}, when(d.createdAt)),
            h('dt', {}, 'Delivered'), h('dd', {}, when(d.deliveredAt))),
        h('h2', {}, 'Request'),
        request ? [
            h('p', {class: 'mono url', id: 'request-line'}, (request.method || 'POST') + ' ' + (request.url || '(endpoint deleted)')),
            headers.length ? h('div', {class: 'table-wrap'}, h('table', {id: 'request-headers'},
                h('thead', {}, h('tr', {}, h('th', {}, 'Header'), h('th', {}, 'Value'))),
                h('tbody', {}, headers.map(([name, value]) => h('tr', {}, h('td', {class: 'mono'}, name),
                    h('td', {class: 'mono url'}, Array.isArray(value) ? value.join(', ') : String(value))))))) : null,
            h('p', {class: 'hint'}, 'The signature headers (webhook-timestamp, webhook-signature) are made anew at each attempt.'),
            h('pre', {id: 'request-body'}, prettyBody(request.body))
        ] : h('p', {class: 'muted'}, 'The request is not available.'),
        h('h2', {}, 'Attempts (' + attempts.length + ')'),
        attempts.length ? attemptsWrap : h('p', {class: 'muted'}, 'No attempt yet.'));
}

/** A delivery to follow once drawn (after a test event): it is watched until it is no longer pending. */
let watchAfterDraw = null;

/** Redraws a delivery every second until it is no longer pending (at most a minute). */
function watchDelivery(id) {
    let rounds = 0;
    const timer = setInterval(async () => {
        rounds++;
        if (location.hash !== '#/deliveries/' + enc(id) || rounds > 60 || !storedToken()) {
            clearInterval(timer);
            return;
        }
        let d;
        try {
            d = await api('GET', 'deliveries/' + enc(id));
        } catch (e) {
            clearInterval(timer);
            if (e instanceof ApiError && e.status === 401) route();
            return;
        }
        if (d.status !== 'PENDING' || rounds % 5 === 0) {
            if (d.status !== 'PENDING') clearInterval(timer);
            await route(true);
        }
    }, 1000);
}

/** No token, or one the API refused: nothing to show but the way back to the shop. */
function noticePage(main) {
    main.setAttribute('data-page', 'no-session');
    const text = sessionEnded
        ? ['This portal session has expired or is not valid: open the portal again from ', shopSite(), '.']
        : ['This page needs a portal link from ' + SHOP_NAME + ': ask for a new one.'];
    showMessage('error', ...text);
    append(main, h('div', {class: 'notice', id: 'notice'},
        h('h1', {}, sessionEnded ? 'Session ended' : 'No portal session'),
        h('p', {}, sessionEnded
            ? 'For your security a portal session lasts a short while. Open the portal again from ' + SHOP_NAME + "'s site."
            : 'The portal opens from a link ' + SHOP_NAME + ' gives you; that link works for a short while.')));
}

function drawHeader() {
    const signedIn = !!storedToken();
    document.getElementById('nav').hidden = !signedIn;
    const name = document.getElementById('customer-name');
    const expires = document.getElementById('session-expires');
    if (!signedIn || !session) {
        name.textContent = '';
        name.removeAttribute('title');
        expires.replaceChildren();
        return;
    }
    name.textContent = session.customerName || session.customer || '';
    if (session.customer) name.setAttribute('title', session.customer);
    if (session.expiresAt) expires.replaceChildren('session until ', when(session.expiresAt));
    else expires.replaceChildren();
}

// ---------------------------------------------------------------------------------------------
// Routing: #/page[/id][?filters], drawn like the dashboard's (main#page, data-route, data-ready)
// ---------------------------------------------------------------------------------------------

/** Counts route() calls: a page that finishes drawing after a newer one was asked for is dropped. */
let routeNumber = 0;

/** Draws the page the address names; keepMessage leaves the last action's result on screen. */
async function route(keepMessage) {
    const number = ++routeNumber;
    takeTokenFromFragment();
    const [path, search] = (location.hash.replace(/^#\/?/, '') || 'endpoints').split('?');
    const [page, rawId] = path.split('/');
    let id = rawId;
    try { id = rawId === undefined ? undefined : decodeURIComponent(rawId); } catch (e) { id = rawId; }
    const params = Object.fromEntries(new URLSearchParams(search || ''));
    if (keepMessage !== true) clearMessage();
    if (pendingMessage) {
        showMessage(...pendingMessage);
        pendingMessage = null;
    }
    document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === (page || 'endpoints')));
    const main = h('main', {id: 'page', 'data-page': page || 'endpoints', 'data-route': location.hash});
    if (!storedToken()) {
        noticePage(main);
    } else {
        try {
            if (!session) {
                try {
                    session = await api('GET', 'portal/session');
                } catch (e) {
                    if (e instanceof ApiError && e.status === 401) throw e;
                    showProblem(e); // the page itself may still work
                }
            }
            switch (page) {
                case 'deliveries': await (id ? deliveryPage(main, id) : deliveriesPage(main, params)); break;
                case 'endpoints': await (id ? endpointFormPage(main, id) : endpointsPage(main)); break;
                default: await endpointsPage(main);
            }
        } catch (e) {
            if (e instanceof ApiError && e.status === 401) {
                main.replaceChildren();
                noticePage(main);
            } else {
                showProblem(e);
                if (!main.hasChildNodes()) append(main, h('p', {}, h('a', {href: '#/endpoints'}, '\u2190 endpoints')));
            }
        }
    }
    if (number !== routeNumber) return; // the address changed meanwhile: its own route() draws it
    drawHeader();
    main.setAttribute('data-ready', 'true');
    document.getElementById('page').replaceWith(main);
    if (watchAfterDraw && page === 'deliveries' && id === watchAfterDraw) {
        watchAfterDraw = null;
        watchDelivery(id);
    }
}

/** False until the first route(): a token in the address the page was loaded with is the shop's link. */
let pageLoaded = false;
window.addEventListener('hashchange', () => route());
route().finally(() => { pageLoaded = true; });
