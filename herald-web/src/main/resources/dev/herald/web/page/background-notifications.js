// The opt-in to the browser's Notifications API: while the tab is in the background, each new notification is also
// shown by the system. Permission is asked only when the person presses the button; the choice is kept per origin.

const KEPT = 'herald.background-notifications';

// Storage may be refused (a privacy setting); the choice then lasts as long as the page.
function kept() {
    try {
        return localStorage.getItem(KEPT);
    } catch (refused) {
        return null;
    }
}

function keep(value) {
    try {
        localStorage.setItem(KEPT, value);
    } catch (refused) {
        // kept for this page only
    }
}

/** The button that turns background notifications on and off, and the line that says what the browser allows. */
export class BackgroundNotifications {
    #button;
    #status;
    #on = false;

    /**
     * @param {HTMLButtonElement} button pressed to turn them on or off (its aria-pressed says which)
     * @param {HTMLElement} status where the page says what the browser allows
     */
    constructor(button, status) {
        this.#button = button;
        this.#status = status;
        if (!('Notification' in window)) {
            button.disabled = true;
            this.#say('This browser cannot show notifications.');
            return;
        }
        this.#on = Notification.permission === 'granted' && kept() === 'on';
        this.#render();
        button.addEventListener('click', () => this.#toggle());
    }

    /** Shows `text` as a system notification when the person turned them on and the tab is in the background. */
    show(text) {
        if (this.#on && document.hidden && Notification.permission === 'granted') {
            new Notification('Herald', { body: text });
        }
    }

    async #toggle() {
        if (this.#on) {
            this.#set(false);
            return;
        }
        const permission = Notification.permission === 'default'
            ? await Notification.requestPermission() : Notification.permission;
        this.#set(permission === 'granted');
    }

    #set(on) {
        this.#on = on;
        keep(on ? 'on' : 'off');
        this.#render();
    }

    #render() {
        this.#button.setAttribute('aria-pressed', String(this.#on));
        this.#button.textContent = this.#on ? 'Background notifications: on' : 'Notify me in the background';
        if (Notification.permission === 'denied') {
            this.#say('The browser blocks notifications for this page; allow them in its site settings to turn '
                + 'them on.');
        } else {
            this.#say(this.#on ? 'New notifications are shown by the system while this tab is in the background.' : '');
        }
    }

    #say(text) {
        this.#status.textContent = text;
        this.#status.hidden = !text;
    }
}
