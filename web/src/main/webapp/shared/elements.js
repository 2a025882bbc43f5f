/*
 * Building DOM elements, shared by the dashboard and the customer portal (both load it before their
 * own script). Text is only ever set as text nodes, never parsed as HTML.
 */
'use strict';

/** Builds an element: h('td', {class: 'num'}, 'text', child, ...). Strings become text nodes. */
function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
        else element.setAttribute(name, value === true ? '' : value);
    }
    return append(element, ...children);
}

/** Appends children as h() does: arrays flattened, null and undefined left out, strings as text. */
function append(parent, ...children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined) continue;
        parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return parent;
}
