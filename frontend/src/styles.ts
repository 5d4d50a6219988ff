// Shared look: Home Assistant's theme variables only (light and dark), no ha-* elements.

import { css } from "lit";

/** Page basics, buttons, tables, messages. */
export const baseStyles = css`
  :host {
    display: block;
    color: var(--primary-text-color);
    font-family: var(--ha-font-family-body, var(--paper-font-body1_-_font-family, Roboto, "Noto Sans", sans-serif));
    font-size: 14px;
    line-height: 1.4;
    -webkit-font-smoothing: antialiased;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    font-weight: 500;
    margin: 0;
  }
  h2 {
    font-size: 20px;
  }
  h3 {
    font-size: 16px;
    margin: 0 0 8px;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.5;
  }
  :focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 36px;
    padding: 6px 14px;
    border-radius: 18px;
    border: 1px solid var(--divider-color);
    background: var(--card-background-color);
    color: var(--primary-color);
    font-weight: 500;
  }
  .btn:hover:not(:disabled) {
    background: color-mix(in srgb, var(--primary-color) 10%, var(--card-background-color));
  }
  .btn.primary {
    background: var(--primary-color);
    border-color: var(--primary-color);
    color: var(--text-primary-color, #fff);
  }
  .btn.primary:hover:not(:disabled) {
    background: var(--primary-color);
    filter: brightness(1.08);
  }
  .btn.danger {
    color: var(--error-color);
  }
  .btn.small {
    min-height: 30px;
    padding: 3px 10px;
    font-size: 13px;
  }
  .card {
    background: var(--ha-card-background, var(--card-background-color, #fff));
    border: var(--ha-card-border-width, 1px) solid var(--ha-card-border-color, var(--divider-color, #e0e0e0));
    border-radius: var(--ha-card-border-radius, 12px);
    box-shadow: var(--ha-card-box-shadow, none);
    padding: 16px;
  }
  .muted {
    color: var(--secondary-text-color);
  }
  .message {
    margin: 8px 0;
    padding: 8px 12px;
    border-radius: 8px;
    border-left: 4px solid;
  }
  .message.error {
    border-color: var(--error-color);
    background: color-mix(in srgb, var(--error-color) 12%, var(--card-background-color));
  }
  .message.success {
    border-color: var(--success-color);
    background: color-mix(in srgb, var(--success-color) 12%, var(--card-background-color));
  }
  .message.warning {
    border-color: var(--warning-color);
    background: color-mix(in srgb, var(--warning-color) 12%, var(--card-background-color));
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 6px 8px;
    border-bottom: 1px solid var(--divider-color);
    vertical-align: middle;
  }
  th {
    color: var(--secondary-text-color);
    font-weight: 500;
    font-size: 13px;
  }
  .table-wrap {
    overflow-x: auto;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 6px 16px;
    margin: 0;
  }
  dl.facts dt {
    color: var(--secondary-text-color);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .code {
    font-family: var(--ha-font-family-code, ui-monospace, "Roboto Mono", monospace);
    letter-spacing: 0.15em;
  }
  .dot {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    flex: none;
    background: var(--secondary-text-color);
  }
  .dot.online {
    background: var(--success-color, #43a047);
  }
  .dot.asleep {
    background: var(--info-color, #039be5);
  }
  .dot.offline,
  .dot.no_path {
    background: var(--error-color, #db4437);
  }
  /* A round "!" before a text that needs attention (--flag: its colour). */
  .flag::before {
    content: "!";
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: none;
    width: 16px;
    height: 16px;
    margin-inline-end: 6px;
    border-radius: 50%;
    background: var(--flag, var(--warning-color, #ffa600));
    color: var(--flag-text, #000);
    font-size: 11px;
    font-weight: 700;
  }
  .flag.bad {
    --flag: var(--error-color, #db4437);
    --flag-text: #fff;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .sections {
    display: grid;
    gap: 16px;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 440px), 1fr));
    align-items: start;
  }
  .sections > .wide {
    grid-column: 1 / -1;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 10px;
    font-size: 12px;
    border: 1px solid currentColor;
  }
  @media (max-width: 600px) {
    table.stack thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    table.stack,
    table.stack tbody,
    table.stack tr {
      display: block;
    }
    table.stack tr {
      border-bottom: 1px solid var(--divider-color);
      padding: 6px 0;
    }
    table.stack td {
      display: grid;
      grid-template-columns: minmax(6em, 38%) 1fr;
      gap: 8px;
      align-items: baseline;
      border: none;
      padding: 3px 0;
      text-align: start;
    }
    table.stack td > * {
      justify-self: start;
    }
    table.stack td::before {
      content: attr(data-label);
      color: var(--secondary-text-color);
      font-size: 13px;
    }
    dl.facts {
      grid-template-columns: 1fr;
      gap: 0;
    }
    dl.facts dd {
      margin-bottom: 8px;
    }
  }
`;

/**
 * The colours of the bar states, as `--bar` on `.state-<state>`, and a glyph each so colour is never the only
 * cue (the legend names them in words).
 */
export const barStateStyles = css`
  .state-scheduled {
    --bar: var(--secondary-text-color, #727272);
  }
  .state-queued {
    --bar: var(--info-color, #039be5);
  }
  .state-on_lock {
    --bar: var(--success-color, #43a047);
  }
  .state-confirmed {
    --bar: var(--success-color, #43a047);
  }
  .state-failing {
    --bar: var(--error-color, #db4437);
  }
  .state-backup {
    --bar: var(--warning-color, #ffa600);
  }
  .state-checked_in {
    --bar: var(--primary-color, #03a9f4);
  }
  .state-ended {
    --bar: var(--disabled-text-color, #9e9e9e);
  }
  .fill {
    background: color-mix(in srgb, var(--bar) 28%, var(--card-background-color, #fff));
    border: 1px solid var(--bar);
    border-left-width: 4px;
  }
  .fill.state-scheduled {
    background: transparent;
    border-style: dashed;
    border-left-style: solid;
  }
  .fill.state-queued,
  .fill.state-on_lock {
    background: repeating-linear-gradient(
      135deg,
      color-mix(in srgb, var(--bar) 30%, var(--card-background-color, #fff)) 0 6px,
      color-mix(in srgb, var(--bar) 12%, var(--card-background-color, #fff)) 6px 12px
    );
  }
  .fill.state-ended {
    opacity: 0.75;
  }
`;

export const BAR_GLYPHS: Record<string, string> = {
  scheduled: "○",
  queued: "…",
  on_lock: "↑",
  confirmed: "✓",
  failing: "!",
  backup: "◆",
  checked_in: "●",
  ended: "–",
};
