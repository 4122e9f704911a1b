// The seed's page: shows the `notify` events of the stream, newest first, and sends new ones to send_notification.
// The connection (stream, long polling, back-off) is connection.js; this module only reads the form and writes the DOM.
import { Connection } from './connection.js';
import { BackgroundNotifications } from './background-notifications.js';

/** The notifications kept on the page; older ones are removed so that a long-open tab stays small. */
const MAX_SHOWN = 200;

const element = (id) => document.getElementById(id);
const connectionState = element('connection');
const transport = element('transport');
const reason = element('reason');
const notice = element('notice');
const list = element('notification');
const form = element('send-form');
const message = element('message');
const send = element('send');
const error = element('error');
const background = new BackgroundNotifications(element('background'), element('background-status'));

const STATES = {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    refused: 'Refused'
};

const NOTICES = {
    'history-gone': 'Some notifications may have been missed while a connection was down.',
    'token-expired': 'Your access expired. The page reconnects once the application renews it.'
};

/** The text of a notification: the `message` of its JSON data, or the data itself. */
function textOf(data) {
    try {
        const parsed = JSON.parse(data);
        return parsed && typeof parsed.message === 'string' ? parsed.message : String(data);
    } catch (notJson) {
        return String(data);
    }
}

function say(target, text) {
    target.textContent = text;
    target.hidden = !text;
}

const connection = new Connection();

connection.addEventListener('state', ({ detail }) => {
    connectionState.textContent = STATES[detail.state];
    connectionState.dataset.state = detail.state;
    if (detail.state === 'refused') {
        const seconds = Math.max(1, Math.round(detail.retryMillis / 1000));
        say(reason, detail.reason + ' Trying again in about ' + seconds + ' s.');
    } else if (detail.state === 'connected') {
        say(reason, '');
        if (notice.dataset.kind === 'token-expired') {
            say(notice, '');
        }
    }
});

connection.addEventListener('transport', ({ detail }) => {
    transport.textContent = 'live: ' + detail.transport;
});

connection.addEventListener('notice', ({ detail }) => {
    notice.dataset.kind = detail.kind;
    say(notice, NOTICES[detail.kind]);
});

connection.addEventListener('notification', ({ detail }) => {
    const text = textOf(detail.data);
    const item = document.createElement('div');
    item.className = 'notification';
    // A text node: whatever a publisher sends is shown, never run as HTML.
    item.textContent = text;
    list.prepend(item);
    while (list.childElementCount > MAX_SHOWN) {
        list.lastElementChild.remove();
    }
    background.show(text);
});

form.addEventListener('submit', async (event) => {
    event.preventDefault();
    send.disabled = true;
    try {
        const res = await fetch('send_notification', {
            method: 'POST',
            // Sends the herald_token cookie, when the embedding application set one, and only to this origin.
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ message: message.value })
        });
        const body = await res.json().catch(() => null);
        if (res.ok && body && body.status === 'success') {
            message.value = '';
            say(error, '');
        } else {
            say(error, (body && body.message) || ('Sending failed: HTTP ' + res.status));
        }
    } catch (unreachable) {
        say(error, 'Sending failed: the server cannot be reached');
    } finally {
        send.disabled = false;
        message.focus();
    }
});

connection.start();
