// The timeline: one row per lock, stays as bars over their code's window coloured by their state on that
// lock, static PINs as lighter recurring bars, handed-out backups as thin markers, and a now-line. Laid out
// in the property's time zone with a CSS grid (label column + track) and absolutely positioned bars.

import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { NAVIGATE_EVENT, defineOnce, fire, onlyStatesChanged } from "./dom";
import { Formatter, ZOOMS, type Span, type Zoom } from "./format";
import { I18n } from "./i18n";
import { BAR_GLYPHS, barStateStyles, baseStyles } from "./styles";
import { BAR_STATES, type HomeAssistant, type LockInfo, type Overview, type StayInfo } from "./ws";

export const SPAN_EVENT = "guest-pins-span";
/** `detail` of SPAN_EVENT: a new zoom, or a step (-1 back, +1 forward, 0 today). */
export type SpanChange = { zoom: Zoom } | { step: -1 | 0 | 1 };

const LABEL_WIDE = 184;
const LABEL_NARROW = 112;
const PAD = 6;
const STAY_H = 30;
const STATIC_H = 18;
const BACKUP_H = 6;
const GAP = 4;
const MIN_LABEL_PX = 72;

interface Interval<T> {
  item: T;
  start: number;
  end: number;
  lane: number;
}

/** Put overlapping intervals on separate lanes (greedy, by start). */
function assignLanes<T>(items: Omit<Interval<T>, "lane">[]): { placed: Interval<T>[]; lanes: number } {
  const laneEnds: number[] = [];
  const placed = [...items]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((item) => {
      let lane = laneEnds.findIndex((end) => end <= item.start);
      if (lane < 0) lane = laneEnds.length;
      laneEnds[lane] = item.end;
      return { ...item, lane };
    });
  return { placed, lanes: laneEnds.length };
}

export class GuestPinsTimeline extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ attribute: false }) overview?: Overview;
  /** Changes when translations have loaded, so the view renders again. */
  @property({ attribute: false }) revision = 0;
  @property({ attribute: false }) span?: Span;
  @property({ type: Boolean }) narrow = false;
  @property({ type: Boolean }) loading = false;
  @property({ attribute: false }) now = Date.now();
  @state() private trackWidth = 0;

  private resizer?: ResizeObserver;
  private formatter?: Formatter;
  private formatterKey = "";

  connectedCallback(): void {
    super.connectedCallback();
    this.resizer = new ResizeObserver(([entry]) => {
      this.trackWidth = Math.max(0, entry.contentRect.width - this.labelWidth());
    });
    this.resizer.observe(this);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
  }

  private labelWidth(): number {
    return this.narrow ? LABEL_NARROW : LABEL_WIDE;
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has("narrow") && this.trackWidth) {
      this.trackWidth = Math.max(0, this.getBoundingClientRect().width - this.labelWidth());
    }
  }

  private fmt(hass: HomeAssistant, zone: string): Formatter {
    const key = `${hass.language}|${hass.locale?.language}|${hass.locale?.time_format}|${zone}`;
    if (!this.formatter || key !== this.formatterKey) {
      this.formatter = new Formatter(hass, zone);
      this.formatterKey = key;
    }
    return this.formatter;
  }

  /** Left and width (percent of the track) of an interval, clipped to the span. */
  private place(start: number, end: number): { left: number; width: number; cutStart: boolean; cutEnd: boolean } {
    const span = this.span!;
    const total = span.end - span.start;
    const from = Math.max(start, span.start);
    const to = Math.min(end, span.end);
    return {
      left: ((from - span.start) / total) * 100,
      width: (Math.max(0, to - from) / total) * 100,
      cutStart: start < span.start,
      cutEnd: end > span.end,
    };
  }

  private fits(widthPercent: number): boolean {
    return (widthPercent / 100) * this.trackWidth >= MIN_LABEL_PX;
  }

  protected shouldUpdate(changed: PropertyValues): boolean {
    return !onlyStatesChanged(changed, this.hass);
  }

  protected render(): TemplateResult | typeof nothing {
    const { hass, overview, span } = this;
    if (!hass || !overview || !span) return nothing;
    const i18n = new I18n(hass, "panel");
    const fmt = this.fmt(hass, overview.time_zone);
    const ticks = fmt.ticks(span, this.narrow);
    const nowPlace = this.now >= span.start && this.now < span.end ? this.place(this.now, this.now) : undefined;
    return html`
      <div class="toolbar">
        <div class="nav" role="group" aria-label=${i18n.t("period")}>
          <button class="btn small" @click=${() => this.step(-1)} aria-label=${i18n.t(`previous_${span.zoom}`)}>
            <span aria-hidden="true">‹</span>
          </button>
          <button class="btn small" @click=${() => this.step(0)}>${i18n.t("today")}</button>
          <button class="btn small" @click=${() => this.step(1)} aria-label=${i18n.t(`next_${span.zoom}`)}>
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <h2 class="span-title" aria-live="polite">${fmt.spanTitle(span)}</h2>
        <div class="zoom" role="group" aria-label=${i18n.t("zoom")}>
          ${ZOOMS.map(
            (zoom) => html`<button
              class="btn small ${zoom === span.zoom ? "primary" : ""}"
              aria-pressed=${zoom === span.zoom ? "true" : "false"}
              data-testid="zoom-${zoom}"
              @click=${() => fire<SpanChange>(this, SPAN_EVENT, { zoom })}
            >
              ${i18n.t(`zoom_${zoom}`)}
            </button>`,
          )}
        </div>
      </div>
      <div class="grid ${this.loading ? "loading" : ""}" style="--label-w: ${this.labelWidth()}px" aria-busy=${this.loading ? "true" : "false"}>
        <div class="row axis" aria-hidden="true">
          <div class="label"></div>
          <div class="track">
            ${ticks.map((tick) => html`<span class="tick-label" style="left: ${this.place(tick.ms, tick.ms).left}%">${tick.label}</span>`)}
          </div>
        </div>
        ${overview.locks.length
          ? overview.locks.map((lock) => this.renderRow(lock, overview, i18n, fmt))
          : html`<p class="empty muted">${i18n.t("no_locks")}</p>`}
        <div class="overlay" aria-hidden="true">
          ${ticks.map((tick) => html`<span class="tick ${tick.major ? "major" : ""}" style="left: ${this.place(tick.ms, tick.ms).left}%"></span>`)}
          ${nowPlace ? html`<span class="now" style="left: ${nowPlace.left}%" title=${i18n.t("now")}></span>` : nothing}
        </div>
      </div>
      ${this.renderLegend(i18n)}
    `;
  }

  private renderRow(lock: LockInfo, overview: Overview, i18n: I18n, fmt: Formatter): TemplateResult {
    const span = this.span!;
    const overlaps = (start: number, end: number) => end > span.start && start < span.end;
    const stays = assignLanes(
      overview.stays.flatMap((stay) => {
        const on = stay.locks.find((entry) => entry.lock_id === lock.id);
        const start = Date.parse(stay.window_start);
        const end = Date.parse(stay.window_end);
        return on && overlaps(start, end) ? [{ item: { stay, state: on.state }, start, end }] : [];
      }),
    );
    const statics = assignLanes(
      overview.statics
        .filter((pin) => pin.enabled !== false && pin.locks.includes(lock.id))
        .flatMap((pin) =>
          pin.occurrences
            .map((time) => ({ item: pin, start: Date.parse(time.start), end: Date.parse(time.end) }))
            .filter((time) => overlaps(time.start, time.end)),
        ),
    );
    const backups = lock.backups.filter(
      (backup) => backup.state === "handed_out" && backup.until && overlaps(this.now, Date.parse(backup.until)),
    );
    const backupTop = PAD;
    const stayTop = PAD + (backups.length ? BACKUP_H + GAP : 0);
    const staticTop = stayTop + stays.lanes * (STAY_H + GAP);
    const height = Math.max(52, staticTop + statics.lanes * (STATIC_H + GAP) + PAD);
    const status = i18n.lockStatus(lock.status);
    return html`
      <div class="row" data-testid="lock-row" data-lock=${lock.id}>
        <div class="label">
          <button
            class="lock-name"
            data-testid="lock-name"
            aria-label=${i18n.t("lock_button_label", { lock: lock.name, status })}
            @click=${() => fire(this, NAVIGATE_EVENT, { path: `/lock/${encodeURIComponent(lock.id)}` })}
          >
            <span class="name">${lock.name}</span>
            <span class="status"><span class="dot ${lock.status}"></span>${status}</span>
          </button>
        </div>
        <div class="track" style="height: ${height}px">
          ${backups.map((backup) => {
            const until = Date.parse(backup.until!);
            const where = this.place(this.now, until);
            const label = i18n.t("backup_bar_label", { guest: backup.guest ?? i18n.t("guest"), until: fmt.shortDateTime(until) });
            return html`<button
              class="bar backup-bar fill state-backup"
              data-testid="backup-bar"
              style="left: ${where.left}%; width: ${where.width}%; top: ${backupTop}px; height: ${BACKUP_H}px"
              aria-label=${label}
              title=${label}
              @click=${() => fire(this, NAVIGATE_EVENT, { path: `/lock/${encodeURIComponent(lock.id)}` })}
            ></button>`;
          })}
          ${stays.placed.map(({ item, start, end, lane }) => this.renderStayBar(item.stay, item.state, start, end, stayTop + lane * (STAY_H + GAP), i18n, fmt))}
          ${statics.placed.map(({ item, start, end, lane }) => {
            const where = this.place(start, end);
            const label = i18n.t("static_bar_label", { name: item.name, range: fmt.range(start, end) });
            return html`<span
              class="bar static-bar ${where.cutStart ? "cut-start" : ""} ${where.cutEnd ? "cut-end" : ""}"
              data-testid="static-bar"
              role="img"
              style="left: ${where.left}%; width: ${where.width}%; top: ${staticTop + lane * (STATIC_H + GAP)}px; height: ${STATIC_H}px"
              aria-label=${label}
              title=${label}
              ><span class="text">${this.fits(where.width) ? item.name : ""}</span></span
            >`;
          })}
        </div>
      </div>
    `;
  }

  private renderStayBar(stay: StayInfo, barState: string, start: number, end: number, top: number, i18n: I18n, fmt: Formatter): TemplateResult {
    const where = this.place(start, end);
    const label = i18n.t("stay_bar_label", {
      guest: stay.guest,
      range: fmt.range(start, end),
      state: i18n.t(`bar_state_${barState}`),
    });
    return html`<button
      class="bar stay-bar fill state-${barState} ${where.cutStart ? "cut-start" : ""} ${where.cutEnd ? "cut-end" : ""}"
      data-testid="stay-bar"
      data-state=${barState}
      data-stay=${stay.id}
      style="left: ${where.left}%; width: ${where.width}%; top: ${top}px; height: ${STAY_H}px"
      aria-label=${label}
      title=${label}
      @click=${() => fire(this, NAVIGATE_EVENT, { path: `/stay/${encodeURIComponent(stay.id)}` })}
    >
      <span class="glyph" aria-hidden="true">${BAR_GLYPHS[barState] ?? ""}</span>
      ${this.fits(where.width) ? html`<span class="text">${stay.guest}</span>` : nothing}
    </button>`;
  }

  private renderLegend(i18n: I18n): TemplateResult {
    return html`
      <section class="legend" aria-labelledby="legend-title">
        <h3 id="legend-title" class="visually-hidden">${i18n.t("legend")}</h3>
        <ul>
          ${BAR_STATES.map(
            (name) => html`<li title=${i18n.t(`bar_state_${name}_help`)}>
              <span class="swatch fill state-${name}" aria-hidden="true">${BAR_GLYPHS[name]}</span>${i18n.t(`bar_state_${name}`)}
            </li>`,
          )}
          <li><span class="swatch static-bar" aria-hidden="true"></span>${i18n.t("legend_static")}</li>
        </ul>
        <details>
          <summary>${i18n.t("legend_more")}</summary>
          <dl class="facts">
            ${BAR_STATES.map((name) => html`<dt>${i18n.t(`bar_state_${name}`)}</dt><dd>${i18n.t(`bar_state_${name}_help`)}</dd>`)}
            <dt>${i18n.t("legend_static")}</dt>
            <dd>${i18n.t("legend_static_help")}</dd>
            <dt>${i18n.t("legend_backup")}</dt>
            <dd>${i18n.t("legend_backup_help")}</dd>
          </dl>
        </details>
      </section>
    `;
  }

  private step(step: -1 | 0 | 1): void {
    fire<SpanChange>(this, SPAN_EVENT, { step });
  }

  static styles = [baseStyles, barStateStyles, css`
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin-bottom: 12px; }
    .nav, .zoom { display: flex; gap: 6px; }
    .span-title { flex: 1 1 auto; font-size: 18px; min-width: 10em; }
    .grid { position: relative; border: 1px solid var(--divider-color); border-radius: 8px; overflow: hidden; background: var(--card-background-color); }
    .grid.loading { opacity: 0.6; }
    .row { display: grid; grid-template-columns: var(--label-w) 1fr; border-bottom: 1px solid var(--divider-color); }
    .row:last-of-type { border-bottom: none; }
    .row.axis { height: 28px; background: var(--primary-background-color); }
    .label { border-right: 1px solid var(--divider-color); min-width: 0; }
    .track { position: relative; min-width: 0; }
    .tick-label { position: absolute; top: 6px; padding-left: 4px; font-size: 12px; color: var(--secondary-text-color); white-space: nowrap; }
    .lock-name { display: flex; flex-direction: column; align-items: flex-start; gap: 2px; width: 100%; height: 100%; padding: 8px 10px; border: none; background: none; text-align: start; }
    .lock-name:hover .name { text-decoration: underline; }
    .lock-name .name { font-weight: 500; color: var(--primary-color); overflow-wrap: anywhere; }
    .lock-name .status { display: flex; align-items: baseline; gap: 6px; font-size: 12px; color: var(--secondary-text-color); }
    .overlay { position: absolute; top: 0; bottom: 0; left: var(--label-w); right: 0; pointer-events: none; }
    .tick { position: absolute; top: 0; bottom: 0; border-left: 1px solid color-mix(in srgb, var(--divider-color) 50%, transparent); }
    .tick.major { border-left-color: var(--divider-color); }
    .now { position: absolute; top: 0; bottom: 0; border-left: 2px solid var(--error-color, #db4437); z-index: 2; }
    .now::before { content: ""; position: absolute; top: 0; left: -5px; border: 4px solid transparent; border-top: 6px solid var(--error-color, #db4437); }
    .bar { position: absolute; display: flex; align-items: center; gap: 4px; padding: 0 6px; border-radius: 6px; overflow: hidden; white-space: nowrap; font-size: 13px; color: var(--primary-text-color); z-index: 1; min-width: 4px; }
    button.bar { cursor: pointer; }
    button.bar:hover { filter: brightness(0.95); box-shadow: 0 1px 3px rgba(0, 0, 0, 0.3); }
    button.bar:focus-visible { z-index: 3; }
    .bar.cut-start { border-top-left-radius: 0; border-bottom-left-radius: 0; }
    .bar.cut-end { border-top-right-radius: 0; border-bottom-right-radius: 0; }
    .bar .text { overflow: hidden; text-overflow: ellipsis; }
    .bar .glyph { flex: none; font-weight: 700; color: var(--bar); }
    .backup-bar { padding: 0; border-radius: 3px; border-width: 1px; }
    .static-bar { font-size: 11px; color: var(--secondary-text-color); background: color-mix(in srgb, var(--secondary-text-color) 14%, var(--card-background-color, #fff)); border: 1px dotted var(--secondary-text-color); padding: 0 4px; border-radius: 4px; }
    .empty { padding: 16px; margin: 0; }
    .legend ul { display: flex; flex-wrap: wrap; gap: 6px 16px; list-style: none; padding: 0; margin: 12px 0 4px; }
    .legend li { display: flex; align-items: center; gap: 6px; font-size: 13px; }
    .swatch { display: inline-flex; align-items: center; justify-content: center; width: 26px; height: 16px; border-radius: 4px; font-size: 11px; font-weight: 700; color: var(--bar); }
    .swatch.static-bar { position: static; }
    .legend details { font-size: 13px; }
    .legend summary { cursor: pointer; color: var(--primary-color); padding: 4px 0; }
    .legend dl { margin-top: 8px; }
  `];
}

defineOnce("guest-pins-timeline", GuestPinsTimeline);
