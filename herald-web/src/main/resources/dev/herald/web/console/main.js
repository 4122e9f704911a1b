import {ChannelsView} from './channels.js';
import {Subscriber} from './debugger.js';
import {Publisher} from './publisher.js';
import {currentSession, signIn, signOut} from './session.js';
import {StatusView} from './status.js';
import {wireTabs} from './tabs.js';

// The console's start: ask the node whether this browser may use the console; show the sign-in form (401) or the
// views. Everything is relative to the console's URL ({prefix}/console/), so it works wherever Herald is mounted.

const byId = (id) => document.getElementById(id);

let started = false;

async function open() {
    let session;
    try {
        session = await currentSession();
    } catch (error) {
        byId('fatal').textContent = error.message;
        return;
    }
    if (session.state === 'sign-in') {
        showSignIn(session.message);
    } else {
        showViews(session);
    }
}

function showSignIn(message) {
    byId('views').hidden = true;
    byId('sign-out').hidden = true;
    byId('session').textContent = 'Not signed in';
    byId('sign-in').hidden = false;
    byId('sign-in-error').textContent = message ?? '';
    byId('admin-token').focus();
}

function showViews(session) {
    byId('sign-in').hidden = true;
    byId('views').hidden = false;
    byId('session').textContent = session.state === 'admin'
        ? 'Signed in with an admin token'
        : 'Open without a token: this node listens on loopback only';
    byId('sign-out').hidden = session.state !== 'admin';
    if (started) {
        return;
    }
    started = true;
    const channels = new ChannelsView({
        form: byId('channels-form'), match: byId('channels-match'), node: byId('channels-node'),
        summary: byId('channels-summary'), local: byId('channels-local'), all: byId('channels-all'),
    }, (node) => status.setLocalNode(node));
    const status = new StatusView(byId('nodes'), byId('status-connection'), (nodes) => channels.setNodes(nodes),
        () => sessionEnded());
    new Subscriber({
        form: byId('subscribe-form'), channels: byId('sub-channels'), lastEventId: byId('sub-last-event-id'),
        token: byId('sub-token'), stop: byId('stop'), clear: byId('clear'), comments: byId('show-comments'),
        state: byId('sub-state'), frames: byId('frames'),
    });
    new Publisher({
        form: byId('publish-form'), channels: byId('pub-channels'), type: byId('pub-type'), data: byId('pub-data'),
        json: byId('pub-json'), id: byId('pub-id'), retry: byId('pub-retry'), token: byId('pub-token'),
        answers: byId('answers'),
    });
    status.start();
    channels.refresh();
    wireTabs(document.querySelector('[role=tablist]'), (view) => {
        if (view === 'channels') {
            channels.refresh();
        }
    });

    // The status stream was refused for good: the session may have ended (its cookie expired, or signed out in
    // another tab). Ask again; the page starts over from the answer.
    async function sessionEnded() {
        const now = await currentSession().catch(() => ({state: 'sign-in'}));
        if (now.state === 'sign-in') {
            location.reload();
        } else {
            setTimeout(() => status.start(), 3000);
        }
    }
}

byId('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const field = byId('admin-token');
    const token = field.value.trim();
    field.value = ''; // the token leaves the page at once: the node keeps it, in a cookie this page cannot read
    byId('sign-in-error').textContent = '';
    try {
        await signIn(token);
    } catch (error) {
        byId('sign-in-error').textContent = error.message;
        field.focus();
        return;
    }
    await open();
});

byId('sign-out').addEventListener('click', async () => {
    await signOut();
    location.reload();
});

open();
