// The seed's page: listens for `notify` events on the stream and posts new ones to /send_notification.
// Paths are relative, so the page also works when Herald is mounted under a prefix. The markup is a render function,
// not an in-page template, so Vue's runtime-only build serves it and the Content-Security-Policy needs no eval.
new Vue({
    render(h) {
        const text = (tag, id, cls, content) => h(tag, { attrs: { id: id }, class: cls }, content);
        return h('div', { attrs: { id: 'app' } }, [
            text('p', 'connection', ['connection', this.state], this.stateLabel),
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
        lastEventId: ''
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
            source.onopen = () => {
                this.state = 'connected';
            };
            source.onerror = () => {
                this.state = 'reconnecting';
                // The browser retries by itself unless the server answered something other than a stream.
                if (source.readyState === EventSource.CLOSED) {
                    setTimeout(() => this.listen(), 3000);
                }
            };
            source.addEventListener('notify', (event) => {
                this.lastEventId = event.lastEventId;
                let text;
                try {
                    text = JSON.parse(event.data).message;
                } catch (notJson) {
                    text = event.data;
                }
                this.notifications.unshift({ key: this.received++, message: String(text) });
            });
            source.addEventListener('history-gone', () => {
                this.notice = 'Some notifications may have been missed while the connection was down.';
            });
            // The token in the herald_token cookie expired and the server ends the stream. The browser reconnects after
            // the announced retry time with Last-Event-ID and whatever cookie the embedding application set meanwhile;
            // if it is still the expired one, the 401 closes the source and onerror above reopens it later.
            source.addEventListener('token-expired', () => {
                this.state = 'reconnecting';
            });
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
