// The seed's page: listens for `notify` events on the stream and posts new ones to /send_notification.
// Paths are relative, so the page also works when Herald is mounted under a prefix.
new Vue({
    el: '#app',
    data: {
        message: '',
        notifications: [],
        state: 'connecting',
        error: '',
        notice: '',
        sending: false,
        received: 0
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
        listen() {
            const source = new EventSource('stream');
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
        },
        send() {
            this.sending = true;
            fetch('send_notification', {
                method: 'POST',
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
});
