// The guest_pins dashboard card (any user): who is in, the next arrival and whether its code is ready, the
// lock's status and its open problems. It reads entity states only (`hass.states`, `hass.entities`) and sends
// no websocket command, so it works for users who are not administrators.

import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { defineOnce, navigate } from "./dom";
import { Formatter, userTimeZone } from "./format";
import { I18n, TranslationController, englishText } from "./i18n";
import { baseStyles } from "./styles";
import type { HassEntityState, HomeAssistant } from "./ws";

const TAG = "guest-pins-card";
const DOMAIN = "guest_pins";
const SIBLINGS = ["stay_status", "current_guest", "next_checkin", "status", "alerts"] as const;
type Sibling = (typeof SIBLINGS)[number];
const KEY_STATES = ["ready", "waiting", "backup", ...["scheduled", "queued", "on_lock", "confirmed", "failing", "checked_in", "ended"]];
const KEY_GLYPHS: Record<string, string> = { ready: "✓", confirmed: "✓", on_lock: "↑", checked_in: "●", backup: "◆", failing: "!" };
const MISSING = new Set(["unknown", "unavailable", ""]);

export interface GuestPinsCardConfig {
  type: string;
  entity: string;
  title?: string;
}

let lastHass: HomeAssistant | undefined; // for the editor's labels, which get no `hass`

/** The guest_pins entities of the device that `entityId` belongs to, by translation key. */
export function findSiblings(hass: HomeAssistant, entityId: string): Partial<Record<Sibling, string>> {
  const found: Partial<Record<Sibling, string>> = {};
  const entities = hass.entities ?? {};
  const own = entities[entityId];
  if (own?.translation_key && (SIBLINGS as readonly string[]).includes(own.translation_key)) {
    found[own.translation_key as Sibling] = entityId;
  }
  if (!own?.device_id) return found;
  for (const entry of Object.values(entities)) {
    if (!entry || entry.device_id !== own.device_id || entry.platform !== DOMAIN || !entry.translation_key) continue;
    const key = entry.translation_key as Sibling;
    if ((SIBLINGS as readonly string[]).includes(key) && !found[key]) found[key] = entry.entity_id;
  }
  return found;
}

function usable(entity: HassEntityState | undefined): entity is HassEntityState {
  return entity !== undefined && !MISSING.has(entity.state);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

/** The stay's key on each lock from the `locks` attribute: `{lock name: state}` or `[{lock|name, state}]`. */
function lockKeys(value: unknown): { lock: string; state: string }[] {
  if (Array.isArray(value)) {
    return value.flatMap((item: Record<string, unknown>) => {
      const lock = text(item?.lock) ?? text(item?.name);
      const keyState = text(item?.state);
      return lock && keyState ? [{ lock, state: keyState }] : [];
    });
  }
  if (value && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([lock, keyState]) =>
      typeof keyState === "string" ? [{ lock, state: keyState }] : [],
    );
  }
  return [];
}

export class GuestPinsCard extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @state() private config?: GuestPinsCardConfig;

  constructor() {
    super();
    new TranslationController(this); // loads guest_pins' texts, and again when the language changes
  }

  setConfig(config: GuestPinsCardConfig): void {
    if (!config || typeof config !== "object" || typeof config.entity !== "string" || !config.entity.trim()) {
      throw new Error(englishText("card", "error_no_entity"));
    }
    this.config = { ...config, entity: config.entity.trim() };
  }

  getCardSize(): number {
    const alerts = this.alertsOf(this.hass ? findSiblings(this.hass, this.config?.entity ?? "") : {});
    return 4 + Math.min(alerts.length, 3);
  }

  getGridOptions(): { columns: number; rows: number | "auto"; min_columns: number; min_rows: number } {
    return { columns: 6, rows: "auto", min_columns: 4, min_rows: 3 };
  }

  static getStubConfig(hass: HomeAssistant): Omit<GuestPinsCardConfig, "type"> {
    const entry = Object.values(hass?.entities ?? {}).find(
      (item) =>
        item !== undefined &&
        item.entity_id.startsWith("sensor.") &&
        item.platform === DOMAIN &&
        item.translation_key === "stay_status",
    );
    return { entity: entry?.entity_id ?? "" };
  }

  static getConfigForm(): {
    schema: Record<string, unknown>[];
    computeLabel: (schema: { name: string }) => string | undefined;
  } {
    return {
      schema: [
        { name: "entity", required: true, selector: { entity: { filter: { integration: DOMAIN, domain: "sensor" } } } },
        { name: "title", selector: { text: {} } },
      ],
      computeLabel: (schema) =>
        lastHass ? new I18n(lastHass, "card").t(`editor_${schema.name}`) : englishText("card", `editor_${schema.name}`),
    };
  }

  private alertsOf(siblings: Partial<Record<Sibling, string>>): { kind: string; placeholders: Record<string, string> }[] {
    const entity = siblings.alerts ? this.hass?.states[siblings.alerts] : undefined;
    const list = entity?.attributes.alerts;
    if (!Array.isArray(list)) return [];
    return list.flatMap((item: Record<string, unknown>) =>
      typeof item?.kind === "string"
        ? [{ kind: item.kind, placeholders: (item.placeholders as Record<string, string> | undefined) ?? {} }]
        : [],
    );
  }

  /** The lock's name: the title set, else the sensor's friendly name without the entity's own name. */
  private cardTitle(i18n: I18n, entity: HassEntityState | undefined): string {
    if (this.config?.title) return this.config.title;
    const friendly = text(entity?.attributes.friendly_name);
    if (!friendly) return i18n.t("title");
    const own = this.hass!.localize(`component.${DOMAIN}.entity.sensor.stay_status.name`) || i18n.t("stay_status_name");
    return friendly.endsWith(` ${own}`) ? friendly.slice(0, -own.length - 1) : friendly;
  }

  protected render(): TemplateResult | typeof nothing {
    const { hass, config } = this;
    if (!hass || !config) return nothing;
    lastHass = hass;
    const i18n = new I18n(hass, "card");
    const siblings = findSiblings(hass, config.entity);
    const main = hass.states[config.entity];
    if (!main) {
      return html`<div class="card" data-testid="guest-pins-card">
        <p class="message warning" role="status">${i18n.t("entity_missing", { entity: config.entity })}</p>
      </div>`;
    }
    const fmt = new Formatter(hass, userTimeZone(hass));
    const stayEntity = siblings.stay_status ? hass.states[siblings.stay_status] : undefined;
    const guestEntity = siblings.current_guest ? hass.states[siblings.current_guest] : undefined;
    const nextEntity = siblings.next_checkin ? hass.states[siblings.next_checkin] : undefined;
    const statusEntity = siblings.status ? hass.states[siblings.status] : undefined;
    const alerts = this.alertsOf(siblings);
    const alertCount = Math.max(alerts.length, Number(siblings.alerts ? hass.states[siblings.alerts]?.state : 0) || 0);

    const current = usable(guestEntity) ? guestEntity.state : undefined;
    const checkin = text(stayEntity?.attributes.checkin);
    // The stay status follows the current stay while there is one; the next arrival is then on next_checkin.
    const stayIsNext = usable(stayEntity) && checkin !== undefined && Date.parse(checkin) > Date.now();
    const nextSource = stayIsNext ? stayEntity : usable(nextEntity) && text(nextEntity.attributes.status) ? nextEntity : undefined;
    const upcoming = nextSource !== undefined;
    const nextTime = stayIsNext ? checkin : usable(nextEntity) ? nextEntity.state : undefined;
    const nextStatus = stayIsNext ? stayEntity!.state : text(nextEntity?.attributes.status) ?? "";
    const keys = upcoming ? lockKeys(nextSource!.attributes.locks) : [];

    return html`
      <div class="card" data-testid="guest-pins-card">
        <div class="head">
          <h2>${this.cardTitle(i18n, stayEntity ?? main)}</h2>
          ${usable(statusEntity)
            ? html`<span class="chip" data-testid="card-lock-status"><span class="dot ${statusEntity.state}"></span>${i18n.lockStatus(statusEntity.state)}</span>`
            : nothing}
        </div>
        <dl class="facts">
          <dt>${i18n.t("now_in")}</dt>
          <dd data-testid="card-current">${current ?? i18n.t("nobody")}</dd>
          <dt>${i18n.t("next_arrival")}</dt>
          <dd data-testid="card-next">
            ${nextTime
              ? upcoming
                ? i18n.t("next_arrival_value", { guest: text(nextSource!.attributes.guest) ?? i18n.t("guest"), time: fmt.dateTime(nextTime) })
                : fmt.dateTime(nextTime)
              : i18n.t("no_arrival")}
          </dd>
          ${upcoming
            ? html`<dt>${i18n.t("code")}</dt>
                <dd data-testid="card-code-state">
                  <span class="chip">${i18n.stayStatus(nextStatus)}</span>
                  ${keys.length
                    ? html`<ul class="keys">
                        ${keys.map(
                          (key) => html`<li class="key-${key.state}">
                            <span class="glyph" aria-hidden="true">${KEY_GLYPHS[key.state] ?? "…"}</span>
                            ${i18n.t("lock_key", { lock: key.lock, state: i18n.t(`key_state_${KEY_STATES.includes(key.state) ? key.state : "other"}`) })}
                          </li>`,
                        )}
                      </ul>`
                    : nothing}
                </dd>`
            : nothing}
        </dl>
        <section class="alerts" aria-label=${i18n.t("alerts")}>
          ${alertCount
            ? html`<h3 class="flag">${i18n.tn("alerts_count", alertCount)}</h3>
                <ul data-testid="card-alerts">
                  ${alerts.map((alert) => html`<li>${i18n.issue(alert.kind, alert.placeholders, "title")}</li>`)}
                </ul>`
            : html`<p class="muted" data-testid="card-no-alerts">${i18n.t("no_alerts")}</p>`}
        </section>
        ${hass.user?.is_admin
          ? html`<div class="foot"><button class="btn small" @click=${() => navigate("/guest_pins")}>${i18n.t("open_panel")}</button></div>`
          : nothing}
      </div>
    `;
  }

  static styles = [baseStyles, css`
    .card { height: 100%; }
    .head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin-bottom: 12px; }
    .head h2 { flex: 1 1 auto; font-size: 18px; }
    .keys { list-style: none; margin: 6px 0 0; padding: 0; }
    .keys li { display: flex; gap: 6px; align-items: baseline; }
    .glyph { font-weight: 700; width: 1em; flex: none; text-align: center; }
    .key-ready .glyph, .key-confirmed .glyph { color: var(--success-color); }
    .key-backup .glyph { color: var(--warning-color); }
    .key-waiting .glyph, .key-queued .glyph, .key-scheduled .glyph { color: var(--info-color); }
    .key-failing .glyph { color: var(--error-color); }
    .alerts { margin-top: 12px; padding-top: 8px; border-top: 1px solid var(--divider-color); }
    .alerts h3 { font-size: 14px; margin: 4px 0; display: flex; align-items: center; }
    .alerts ul { margin: 0; padding-left: 20px; }
    .alerts p { margin: 4px 0 0; }
    .foot { margin-top: 12px; display: flex; justify-content: flex-end; }
    dl.facts { grid-template-columns: max-content 1fr; }
    @media (max-width: 600px) {
      dl.facts { grid-template-columns: max-content 1fr; gap: 6px 12px; }
      dl.facts dd { margin: 0; }
    }
  `];
}

defineOnce(TAG, GuestPinsCard);

interface CustomCardEntry {
  type: string;
  name: string;
  description: string;
  preview?: boolean;
}
const registry = window as unknown as { customCards?: CustomCardEntry[] };
registry.customCards ||= [];
if (!registry.customCards.some((card) => card.type === TAG)) {
  registry.customCards.push({ type: TAG, name: "Guest PINs", description: englishText("card", "description"), preview: true });
}
