import {el, errorText, words} from './dom.js';

// The debugger's publisher: POST ../publish with every field it accepts ({channel, type, data, id, retry}), one
// request per channel (the publish takes one channel), each answer shown: the event's id, or the error's message.

export class Publisher {
    /** elements: {form, channels, type, data, json, id, retry, token, answers}. */
    constructor(elements) {
        this.elements = elements;
        elements.form.addEventListener('submit', (event) => {
            event.preventDefault();
            this.publish();
        });
    }

    async publish() {
        const {channels, type, data, json, id, retry, token} = this.elements;
        const body = {};
        if (type.value !== '') {
            body.type = type.value;
        }
        if (json.checked) {
            try {
                body.data = JSON.parse(data.value);
            } catch (error) {
                this.answer(false, `Data is not JSON, nothing sent: ${error.message}`);
                return;
            }
        } else {
            body.data = data.value;
        }
        if (id.value !== '') {
            body.id = id.value;
        }
        if (retry.value !== '') {
            body.retry = Number(retry.value);
        }
        const headers = {'Content-Type': 'application/json', Accept: 'application/json'};
        if (token.value.trim()) {
            headers.Authorization = `Bearer ${token.value.trim()}`;
        }
        for (const channel of words(channels.value)) {
            try {
                const response = await fetch('../publish', {method: 'POST', headers, cache: 'no-store',
                    credentials: 'same-origin', body: JSON.stringify({channel, ...body})});
                if (response.ok) {
                    const answer = await response.json();
                    this.answer(true, `${channel}: published, id ${answer.id}`, answer.id);
                } else {
                    this.answer(false, `${channel}: ${response.status}, ${await errorText(response)}`);
                }
            } catch (error) {
                this.answer(false, `${channel}: not sent, ${error.message}`);
            }
        }
    }

    answer(ok, text, id) {
        const item = el('li', {className: ok ? 'ok' : 'error'}, el('span', {className: 'time'}, new Date().toLocaleTimeString()), ' ', text);
        if (id) {
            item.dataset.id = id;
        }
        this.elements.answers.prepend(item);
        while (this.elements.answers.children.length > 100) {
            this.elements.answers.lastElementChild.remove();
        }
    }
}
