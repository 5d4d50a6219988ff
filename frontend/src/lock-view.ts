// One lock: its status and last report, battery, this week's transactions and wake-ups, what each slot
// holds, what waits in its queue and why, its backup codes; and "Apply now".

import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { backButton, defineOnce, onlyStatesChanged } from "./dom";
import { Formatter } from "./format";
import { columns, dataTable } from "./table";
import { I18n } from "./i18n";
import { REVEAL_MS } from "./stay-view";
import { baseStyles } from "./styles";
import { applyNow, revealSlot, type HomeAssistant, type LockInfo, type Overview } from "./ws";

interface Message {
  kind: "success" | "error";
  text: string;
}

export class GuestPinsLockView extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ attribute: false }) overview?: Overview;
  /** Changes when translations have loaded, so the view renders again. */
  @property({ attribute: false }) revision = 0;
  @property({ attribute: false }) lockId = "";
  @state() private busy?: string;
  @state() private message?: Message;
  @state() private revealed = new Map<number, string>();

  private timers = new Map<number, number>();

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.hideAll();
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has("lockId") && changed.get("lockId") !== undefined) {
      this.hideAll();
      this.message = undefined;
    }
  }

  private hideAll(): void {
    this.timers.forEach((timer) => window.clearTimeout(timer));
    this.timers.clear();
    this.revealed = new Map();
  }

  private hideSlot(slot: number): void {
    window.clearTimeout(this.timers.get(slot));
    this.timers.delete(slot);
    const next = new Map(this.revealed);
    next.delete(slot);
    this.revealed = next;
  }

  private async reveal(lock: LockInfo, slot: number): Promise<void> {
    const i18n = new I18n(this.hass!, "panel");
    this.busy = `reveal-${slot}`;
    this.message = undefined;
    try {
      const answer = await revealSlot(this.hass!, this.overview!.entry_id, lock.id, slot);
      this.revealed = new Map(this.revealed).set(slot, answer.code);
      window.clearTimeout(this.timers.get(slot));
      this.timers.set(slot, window.setTimeout(() => this.hideSlot(slot), REVEAL_MS));
    } catch (err) {
      this.message = { kind: "error", text: i18n.error(err) };
    } finally {
      this.busy = undefined;
    }
  }

  private async apply(lock: LockInfo): Promise<void> {
    const i18n = new I18n(this.hass!, "panel");
    this.busy = "apply";
    this.message = undefined;
    try {
      await applyNow(this.hass!, this.overview!.entry_id, lock.id);
      this.message = { kind: "success", text: i18n.t("apply_now_done", { lock: lock.name }) };
    } catch (err) {
      this.message = { kind: "error", text: i18n.error(err) };
    } finally {
      this.busy = undefined;
    }
  }

  protected shouldUpdate(changed: PropertyValues): boolean {
    return !onlyStatesChanged(changed, this.hass);
  }

  protected render(): TemplateResult | typeof nothing {
    const { hass, overview } = this;
    if (!hass || !overview) return nothing;
    const i18n = new I18n(hass, "panel");
    const lock = overview.locks.find((item) => item.id === this.lockId);
    const back = backButton(this, i18n.t("back_to_timeline"));
    if (!lock) return html`${back}<p class="message warning" role="status">${i18n.t("lock_not_found")}</p>`;
    const fmt = new Formatter(hass, overview.time_zone);
    const status = i18n.lockStatus(lock.status);
    const lowBattery = lock.battery !== null && lock.battery < 20;
    return html`
      ${back}
      <header>
        <h2>${lock.name}</h2>
        <span class="chip"><span class="dot ${lock.status}"></span>${status}</span>
        <span class="spacer"></span>
        <button class="btn primary" data-testid="apply-now" ?disabled=${this.busy !== undefined} @click=${() => this.apply(lock)}>${i18n.t("apply_now")}</button>
      </header>
      ${this.message
        ? this.message.kind === "error"
          ? html`<p class="message error" role="alert" data-testid="error">${this.message.text}</p>`
          : html`<p class="message success" role="status" data-testid="success">${this.message.text}</p>`
        : nothing}
      <div class="sections">
        <section class="card" aria-labelledby="about">
          <h3 id="about">${i18n.t("lock_health")}</h3>
          <dl class="facts">
            <dt>${i18n.t("status")}</dt>
            <dd>${status}</dd>
            <dt>${i18n.t("last_seen")}</dt>
            <dd>${lock.last_seen ? fmt.dateTime(lock.last_seen) : i18n.t("never")}</dd>
            <dt>${i18n.t("battery")}</dt>
            <dd class=${lowBattery ? "warn flag" : ""}>
              ${lock.battery === null ? i18n.t("battery_unknown") : i18n.t(lowBattery ? "battery_low_value" : "battery_value", { level: lock.battery })}
            </dd>
            <dt>${i18n.t("transactions_week")}</dt>
            <dd>${lock.transactions_week}</dd>
            <dt>${i18n.t("wakeups_week")}</dt>
            <dd>${lock.wakeups_week}</dd>
            <dt>${i18n.t("slots_used")}</dt>
            <dd>${lock.slot_count === null ? lock.slots.length : i18n.t("slots_used_value", { used: lock.slots.length, count: lock.slot_count })}</dd>
            <dt>${i18n.t("code_times")}</dt>
            <dd>${i18n.t(lock.native_windows ? "native_windows_yes" : "native_windows_no")}</dd>
          </dl>
        </section>
        ${this.renderSlots(lock, i18n, fmt)} ${this.renderQueue(lock, i18n, fmt)} ${this.renderBackups(lock, i18n, fmt)}
      </div>
    `;
  }

  private renderSlots(lock: LockInfo, i18n: I18n, fmt: Formatter): TemplateResult {
    const slots = [...lock.slots].sort((a, b) => a.slot - b.slot);
    const head = columns(i18n.t("slot"), i18n.t("whose"), i18n.t("kind"), i18n.t("code"), i18n.t("since"));
    const rows = slots.map((slot) => {
      const shown = this.revealed.get(slot.slot);
      const code = html`<span class="nowrap">
        <span class="code" data-testid="slot-code">${shown ?? slot.code}</span>
        ${shown !== undefined
          ? html`<button class="btn small" @click=${() => this.hideSlot(slot.slot)}>${i18n.t("hide")}</button>`
          : codesMasked(this.overview)
            ? html`<button
                class="btn small"
                data-testid="reveal-slot"
                aria-label=${i18n.t("reveal_slot", { slot: slot.slot })}
                ?disabled=${this.busy !== undefined}
                @click=${() => this.reveal(lock, slot.slot)}
              >
                ${i18n.t("reveal")}
              </button>`
            : nothing}
      </span>`;
      const since = slot.since ? fmt.dateTime(slot.since) : i18n.t("unknown");
      return { key: slot.slot, cells: [slot.slot, slot.name || dash(i18n), i18n.t(`kind_${slot.kind}`), code, since] };
    });
    return html`
      <section class="card wide" aria-labelledby="slots">
        <h3 id="slots">${i18n.t("slots")}</h3>
        ${slots.length ? dataTable(head, rows, "slots") : html`<p class="muted">${i18n.t("no_slots")}</p>`}
      </section>
    `;
  }

  private renderQueue(lock: LockInfo, i18n: I18n, fmt: Formatter): TemplateResult {
    const head = columns(i18n.t("slot"), i18n.t("whose"), i18n.t("kind"), i18n.t("due"), i18n.t("why"), i18n.t("attempts"));
    const rows = lock.queue.map((item) => ({
      key: item.slot,
      cells: [
        item.slot,
        item.name || dash(i18n),
        i18n.t(`kind_${item.kind}`),
        fmt.dateTime(item.due),
        html`<div>
          ${i18n.t(`reason_${item.reason}`)}
          ${item.retry_at ? html`<div class="muted small">${i18n.t("retry_at", { time: fmt.dateTime(item.retry_at) })}</div>` : nothing}
        </div>`,
        item.attempts,
      ],
    }));
    return html`
      <section class="card wide" aria-labelledby="queue">
        <h3 id="queue">${i18n.t("queue")}</h3>
        ${lock.queue.length
          ? html`<p class="muted">${i18n.tn("queue_summary", lock.queue.length)}</p>${dataTable(head, rows, "queue")}`
          : html`<p class="muted">${i18n.t("queue_empty")}</p>`}
      </section>
    `;
  }

  private renderBackups(lock: LockInfo, i18n: I18n, fmt: Formatter): TemplateResult {
    const head = columns(i18n.t("slot"), i18n.t("state"), i18n.t("handed_to"), i18n.t("code"));
    const rows = lock.backups.map((backup) => ({
      key: backup.slot ?? "",
      cells: [
        backup.slot,
        i18n.t(`backup_${backup.state}`),
        backup.guest && backup.until
          ? i18n.t("handed_to_until", { guest: backup.guest, until: fmt.dateTime(backup.until) })
          : (backup.guest ?? i18n.t("nobody")),
        html`<span class="code">${(backup.slot !== null && this.revealed.get(backup.slot)) || backup.code}</span>`,
      ],
    }));
    return html`
      <section class="card" aria-labelledby="backups">
        <h3 id="backups">${i18n.t("backups")}</h3>
        ${lock.backups.length ? dataTable(head, rows) : html`<p class="muted">${i18n.t("no_backups")}</p>`}
      </section>
    `;
  }


  static styles = [baseStyles, css`
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 12px 0; }
    .spacer { flex: 1; }
    .nowrap { white-space: nowrap; }
    .nowrap .btn { margin-left: 6px; }
    .small { font-size: 12px; }
    .warn { font-weight: 500; }
    @media (max-width: 600px) {
      th, td { padding: 6px 4px; }
    }
  `];
}

/** An empty "whose" cell: a dash, read out as "None". */
function dash(i18n: I18n): TemplateResult {
  return html`<span aria-hidden="true">—</span><span class="visually-hidden">${i18n.t("none")}</span>`;
}

function codesMasked(overview?: Overview): boolean {
  return !overview?.show_codes;
}

defineOnce("guest-pins-lock-view", GuestPinsLockView);
