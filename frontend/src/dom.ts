// Small browser helpers shared by the panel and the card.

/** Define a custom element once: the panel and the card are separate bundles and may both be loaded. */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/** Go to a path of Home Assistant's app the way its own `navigate()` does. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(history.state, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new CustomEvent("location-changed", { detail: { replace } }));
}

/** Fire an event that crosses shadow roots (e.g. `hass-toggle-menu`). */
export function fire<T>(node: EventTarget, type: string, detail?: T): void {
  node.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** Where an in-panel link points: `/stay/<id>`, `/lock/<id>`, `/alerts`, `` (the timeline). */
export interface PanelLink {
  path: string;
}

export const NAVIGATE_EVENT = "guest-pins-navigate";
