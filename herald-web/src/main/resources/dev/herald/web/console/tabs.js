// The views as tabs, after the WAI-ARIA tabs pattern: Left/Right (and Home/End) move between tabs and show the view at
// once; Tab moves into the view. The chosen view is kept in the URL's fragment (#status, #channels, #debugger), so a
// reload or a link opens it.

/**
 * Wires the tabs of a tablist. onShow(name) is called with a view's name ("status", "channels", "debugger") each time
 * it is shown.
 */
export function wireTabs(tablist, onShow) {
    const tabs = [...tablist.querySelectorAll('[role=tab]')];
    const nameOf = (tab) => tab.id.replace(/^tab-/, '');

    function show(tab, focus) {
        for (const other of tabs) {
            const selected = other === tab;
            other.setAttribute('aria-selected', String(selected));
            other.tabIndex = selected ? 0 : -1;
            document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
        }
        if (focus) {
            tab.focus();
        }
        history.replaceState(null, '', `#${nameOf(tab)}`);
        onShow(nameOf(tab));
    }

    for (const tab of tabs) {
        tab.addEventListener('click', () => show(tab, false));
        tab.addEventListener('keydown', (event) => {
            const at = tabs.indexOf(tab);
            const next = {
                ArrowRight: tabs[(at + 1) % tabs.length],
                ArrowLeft: tabs[(at - 1 + tabs.length) % tabs.length],
                Home: tabs[0],
                End: tabs[tabs.length - 1],
            }[event.key];
            if (next) {
                event.preventDefault();
                show(next, true);
            }
        });
    }
    const asked = tabs.find((tab) => `#${nameOf(tab)}` === location.hash);
    show(asked ?? tabs[0], false);
}
