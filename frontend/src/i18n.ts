// All visible text: Home Assistant's translations of guest_pins (categories config_panel, issues, exceptions,
// entity), with the integration's English (its strings.json) bundled as the fallback until they have loaded.

import type { ReactiveController, ReactiveControllerHost } from "lit";
// Only `config_panel` of strings.json is bundled (esbuild keeps the JSON keys that are imported).
import { config_panel as english } from "../../custom_components/guest_pins/strings.json";
import type { HomeAssistant, LockStatus, StayStatus, WsError } from "./ws";

export type Scope = "panel" | "card";
export type Values = Record<string, string | number>;

const DOMAIN = "guest_pins";
const ROOT = `component.${DOMAIN}`;
const EN: Record<Scope, Record<string, string>> = { panel: english.panel, card: english.card };
const CATEGORIES = ["config_panel", "issues", "exceptions", "entity"] as const;
// How often strings that went missing after loading are loaded again (Home Assistant may drop them while its
// own language resources are still arriving, more than once on a busy machine); the bound keeps a language
// without strings from being loaded forever.
const MAX_RELOADS = 8;

/** Replace `{name}` placeholders of an English fallback string. */
function fill(template: string, values?: Values): string {
  if (!values) return template;
  return template.replace(/\{([a-z0-9_]+)\}/gi, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** Looks strings up for one part (the panel or the card) in the language of the `hass` it was made with. */
export class I18n {
  constructor(
    private readonly hass: HomeAssistant,
    private readonly scope: Scope,
  ) {}

  private pluralCategory(count: number): string {
    try {
      return new Intl.PluralRules(language(this.hass)).select(count);
    } catch {
      return count === 1 ? "one" : "other"; // an unknown language tag
    }
  }

  /** The text of `key` of this part: the loaded translation, else the bundled English. */
  t(key: string, values?: Values): string {
    const found = this.hass.localize(`${ROOT}.config_panel.${this.scope}.${key}`, values);
    if (found) return found;
    const fallback = EN[this.scope][key];
    return fallback === undefined ? key : fill(fallback, values);
  }

  /**
   * A text with a count, without ICU plurals: `<key>_<category>` for the language's plural category
   * (Intl.PluralRules; a translation may add `_few`, `_many`…), else `<key>_other`; `{count}` is filled in.
   */
  tn(key: string, count: number, values?: Values): string {
    const all = { ...values, count };
    for (const variant of [`${key}_${this.pluralCategory(count)}`, `${key}_other`]) {
      const found = this.hass.localize(`${ROOT}.config_panel.${this.scope}.${variant}`, all);
      if (found) return found;
    }
    const english = EN[this.scope][count === 1 ? `${key}_one` : `${key}_other`];
    return english === undefined ? key : fill(english, all);
  }

  /** A stay's status as Home Assistant names it on the stay status sensor. */
  stayStatus(status: StayStatus | string): string {
    return this.hass.localize(`${ROOT}.entity.sensor.stay_status.state.${status}`) || this.t(`stay_status_${status}`);
  }

  /** A lock's status as Home Assistant names it on the status sensor. */
  lockStatus(status: LockStatus | string): string {
    return this.hass.localize(`${ROOT}.entity.sensor.status.state.${status}`) || this.t(`lock_status_${status}`);
  }

  /** The title or description of an open problem (a repair issue of guest_pins). */
  issue(kind: string, placeholders: Record<string, string>, part: "title" | "description"): string {
    const found = this.hass.localize(`${ROOT}.issues.${kind}.${part}`, placeholders);
    if (found) return found;
    return part === "title" ? this.t("alert_untitled") : "";
  }

  /** The words for a failed command: the server's translated error, else its message. */
  error(err: unknown): string {
    const e = (typeof err === "object" && err !== null ? err : {}) as WsError;
    if (e.code === "unauthorized") return this.t("error_unauthorized");
    if (e.translation_key) {
      const domain = e.translation_domain || DOMAIN;
      const found = this.hass.localize(
        `component.${domain}.exceptions.${e.translation_key}.message`,
        e.translation_placeholders,
      );
      if (found) return found;
    }
    if (typeof e.message === "string" && e.message) return e.message;
    return this.t("error_unknown");
  }
}

/** The language for `Intl`: the user's locale language, else the UI language. */
export function language(hass: HomeAssistant): string {
  return hass.locale?.language || hass.language || "en";
}

/**
 * Loads guest_pins' translations, and again whenever the user's language changes; re-renders after.
 *
 * Home Assistant drops an integration's loaded strings when the language changes, and may do so after a load
 * that was already under way: when a loaded language's strings are missing, they are loaded again (a few
 * times at most).
 */
export class TranslationController implements ReactiveController {
  private loadedFor?: string;
  private loading = false;
  private reloads = 0;
  /** Grows each time translations finish loading: pass it to child elements so they render again. */
  revision = 0;

  constructor(private readonly host: ReactiveControllerHost & { hass?: HomeAssistant }) {
    host.addController(this);
  }

  hostUpdate(): void {
    const hass = this.host.hass;
    if (!hass || this.loading) return;
    const missing = !hass.localize(`${ROOT}.config_panel.panel.title`);
    if (hass.language === this.loadedFor && !(missing && this.reloads < MAX_RELOADS)) return;
    if (hass.language === this.loadedFor) this.reloads += 1;
    else this.reloads = 0;
    const lang = hass.language;
    this.loadedFor = lang;
    this.loading = true;
    Promise.all(CATEGORIES.map((category) => hass.loadBackendTranslation?.(category, DOMAIN)))
      .catch(() => undefined) // the English fallback stays
      .then(() => {
        this.loading = false;
        // A new `hass` carrying the loaded strings usually follows; render again in any case.
        if (this.loadedFor !== lang) return;
        this.revision += 1;
        this.host.requestUpdate();
      });
  }
}

/** The English fallback table (for places that have no `hass` yet, such as the card picker). */
export function englishText(scope: Scope, key: string): string {
  return EN[scope][key] ?? key;
}
