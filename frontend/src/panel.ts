// The guest_pins sidebar panel (administrators): property selector, timeline, stay, lock and alerts views.
// Home Assistant sets `hass`, `narrow`, `route` and `panel`; data comes from the `guest_pins/subscribe`
// subscription, navigation follows `route.path`.

import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import "./alerts-view";
import { NAVIGATE_EVENT, defineOnce, fire, navigate, type PanelLink } from "./dom";
import { civilDate, firstWeekday, shiftAnchor, spanFor, type CivilDate, type Span, type Zoom } from "./format";
import { I18n, TranslationController } from "./i18n";
import "./lock-view";
import "./stay-view";
import { baseStyles } from "./styles";
import "./timeline";
import { SPAN_EVENT, type SpanChange } from "./timeline";
import { listProperties, subscribeOverview, type HomeAssistant, type Overview, type PropertyRef, type Unsubscribe } from "./ws";

interface Route {
  prefix: string;
  path: string;
}

type View = { name: "timeline" } | { name: "alerts" } | { name: "stay"; id: string } | { name: "lock"; id: string };

export function parseView(path: string | undefined): View {
  const parts = (path ?? "").split("/").filter(Boolean);
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  // An id is one encoded segment; a decoded one that holds "/" is taken whole as well.
  const id = parts.slice(1).map(decode).join("/");
  if (parts[0] === "stay" && id) return { name: "stay", id };
  if (parts[0] === "lock" && id) return { name: "lock", id };
  if (parts[0] === "alerts") return { name: "alerts" };
  return { name: "timeline" };
}

export class GuestPinsPanel extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ type: Boolean }) narrow = false;
  @property({ attribute: false }) route?: Route;
  @property({ attribute: false }) panel?: unknown;

  @state() private properties?: PropertyRef[];
  @state() private entryId?: string;
  @state() private overview?: Overview;
  @state() private zoom: Zoom = "week";
  @state() private anchor?: CivilDate;
  @state() private loading = false;
  @state() private failure?: string;
  @state() private now = Date.now();

  private readonly translations = new TranslationController(this);
  private listing = false;
  private subscription?: Promise<Unsubscribe | undefined>;
  private subscriptionKey = "";
  private generation = 0;
  private serverOffset = 0; // server now - browser now, from the last overview
  private clock?: number;
  private readonly zones = new Map<string, string>();

  connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate(); // subscribe again when Home Assistant attaches this element anew
    this.clock = window.setInterval(() => (this.now = Date.now() + this.serverOffset), 60_000);
    this.addEventListener(NAVIGATE_EVENT, this.onNavigate as EventListener);
    this.addEventListener(SPAN_EVENT, this.onSpan as EventListener);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.clock);
    this.removeEventListener(NAVIGATE_EVENT, this.onNavigate as EventListener);
    this.removeEventListener(SPAN_EVENT, this.onSpan as EventListener);
    this.unsubscribe();
  }

  private get isAdmin(): boolean {
    return this.hass?.user?.is_admin !== false;
  }

  /** The property's zone: from its last overview, else Home Assistant's until the first one arrives. */
  private zone(): string {
    return (this.entryId && this.zones.get(this.entryId)) || this.hass?.config.time_zone || "UTC";
  }

  private span(): Span | undefined {
    if (!this.hass) return undefined;
    const zone = this.zone();
    const anchor = this.anchor ?? civilDate(this.now, zone);
    return spanFor(this.zoom, anchor, zone, firstWeekday(this.hass));
  }

  protected updated(changed: PropertyValues): void {
    if (!this.hass || !this.isAdmin) return;
    if (!this.properties && !this.listing) void this.loadProperties();
    this.ensureSubscription();
    if (changed.has("route") && parseView(this.route?.path).name === "timeline") this.failure = undefined;
  }

  private async loadProperties(): Promise<void> {
    this.listing = true;
    try {
      const properties = await listProperties(this.hass!);
      const wanted = new URLSearchParams(location.search).get("config_entry");
      this.entryId = properties.find((item) => item.entry_id === wanted)?.entry_id ?? properties[0]?.entry_id;
      this.properties = properties;
    } catch (err) {
      this.failure = new I18n(this.hass!, "panel").error(err);
      this.properties = [];
    } finally {
      this.listing = false;
    }
  }

  private ensureSubscription(): void {
    const span = this.span();
    if (!this.isConnected || !this.hass || !this.entryId || !span) return;
    // A stay opened directly (a link, a reload) comes with the overview even outside the span shown.
    const view = parseView(this.route?.path);
    const stayId = view.name === "stay" ? view.id : undefined;
    const key = `${this.entryId}|${span.start}|${span.end}|${stayId ?? ""}`;
    if (key === this.subscriptionKey) return;
    this.unsubscribe();
    this.subscriptionKey = key;
    const generation = ++this.generation;
    const entryId = this.entryId;
    this.loading = true;
    this.subscription = subscribeOverview(
      this.hass,
      entryId,
      new Date(span.start).toISOString(),
      new Date(span.end).toISOString(),
      stayId,
      (overview) => {
        if (generation !== this.generation || overview.entry_id !== entryId) return;
        this.serverOffset = Date.parse(overview.now) - Date.now() || 0;
        this.now = Date.now() + this.serverOffset;
        this.zones.set(entryId, overview.time_zone);
        this.overview = overview;
        this.loading = false;
        this.failure = undefined;
      },
    ).catch((err: unknown) => {
      if (generation === this.generation) {
        this.failure = new I18n(this.hass!, "panel").error(err);
        this.loading = false;
        this.subscriptionKey = "";
      }
      return undefined;
    });
  }

  private unsubscribe(): void {
    const pending = this.subscription;
    this.subscription = undefined;
    this.subscriptionKey = "";
    this.generation += 1;
    void pending?.then((unsub) => unsub?.().catch(() => undefined));
  }

  private go(path: string): void {
    navigate(`${this.route?.prefix ?? "/guest_pins"}${path}${location.search}`);
  }

  private onNavigate = (ev: CustomEvent<PanelLink>): void => {
    ev.stopPropagation();
    this.go(ev.detail.path);
  };

  private onSpan = (ev: CustomEvent<SpanChange>): void => {
    ev.stopPropagation();
    const detail = ev.detail;
    if ("zoom" in detail) {
      this.zoom = detail.zoom;
      return;
    }
    const today = civilDate(this.now, this.zone());
    this.anchor = detail.step === 0 ? today : shiftAnchor(this.zoom, this.span()?.from ?? today, detail.step);
  };

  private selectProperty(entryId: string): void {
    if (entryId === this.entryId) return;
    this.entryId = entryId;
    this.overview = undefined;
    const query = new URLSearchParams(location.search);
    query.set("config_entry", entryId);
    navigate(`${this.route?.prefix ?? "/guest_pins"}?${query.toString()}`);
  }

  protected render(): TemplateResult {
    const hass = this.hass;
    if (!hass) return html``;
    const i18n = new I18n(hass, "panel");
    const view = parseView(this.route?.path);
    const alerts = this.overview?.alerts.length ?? 0;
    return html`
      <header class="topbar">
        ${this.narrow
          ? html`<button class="menu" aria-label=${i18n.t("menu")} data-testid="menu" @click=${() => fire(this, "hass-toggle-menu")}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" /></svg>
            </button>`
          : nothing}
        <h1>${this.overview?.title ?? i18n.t("title")}</h1>
        ${this.properties && this.properties.length > 1
          ? html`<label class="property">
              <span class="visually-hidden">${i18n.t("property")}</span>
              <select data-testid="property" @change=${(ev: Event) => this.selectProperty((ev.target as HTMLSelectElement).value)}>
                ${this.properties.map((item) => html`<option value=${item.entry_id} ?selected=${item.entry_id === this.entryId}>${item.title}</option>`)}
              </select>
            </label>`
          : nothing}
      </header>
      <nav class="tabs" aria-label=${i18n.t("views")}>
        <button data-testid="tab-timeline" aria-current=${view.name === "alerts" ? "false" : "page"} @click=${() => this.go("")}>${i18n.t("tab_timeline")}</button>
        <button data-testid="tab-alerts" aria-current=${view.name === "alerts" ? "page" : "false"} @click=${() => this.go("/alerts")}>
          ${i18n.t("tab_alerts", { count: alerts })}
        </button>
      </nav>
      <main>${this.renderBody(view, hass, i18n)}</main>
    `;
  }

  private renderBody(view: View, hass: HomeAssistant, i18n: I18n): TemplateResult {
    if (!this.isAdmin) return html`<p class="message warning">${i18n.t("admin_only")}</p>`;
    const failure = this.failure ? html`<p class="message error" role="alert" data-testid="error">${this.failure}</p>` : nothing;
    if (!this.properties) return html`<p class="muted">${i18n.t("loading")}</p>`;
    if (!this.properties.length) return html`${failure}<p class="message warning">${i18n.t("no_property")}</p>`;
    if (!this.overview) return html`${failure}<p class="muted">${i18n.t("loading")}</p>`;
    const revision = this.translations.revision;
    switch (view.name) {
      case "stay":
        return html`${failure}<guest-pins-stay-view .hass=${hass} .overview=${this.overview} .stayId=${view.id} .revision=${revision}></guest-pins-stay-view>`;
      case "lock":
        return html`${failure}<guest-pins-lock-view .hass=${hass} .overview=${this.overview} .lockId=${view.id} .revision=${revision}></guest-pins-lock-view>`;
      case "alerts":
        return html`${failure}<guest-pins-alerts-view .hass=${hass} .overview=${this.overview} .revision=${revision}></guest-pins-alerts-view>`;
      default:
        return html`${failure}<guest-pins-timeline
          .hass=${hass}
          .overview=${this.overview}
          .span=${this.span()}
          .now=${this.now}
          .narrow=${this.narrow}
          .loading=${this.loading}
          .revision=${revision}
        ></guest-pins-timeline>`;
    }
  }

  static styles = [baseStyles, css`
    :host {
      min-height: 100%;
      background: var(--primary-background-color);
    }
    .topbar {
      display: flex;
      align-items: center;
      gap: 8px 16px;
      flex-wrap: wrap;
      min-height: 56px;
      padding: 8px 16px;
      background: var(--app-header-background-color, var(--primary-color));
      color: var(--app-header-text-color, var(--text-primary-color, #fff));
      border-bottom: var(--app-header-border-bottom, none);
    }
    .topbar h1 { font-size: 20px; flex: 1 1 auto; margin: 0; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .menu {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 40px;
      height: 40px;
      margin-left: -8px;
      border: none;
      border-radius: 50%;
      background: none;
      color: inherit;
    }
    .menu svg { width: 24px; height: 24px; fill: currentColor; }
    .menu:hover { background: rgba(127, 127, 127, 0.2); }
    select {
      font: inherit;
      padding: 6px 8px;
      border-radius: 6px;
      border: 1px solid var(--divider-color);
      background: var(--card-background-color);
      color: var(--primary-text-color);
      max-width: 100%;
    }
    .topbar :focus-visible { outline-color: currentColor; }
    .tabs { display: flex; gap: 4px; padding: 0 16px; background: var(--card-background-color); border-bottom: 1px solid var(--divider-color); overflow-x: auto; }
    .tabs button { border: none; background: none; padding: 12px 16px; font-weight: 500; color: var(--secondary-text-color); border-bottom: 3px solid transparent; white-space: nowrap; }
    .tabs button[aria-current="page"] { color: var(--primary-color); border-bottom-color: var(--primary-color); }
    main { padding: 16px; max-width: 1400px; margin: 0 auto; }
    @media (max-width: 600px) {
      main { padding: 12px 8px; }
      .tabs { padding: 0 4px; }
    }
  `];
}

defineOnce("guest-pins-panel", GuestPinsPanel);
