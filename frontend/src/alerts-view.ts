// The open problems of the property (Home Assistant repairs raised by guest_pins), in the host's language.

import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { NAVIGATE_EVENT, defineOnce, fire, onlyStatesChanged } from "./dom";
import { I18n } from "./i18n";
import { baseStyles } from "./styles";
import type { AlertInfo, HomeAssistant, Overview } from "./ws";

const SEVERITY_ORDER: Record<AlertInfo["severity"], number> = { error: 0, warning: 1 };

export class GuestPinsAlertsView extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ attribute: false }) overview?: Overview;
  /** Changes when translations have loaded, so the view renders again. */
  @property({ attribute: false }) revision = 0;

  protected shouldUpdate(changed: PropertyValues): boolean {
    return !onlyStatesChanged(changed, this.hass);
  }

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
                    <span class="icon" aria-hidden="true">${alert.severity === "error" ? "✕" : "!"}</span>
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
    .head { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; }
    .head h3 { margin: 0; }
    .severity { font-weight: 500; border-color: var(--warning-color); }
    .severity .icon {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 14px;
      height: 14px;
      border-radius: 50%;
      font-size: 10px;
      font-weight: 700;
      background: var(--warning-color);
      color: #000;
    }
    .error .severity { border-color: var(--error-color); }
    .error .severity .icon { background: var(--error-color); color: #fff; }
    p { margin: 8px 0 12px; color: var(--secondary-text-color); }
  `];
}

defineOnce("guest-pins-alerts-view", GuestPinsAlertsView);
