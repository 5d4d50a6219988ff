// The data contract of docs/panel-contract.md, the parts of Home Assistant's `hass` object we use, and
// typed wrappers around the websocket commands. Nothing here renders.

// ---------------------------------------------------------------------------------------------------
// The parts of `hass` the panel and the card use (Home Assistant's object is much larger).

export interface HassEntityState {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed?: string;
  last_updated?: string;
}

/** An entity registry display entry (`hass.entities[entity_id]`). */
export interface HassEntityEntry {
  entity_id: string;
  device_id?: string | null;
  platform?: string;
  translation_key?: string | null;
  name?: string | null;
}

export interface HassLocale {
  language?: string;
  time_format?: string; // "language" | "system" | "12" | "24"
  first_weekday?: string; // "language" | "monday" | … | "sunday"
  time_zone?: string; // "local" | "server"
}

export type LocalizeFunc = (key: string, values?: Record<string, unknown>) => string;

export type Unsubscribe = () => Promise<void>;

export interface HassConnection {
  subscribeMessage<T>(
    callback: (event: T) => void,
    message: Record<string, unknown>,
    options?: { resubscribe?: boolean },
  ): Promise<Unsubscribe>;
}

export interface HomeAssistant {
  language: string;
  locale?: HassLocale;
  config: { time_zone: string; language?: string };
  user?: { is_admin: boolean; name?: string } | null;
  states: Record<string, HassEntityState | undefined>;
  entities?: Record<string, HassEntityEntry | undefined>;
  localize: LocalizeFunc;
  loadBackendTranslation(category: string, integration?: string, configFlow?: boolean): Promise<unknown>;
  callWS<T>(message: Record<string, unknown>): Promise<T>;
  connection: HassConnection;
}

/** What `hass.callWS` rejects with. */
export interface WsError {
  code?: string | number;
  message?: string;
  translation_domain?: string;
  translation_key?: string;
  translation_placeholders?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------
// The contract's types.

export type LockStatus = "online" | "asleep" | "offline" | "no_path";
export type CodeKind = "guest" | "static" | "manual" | "backup" | "other";
export type QueueKind = CodeKind | "empty";
export type QueueReason = "batching" | "scheduled" | "lock_unreachable" | "waiting_for_wake_up" | "retrying";
export type BackupState = "idle" | "handed_out" | "not_on_lock";
export type StayStatus = "booked" | "code_ready" | "code_sent" | "checked_in" | "checked_out" | "cancelled";
export type CodeMethod = "custom" | "regenerated" | "phone" | "description" | "date";
export type Channel = "host" | "sms" | "email";
export type DeliveryState = "waiting" | "sent" | "failing";
export type AccessWho = "guest" | "backup" | "static" | "manual" | "idle_backup" | "unknown";
export type BarState =
  | "scheduled"
  | "queued"
  | "on_lock"
  | "confirmed"
  | "failing"
  | "backup"
  | "checked_in"
  | "ended";

export const BAR_STATES: readonly BarState[] = [
  "scheduled",
  "queued",
  "on_lock",
  "confirmed",
  "failing",
  "backup",
  "checked_in",
  "ended",
];

export interface SlotInfo {
  slot: number;
  name: string;
  kind: CodeKind;
  code: string;
  since: string | null;
}

export interface QueueInfo {
  slot: number;
  name: string;
  kind: QueueKind;
  due: string;
  reason: QueueReason;
  attempts: number;
  retry_at: string | null;
}

export interface BackupInfo {
  slot: number;
  state: BackupState;
  guest: string | null;
  until: string | null;
  code: string;
}

export interface LockInfo {
  id: string;
  entity_id: string;
  name: string;
  status: LockStatus;
  last_seen: string | null;
  battery: number | null;
  native_windows: boolean;
  slot_count: number | null;
  pending: number;
  transactions_week: number;
  wakeups_week: number;
  slots: SlotInfo[];
  queue: QueueInfo[];
  backups: BackupInfo[];
}

export interface StayLock {
  lock_id: string;
  state: BarState;
}

export interface StayDelivery {
  channel: Channel;
  label: string;
  state: DeliveryState;
  sent_at: string | null;
}

export interface StayAccess {
  at: string;
  lock_id: string;
  who: AccessWho;
  name: string | null;
}

export interface StayInfo {
  id: string;
  guest: string;
  reference: string | null;
  calendars: string[];
  checkin: string;
  checkout: string;
  window_start: string;
  window_end: string;
  status: StayStatus;
  code: string;
  method: CodeMethod;
  frozen: boolean;
  /** Why no new code can be made now (FR-007), or null when it can. */
  regenerate_refusal: "stay_started" | "ends_within_a_day" | null;
  locks: StayLock[];
  delivery: StayDelivery[];
  first_use: string | null;
  access: StayAccess[];
}

export interface StaticInfo {
  name: string;
  locks: string[];
  code: string;
  always: boolean; // no weekly schedule: one occurrence over its valid dates
  enabled?: boolean; // sent by the server beside the contract; a disabled PIN has no occurrences
  occurrences: { start: string; end: string }[];
}

export interface AlertInfo {
  id: string;
  kind: string;
  placeholders: Record<string, string>;
  severity: "warning" | "error";
  lock_id: string | null;
}

export interface Overview {
  entry_id: string;
  title: string;
  time_zone: string;
  now: string;
  start: string;
  end: string;
  show_codes: boolean;
  locks: LockInfo[];
  stays: StayInfo[];
  statics: StaticInfo[];
  alerts: AlertInfo[];
}

export interface PropertyRef {
  entry_id: string;
  title: string;
}

export interface RevealResult {
  code: string;
  lock_codes: Record<string, string>;
  backups: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------
// Commands.

export async function listProperties(hass: HomeAssistant): Promise<PropertyRef[]> {
  const answer = await hass.callWS<{ properties: PropertyRef[] }>({ type: "guest_pins/properties" });
  return answer.properties;
}

export function subscribeOverview(
  hass: HomeAssistant,
  entryId: string,
  start: string,
  end: string,
  stayId: string | undefined,
  callback: (overview: Overview) => void,
): Promise<Unsubscribe> {
  const message = { type: "guest_pins/subscribe", entry_id: entryId, start, end };
  return hass.connection.subscribeMessage<Overview>(
    callback,
    stayId === undefined ? message : { ...message, stay_id: stayId },
    { resubscribe: true },
  );
}

export function reveal(hass: HomeAssistant, entryId: string, stayId: string): Promise<RevealResult> {
  return hass.callWS<RevealResult>({ type: "guest_pins/reveal", entry_id: entryId, stay_id: stayId });
}

export function revealSlot(
  hass: HomeAssistant,
  entryId: string,
  lockId: string,
  slot: number,
): Promise<{ code: string }> {
  return hass.callWS<{ code: string }>({
    type: "guest_pins/reveal_slot",
    entry_id: entryId,
    lock_id: lockId,
    slot,
  });
}

export async function regenerate(hass: HomeAssistant, entryId: string, stayId: string): Promise<void> {
  await hass.callWS({ type: "guest_pins/regenerate", entry_id: entryId, stay_id: stayId });
}

export async function setCode(hass: HomeAssistant, entryId: string, stayId: string, code: string): Promise<void> {
  await hass.callWS({ type: "guest_pins/set_code", entry_id: entryId, stay_id: stayId, code });
}

export async function resend(hass: HomeAssistant, entryId: string, stayId: string): Promise<void> {
  await hass.callWS({ type: "guest_pins/resend", entry_id: entryId, stay_id: stayId });
}

export async function applyNow(hass: HomeAssistant, entryId: string, lockId: string): Promise<void> {
  await hass.callWS({ type: "guest_pins/apply_now", entry_id: entryId, lock_id: lockId });
}

/** A code as the host may type it: 4 to 8 digits. */
export function isValidCode(code: string): boolean {
  return /^[0-9]{4,8}$/.test(code);
}
