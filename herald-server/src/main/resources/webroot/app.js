// The seed's page: listens for `notify` events on the stream and posts new ones to /send_notification. When the stream
// fails again and again without ever opening (a proxy that breaks streams, say), it long-polls /poll instead, from the
// same cursor, and says which transport it uses.
// Paths are relative, so the page also works when Herald is mounted under a prefix. The markup is a render function,
// not an in-page template, so Vue's runtime-only build serves it and the Content-Security-Policy needs no eval.
/** Errors of the stream in a row, without it ever opening, after which the page long-polls instead. */
const MAX_FAILED_OPENS = 3;
const RETRY_MILLIS = 3000;
const POLL_WAIT_SECONDS = 25;

new Vue({
    render(h) {
        const text = (tag, id, cls, content) => h(tag, { attrs: { id: id }, class: cls }, content);
        return h('div', { attrs: { id: 'app' } }, [
            text('p', 'connection', ['connection', this.state], this.stateLabel),
            text('p', 'transport', 'transport', 'live: ' + this.transport),
            h('form', { attrs: { id: 'send-form' }, on: { submit: this.submit } }, [
                h('label', { attrs: { for: 'message' } }, 'Notification Text'),
                h('input', {
                    attrs: { type: 'text', id: 'message', autocomplete: 'off' },
                    domProps: { value: this.message },
                    on: { input: (event) => { this.message = event.target.value; } }
                }),
                h('button', { attrs: { id: 'send', type: 'submit', disabled: this.sending } }, 'Send')
            ]),
            this.error ? text('p', 'error', 'error', this.error) : null,
            this.notice ? text('p', 'notice', 'notice', this.notice) : null,
            h('h2', 'Notifications'),
            // Each message is a text node: whatever a publisher sends is shown, never run as HTML.
            h('div', { attrs: { id: 'notification' } }, this.notifications.map((item) =>
                h('div', { class: 'notification', key: item.key }, item.message)))
        ]);
    },
    data: {
        message: '',
        notifications: [],
        state: 'connecting',
        error: '',
        notice: '',
        sending: false,
        received: 0,
        lastEventId: '',
        transport: 'stream',
        failedOpens: 0
    },
    computed: {
        stateLabel() {
            return {
                connecting: 'Connecting…',
                connected: 'Connected',
                reconnecting: 'Reconnecting…'
            }[this.state];
        }
    },
    mounted() {
        this.listen();
    },
    methods: {
        submit(event) {
            event.preventDefault();
            this.send();
        },
        listen() {
            // A new EventSource starts without the last event id; the query parameter carries it, so nothing is lost.
            const source = new EventSource(this.lastEventId
                ? 'stream?lastEventId=' + encodeURIComponent(this.lastEventId) : 'stream');
            let opened = false;
            source.onopen = () => {
                this.state = 'connected';
                this.failedOpens = 0;
                opened = true;
            };
            source.onerror = () => {
                this.state = 'reconnecting';
                if (opened && source.readyState !== EventSource.CLOSED) {
                    opened = false; // an open stream ended; the browser reconnects by itself, which may fail
                    return;
                }
                this.failedOpens++;
                if (this.failedOpens >= MAX_FAILED_OPENS) {
                    // The stream keeps failing before it opens: something between here and Herald breaks streams.
                    source.close();
                    this.transport = 'long polling';
                    this.poll();
                } else if (source.readyState === EventSource.CLOSED) {
                    // The browser retries by itself unless the server answered something other than a stream.
                    setTimeout(() => this.listen(), RETRY_MILLIS);
                }
            };
            source.addEventListener('notify', (event) => {
                this.lastEventId = event.lastEventId;
                this.show(event.data);
            });
            source.addEventListener('history-gone', () => this.historyGone());
            // The token in the herald_token cookie expired and the server ends the stream. The browser reconnects after
            // the announced retry time with Last-Event-ID and whatever cookie the embedding application set meanwhile;
            // if it is still the expired one, the 401 closes the source and onerror above reopens it later.
            source.addEventListener('token-expired', () => {
                this.state = 'reconnecting';
            });
        },
        // Long polling: each answer carries the events after the cursor and the next cursor, the same ids the stream
        // uses, so the switch loses and repeats nothing. A refusal says when to come back (Retry-After).
        poll() {
            const url = 'poll?wait=' + POLL_WAIT_SECONDS
                + (this.lastEventId ? '&since=' + encodeURIComponent(this.lastEventId) : '');
            fetch(url, { credentials: 'same-origin', cache: 'no-store' })
                .then(async (res) => {
                    if (!res.ok) {
                        this.state = 'reconnecting';
                        const seconds = Number(res.headers.get('Retry-After'));
                        setTimeout(() => this.poll(), seconds > 0 ? seconds * 1000 : RETRY_MILLIS);
                        return;
                    }
                    const body = await res.json();
                    this.state = 'connected';
                    if (body.historyGone) {
                        this.historyGone();
                    }
                    body.events.filter((event) => event.type === 'notify').forEach((event) => this.show(event.data));
                    if (body.next) {
                        this.lastEventId = body.next;
                    }
                    this.poll();
                })
                .catch(() => {
                    this.state = 'reconnecting';
                    setTimeout(() => this.poll(), RETRY_MILLIS);
                });
        },
        show(data) {
            let text;
            try {
                text = JSON.parse(data).message;
            } catch (notJson) {
                text = data;
            }
            this.notifications.unshift({ key: this.received++, message: String(text) });
        },
        historyGone() {
            this.notice = 'Some notifications may have been missed while the connection was down.';
        },
        send() {
            this.sending = true;
            fetch('send_notification', {
                method: 'POST',
                // Sends the herald_token cookie, when the embedding application set one, and only to this origin.
                credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ message: this.message })
            })
                .then(async (res) => {
                    const body = await res.json().catch(() => null);
                    if (res.ok && body && body.status === 'success') {
                        this.message = '';
                        this.error = '';
                    } else {
                        this.error = (body && body.message) || ('Sending failed: HTTP ' + res.status);
                    }
                })
                .catch(() => {
                    this.error = 'Sending failed: the server cannot be reached';
                })
                .finally(() => {
                    this.sending = false;
                });
        }
    }
}).$mount('#app');
