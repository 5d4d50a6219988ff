// The open problems of the property (Home Assistant repairs raised by guest_pins), in the host's language.

import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { NAVIGATE_EVENT, defineOnce, fire } from "./dom";
import { I18n } from "./i18n";
import { baseStyles } from "./styles";
import type { AlertInfo, HomeAssistant, Overview } from "./ws";

const SEVERITY_ORDER: Record<AlertInfo["severity"], number> = { error: 0, warning: 1 };

export class GuestPinsAlertsView extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ attribute: false }) overview?: Overview;
  /** Changes when translations have loaded, so the view renders again. */
  @property({ attribute: false }) revision = 0;

  protected render(): TemplateResult | typeof nothing {
    const { hass, overview } = this;
    if (!hass || !overview) return nothing;
    const i18n = new I18n(hass, "panel");
    const alerts = [...overview.alerts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    return html`
      <h2>${i18n.t("alerts_title")}</h2>
      ${alerts.length
        ? html`<ul class="alerts">
            ${alerts.map((alert) => {
              const lock = alert.lock_id ? overview.locks.find((item) => item.id === alert.lock_id) : undefined;
              const description = i18n.issue(alert.kind, alert.placeholders, "description");
              return html`<li class="card alert ${alert.severity}" data-testid="alert" data-kind=${alert.kind}>
                <div class="head">
                  <span class="chip severity">
                    <span aria-hidden="true">${alert.severity === "error" ? "✕" : "!"}</span>
                    ${i18n.t(`severity_${alert.severity}`)}
                  </span>
                  <h3>${i18n.issue(alert.kind, alert.placeholders, "title")}</h3>
                </div>
                ${description ? html`<p>${description}</p>` : nothing}
                ${lock
                  ? html`<button class="btn small" data-testid="alert-lock" @click=${() => fire(this, NAVIGATE_EVENT, { path: `/lock/${encodeURIComponent(lock.id)}` })}>
                      ${i18n.t("open_lock", { lock: lock.name })}
                    </button>`
                  : nothing}
              </li>`;
            })}
          </ul>`
        : html`<p class="card muted" data-testid="no-alerts">${i18n.t("no_alerts")}</p>`}
    `;
  }

  static styles = [baseStyles, css`
    h2 { margin: 4px 0 12px; }
    .alerts { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
    .alert { border-left: 6px solid var(--warning-color); }
    .alert.error { border-left-color: var(--error-color); }
    .head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; }
    .head h3 { margin: 0; flex: 1 1 16em; }
    .severity { color: var(--warning-color); font-weight: 500; }
    .error .severity { color: var(--error-color); }
    p { margin: 8px 0; }
  `];
}

defineOnce("guest-pins-alerts-view", GuestPinsAlertsView);
