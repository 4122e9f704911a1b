// Small DOM helpers: every text goes in as a text node (never as markup), so nothing a channel name or an event's
// data holds can run in the console.

/** An element: el('td', {className: 'num'}, 'text', child...). Properties are set as DOM properties. */
export function el(tag, properties = {}, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, properties);
    node.append(...children.filter((child) => child !== null && child !== undefined)
        .map((child) => (child instanceof Node ? child : String(child))));
    return node;
}

/** An SVG element with attributes (presentation attributes, not inline style: the CSP allows no inline style). */
export function svg(tag, attributes = {}, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [name, value] of Object.entries(attributes)) {
        node.setAttribute(name, String(value));
    }
    node.append(...children);
    return node;
}

/** Replaces a node's children. */
export function replace(node, ...children) {
    node.replaceChildren(...children);
}

/** The words of a field: "a, b c" → ["a", "b", "c"]. */
export function words(text) {
    return text.split(/[\s,]+/).filter((word) => word !== '');
}

/** A count with thousands separators, or '–' when unknown. */
export function number(value) {
    return value === null || value === undefined || Number.isNaN(value) ? '–' : Math.round(value).toLocaleString('en');
}

/** A rate: one decimal below 100 (0.5, 12.0), whole above (1,250), or '–' when unknown. */
export function rate(value) {
    if (value === null || value === undefined || Number.isNaN(value)) {
        return '–';
    }
    const digits = Math.abs(value) < 100 ? 1 : 0;
    return value.toLocaleString('en', {maximumFractionDigits: digits, minimumFractionDigits: digits});
}

/** The message of a JSON error answer {"status":"error","message":...}, or its status line when it has none. */
export async function errorText(response) {
    try {
        const body = await response.json();
        if (body && typeof body.message === 'string') {
            return body.message;
        }
    } catch {
        // not JSON: the status says it
    }
    return `${response.status} ${response.statusText}`.trim();
}
