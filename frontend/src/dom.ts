// Small browser helpers shared by the panel and the card.

import { html, type PropertyValues, type TemplateResult } from "lit";
import type { HomeAssistant } from "./ws";

/**
 * Define a custom element once: the panel and the card are separate bundles and may both be loaded.
 *
 * Home Assistant's app replaces `window.customElements` with a scoped-registry polyfill as it starts, and
 * the card's module (loaded beside the app, racing it) may run first: an element defined in the browser's
 * own registry before the swap is unknown to the polyfill, which would wait for it forever. So once the app
 * has defined its root element, the element is defined again in whatever registry is current.
 */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  const define = (): void => {
    if (!window.customElements.get(tag)) window.customElements.define(tag, element);
  };
  define();
  const registry = window.customElements;
  void registry.whenDefined("home-assistant").then(() => {
    if (window.customElements !== registry) define();
  });
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

/**
 * True when the only change is a new `hass` that differs in entity states alone (Home Assistant sends a new
 * object on every state change): the panel's views show websocket data and need not render again.
 */
export function onlyStatesChanged(changed: PropertyValues, hass?: HomeAssistant): boolean {
  if (changed.size !== 1 || !changed.has("hass")) return false;
  const old = changed.get("hass") as HomeAssistant | undefined;
  return !!old && !!hass && old.localize === hass.localize && old.language === hass.language && old.locale === hass.locale;
}

/** The button that leads from a stay or a lock back to the timeline. */
export function backButton(host: EventTarget, label: string): TemplateResult {
  return html`<button class="back btn small" @click=${() => fire(host, NAVIGATE_EVENT, { path: "" })}>
    <span aria-hidden="true">←</span> ${label}
  </button>`;
}
