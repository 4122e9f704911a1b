// Splits the bytes of an event stream, as text, into frames: the lines between blank lines, as the WHATWG HTML
// event-stream rules read them (a line ends at CRLF, LF or CR). Pure: no DOM, no network; the debugger shows each
// frame's lines as they came, unparsed.

/** Feeds text in any pieces; push returns the frames it completed, each an array of its lines. */
export class FrameSplitter {
    constructor() {
        this.rest = '';
        this.lines = [];
        this.afterCr = false;
    }

    push(text) {
        const frames = [];
        let buffer = this.rest + (this.afterCr && text.startsWith('\n') ? text.slice(1) : text);
        this.afterCr = false;
        let start = 0;
        for (let i = 0; i < buffer.length; i++) {
            const c = buffer[i];
            if (c !== '\n' && c !== '\r') {
                continue;
            }
            const line = buffer.slice(start, i);
            if (c === '\r') {
                if (i + 1 < buffer.length) {
                    if (buffer[i + 1] === '\n') {
                        i++;
                    }
                } else {
                    this.afterCr = true; // its LF, if any, comes in the next piece
                }
            }
            start = i + 1;
            if (line !== '') {
                this.lines.push(line);
            } else if (this.lines.length) {
                frames.push(this.lines);
                this.lines = [];
            }
        }
        this.rest = buffer.slice(start);
        return frames;
    }

    /** What was left when the stream ended: a frame without its blank line, which a browser would not dispatch. */
    end() {
        const lines = this.rest === '' ? this.lines : [...this.lines, this.rest];
        this.lines = [];
        this.rest = '';
        return lines.length ? [lines] : [];
    }
}

/** The field a line sets ("id", "event", "data", "retry", or any other name), or "comment" for a line starting with ':'. */
export function fieldOf(line) {
    if (line.startsWith(':')) {
        return 'comment';
    }
    const colon = line.indexOf(':');
    return colon < 0 ? line : line.slice(0, colon);
}

/** "comment" for a frame of comments only (a heartbeat), else "event". */
export function kindOf(lines) {
    return lines.every((line) => line.startsWith(':')) ? 'comment' : 'event';
}
