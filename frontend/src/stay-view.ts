// One stay: the booking, its door code (masked, revealed for 30 s on request), how the code was made, its
// state on each lock, the messages to the guest, its use; and the host's actions on it.

import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, query, state } from "lit/decorators.js";
import { NAVIGATE_EVENT, backButton, defineOnce, fire, onlyStatesChanged } from "./dom";
import { Formatter } from "./format";
import { columns, dataTable } from "./table";
import { I18n } from "./i18n";
import { BAR_GLYPHS, barStateStyles, baseStyles } from "./styles";
import {
  applyNow,
  isValidCode,
  regenerate,
  resend,
  reveal,
  setCode,
  type HomeAssistant,
  type Overview,
  type RevealResult,
  type StayInfo,
} from "./ws";

export const REVEAL_MS = 30_000;

interface Message {
  kind: "success" | "error";
  text: string;
  where: "code" | "locks"; // shown beside the buttons that caused it
}

export class GuestPinsStayView extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ attribute: false }) overview?: Overview;
  /** Changes when translations have loaded, so the view renders again. */
  @property({ attribute: false }) revision = 0;
  @property({ attribute: false }) stayId = "";
  @state() private revealed?: RevealResult;
  @state() private busy?: string;
  @state() private message?: Message;
  @state() private confirming = false;
  @state() private editing = false;
  @query("#own-code") private codeInput?: HTMLInputElement;

  private revealTimer?: number;

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.hide();
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has("stayId") && changed.get("stayId") !== undefined) {
      this.hide();
      this.message = undefined;
      this.confirming = false;
      this.editing = false;
    }
  }

  private hide(): void {
    window.clearTimeout(this.revealTimer);
    this.revealTimer = undefined;
    this.revealed = undefined;
  }

  private lockName(lockId: string, i18n: I18n): string {
    return this.overview?.locks.find((lock) => lock.id === lockId)?.name ?? i18n.t("removed_lock");
  }

  /** Run an action; show its success or its translated error. */
  private async run(name: string, action: () => Promise<void>, success: string): Promise<void> {
    const i18n = new I18n(this.hass!, "panel");
    const where = name === "apply_now" ? "locks" : "code";
    this.busy = name;
    this.message = undefined;
    try {
      await action();
      this.message = { kind: "success", text: success, where };
    } catch (err) {
      this.message = { kind: "error", text: i18n.error(err), where };
    } finally {
      this.busy = undefined;
    }
  }

  private async doReveal(stay: StayInfo): Promise<void> {
    const i18n = new I18n(this.hass!, "panel");
    this.busy = "reveal";
    this.message = undefined;
    try {
      this.revealed = await reveal(this.hass!, this.overview!.entry_id, stay.id);
      window.clearTimeout(this.revealTimer);
      this.revealTimer = window.setTimeout(() => this.hide(), REVEAL_MS);
    } catch (err) {
      this.message = { kind: "error", text: i18n.error(err), where: "code" };
    } finally {
      this.busy = undefined;
    }
  }

  private async saveCode(stay: StayInfo, i18n: I18n): Promise<void> {
    const input = this.codeInput;
    const code = input?.value.trim() ?? "";
    if (!isValidCode(code)) {
      this.message = { kind: "error", text: i18n.t("set_code_invalid"), where: "code" };
      input?.focus();
      return;
    }
    await this.run("set_code", () => setCode(this.hass!, this.overview!.entry_id, stay.id, code), i18n.t("set_code_done", { guest: stay.guest }));
    if (this.message?.kind === "success") {
      if (input) input.value = "";
      this.editing = false;
      this.hide();
    }
  }

  private resendKeys(stay: StayInfo, i18n: I18n): Promise<void> {
    const done = i18n.t("resend_done", { guest: stay.guest });
    return this.run("resend", () => resend(this.hass!, this.overview!.entry_id, stay.id), done);
  }

  private apply(lockId: string, i18n: I18n): Promise<void> {
    const done = i18n.t("apply_now_done", { lock: this.lockName(lockId, i18n) });
    return this.run("apply_now", () => applyNow(this.hass!, this.overview!.entry_id, lockId), done);
  }

  /** Open the regenerate confirmation or the own-code form (or close both), and move the focus into it. */
  private async open(what?: "confirm" | "edit"): Promise<void> {
    this.confirming = what === "confirm";
    this.editing = what === "edit";
    this.message = undefined;
    await this.updateComplete;
    const target = what === "confirm" ? '[data-testid="regenerate-confirm"]' : what === "edit" ? "#own-code" : undefined;
    if (target) this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  protected shouldUpdate(changed: PropertyValues): boolean {
    return !onlyStatesChanged(changed, this.hass);
  }

  protected render(): TemplateResult | typeof nothing {
    const { hass, overview } = this;
    if (!hass || !overview) return nothing;
    const i18n = new I18n(hass, "panel");
    const stay = overview.stays.find((item) => item.id === this.stayId);
    const back = backButton(this, i18n.t("back_to_timeline"));
    if (!stay) {
      return html`${back}<p class="message warning" role="status">${i18n.t("stay_not_found")}</p>`;
    }
    const fmt = new Formatter(hass, overview.time_zone);
    return html`
      ${back}
      <header>
        <h2>${stay.guest}</h2>
        <span class="chip">${i18n.stayStatus(stay.status)}</span>
      </header>
      <div class="sections">
        <section class="card" aria-labelledby="booking">
          <h3 id="booking">${i18n.t("booking")}</h3>
          <dl class="facts">
            <dt>${i18n.t("reference")}</dt>
            <dd>${stay.reference ?? i18n.t("none")}</dd>
            <dt>${i18n.t("calendars")}</dt>
            <dd>${stay.calendars.length ? stay.calendars.join(", ") : i18n.t("none")}</dd>
            <dt>${i18n.t("checkin")}</dt>
            <dd>${fmt.dateTime(stay.checkin)}</dd>
            <dt>${i18n.t("checkout")}</dt>
            <dd>${fmt.dateTime(stay.checkout)}</dd>
            <dt>${i18n.t("code_window")}</dt>
            <dd>${fmt.range(stay.window_start, stay.window_end)}</dd>
            <dt>${i18n.t("status")}</dt>
            <dd>${i18n.stayStatus(stay.status)}</dd>
          </dl>
        </section>
        ${this.renderCode(stay, i18n)}
        ${this.renderLocks(stay, i18n)}
        ${this.renderDelivery(stay, i18n, fmt)}
        ${this.renderUse(stay, i18n, fmt)}
      </div>
    `;
  }

  private renderMessage(where: Message["where"]): TemplateResult | typeof nothing {
    const message = this.message;
    if (!message || message.where !== where) return nothing;
    return message.kind === "error"
      ? html`<p class="message error" role="alert" data-testid="error">${message.text}</p>`
      : html`<p class="message success" role="status" data-testid="success">${message.text}</p>`;
  }

  private renderCode(stay: StayInfo, i18n: I18n): TemplateResult {
    const shown = this.revealed;
    const extra = shown
      ? [
          ...Object.entries(shown.lock_codes).map(([lockId, code]) => i18n.t("code_on_lock", { lock: this.lockName(lockId, i18n), code })),
          ...Object.entries(shown.backups).map(([lockId, code]) => i18n.t("backup_on_lock", { lock: this.lockName(lockId, i18n), code })),
        ]
      : [];
    const busy = this.busy !== undefined;
    const masked = !shown && !this.overview?.show_codes;
    return html`
      <section class="card" aria-labelledby="code">
        <h3 id="code">${i18n.t("door_code")}</h3>
        <div class="code-row">
          <span class="code big" data-testid="stay-code" role=${masked ? "img" : nothing} aria-label=${masked ? i18n.t("code_hidden") : nothing}>${shown ? shown.code : stay.code}</span>
          ${shown
            ? html`<button class="btn small" @click=${() => this.hide()}>${i18n.t("hide")}</button>
                <span class="muted">${i18n.t("reveal_hint")}</span>`
            : html`<button class="btn small" data-testid="reveal" ?disabled=${busy} @click=${() => this.doReveal(stay)}>${i18n.t("reveal")}</button>`}
        </div>
        ${extra.length ? html`<ul class="extra code-list" data-testid="stay-lock-codes">${extra.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
        <p>${i18n.t(`method_${stay.method}`)} <span class="muted">${i18n.t(stay.frozen ? "frozen_yes" : "frozen_no")}</span></p>
        <div class="actions">
          <button class="btn" data-testid="regenerate" ?disabled=${stay.regenerate_refusal !== null || busy} @click=${() => this.open("confirm")}>
            ${i18n.t("regenerate")}
          </button>
          <button class="btn" data-testid="set-code" ?disabled=${busy} aria-expanded=${this.editing ? "true" : "false"} @click=${() => this.open(this.editing ? undefined : "edit")}>
            ${i18n.t("set_code")}
          </button>
          <button class="btn" data-testid="resend" ?disabled=${busy} @click=${() => this.resendKeys(stay, i18n)}>
            ${i18n.t("resend")}
          </button>
        </div>
        ${stay.regenerate_refusal === null
          ? nothing
          : html`<p class="muted small" data-testid="regenerate-refusal">${i18n.t(`regenerate_${stay.regenerate_refusal}`)}</p>`}
        ${this.renderMessage("code")}
        ${this.confirming
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text">${i18n.t("regenerate_confirm", { guest: stay.guest })}</p>
              <button class="btn primary" data-testid="regenerate-confirm" ?disabled=${busy} @click=${async () => {
                this.confirming = false;
                await this.run("regenerate", () => regenerate(this.hass!, this.overview!.entry_id, stay.id), i18n.t("regenerate_done", { guest: stay.guest }));
                this.hide();
              }}>${i18n.t("regenerate_yes")}</button>
              <button class="btn" data-testid="regenerate-cancel" @click=${() => { this.confirming = false; }}>${i18n.t("cancel")}</button>
            </div>`
          : nothing}
        ${this.editing
          ? html`<form class="own-code" novalidate @submit=${(ev: Event) => { ev.preventDefault(); void this.saveCode(stay, i18n); }}>
              <label for="own-code">${i18n.t("set_code_label")}</label>
              <div class="inline">
                <input id="own-code" data-testid="set-code-input" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="8" aria-describedby="own-code-help" />
                <button class="btn primary" type="submit" data-testid="set-code-save" ?disabled=${busy}>${i18n.t("save")}</button>
                <button class="btn" type="button" @click=${() => { this.editing = false; }}>${i18n.t("cancel")}</button>
              </div>
              <p id="own-code-help" class="muted small">${i18n.t("set_code_help")}</p>
            </form>`
          : nothing}
      </section>
    `;
  }

  private renderLocks(stay: StayInfo, i18n: I18n): TemplateResult {
    const head = [{ label: i18n.t("lock") }, { label: i18n.t("state") }, { label: i18n.t("actions"), hidden: true }];
    const rows = stay.locks.map((entry) => ({
      key: entry.lock_id,
      cells: [
        html`<button class="link" @click=${() => fire(this, NAVIGATE_EVENT, { path: `/lock/${encodeURIComponent(entry.lock_id)}` })}>
          ${this.lockName(entry.lock_id, i18n)}
        </button>`,
        html`<span class="state state-${entry.state}">
          <span class="glyph" aria-hidden="true">${BAR_GLYPHS[entry.state] ?? ""}</span> ${i18n.t(`bar_state_${entry.state}`)}
        </span>`,
        html`<button class="btn small" data-testid="apply-now" ?disabled=${this.busy !== undefined} @click=${() => this.apply(entry.lock_id, i18n)}>
          ${i18n.t("apply_now")}
        </button>`,
      ],
    }));
    return html`
      <section class="card" aria-labelledby="locks">
        <h3 id="locks">${i18n.t("on_the_locks")}</h3>
        ${dataTable(head, rows)}
        ${this.renderMessage("locks")}
      </section>
    `;
  }

  private renderDelivery(stay: StayInfo, i18n: I18n, fmt: Formatter): TemplateResult {
    const head = columns(i18n.t("channel"), i18n.t("to"), i18n.t("state"), i18n.t("sent_at"));
    const rows = stay.delivery.map((item) => ({
      cells: [
        i18n.t(`channel_${item.channel}`),
        item.label,
        html`<span class="delivery-${item.state} ${item.state === "failing" ? "flag bad" : ""}">${i18n.t(`delivery_${item.state}`)}</span>`,
        item.sent_at ? fmt.dateTime(item.sent_at) : i18n.t("not_yet"),
      ],
    }));
    return html`
      <section class="card" aria-labelledby="delivery">
        <h3 id="delivery">${i18n.t("delivery")}</h3>
        ${stay.delivery.length ? dataTable(head, rows) : html`<p class="muted">${i18n.t("no_delivery")}</p>`}
      </section>
    `;
  }

  private renderUse(stay: StayInfo, i18n: I18n, fmt: Formatter): TemplateResult {
    const head = columns(i18n.t("when"), i18n.t("lock"), i18n.t("who"));
    const rows = stay.access.map((item) => ({
      cells: [
        fmt.dateTime(item.at),
        this.lockName(item.lock_id, i18n),
        i18n.t(`who_${item.who}`, { name: item.name ?? i18n.t("guest") }),
      ],
    }));
    return html`
      <section class="card wide" aria-labelledby="use">
        <h3 id="use">${i18n.t("use")}</h3>
        <dl class="facts">
          <dt>${i18n.t("first_use")}</dt>
          <dd>${stay.first_use ? fmt.dateTime(stay.first_use) : i18n.t("not_yet")}</dd>
        </dl>
        <h4>${i18n.t("access_log")}</h4>
        ${stay.access.length ? dataTable(head, rows) : html`<p class="muted">${i18n.t("no_access")}</p>`}
      </section>
    `;
  }

  static styles = [baseStyles, barStateStyles, css`
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 12px 0; }
    .back { margin-bottom: 4px; }
    .code-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
    .code.big { font-size: 22px; min-width: 6ch; }
    .code-list { margin: 8px 0 0; padding-left: 20px; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
    .confirm, .own-code { margin-top: 12px; padding: 12px; border-radius: 8px; background: var(--primary-background-color); }
    .confirm p { margin: 0 0 8px; }
    .confirm button { margin-right: 8px; }
    .own-code label { display: block; margin-bottom: 6px; font-weight: 500; }
    .inline { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    input { font: inherit; font-size: 18px; letter-spacing: 0.15em; width: 10ch; padding: 6px 10px; border-radius: 6px; border: 1px solid var(--divider-color); background: var(--card-background-color); color: var(--primary-text-color); }
    .small { font-size: 13px; margin: 6px 0 0; }
    h4 { margin: 16px 0 6px; font-weight: 500; font-size: 14px; }
    .state .glyph { color: var(--bar); font-weight: 700; }
    .end { text-align: end; }
    .link { border: none; background: none; padding: 0; color: var(--primary-color); text-decoration: underline; text-align: start; }
    .delivery-failing { font-weight: 500; }
  `];
}

defineOnce("guest-pins-stay-view", GuestPinsStayView);
