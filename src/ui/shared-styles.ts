import { css } from 'lit';

/** Theme tokens and base control styles shared by every element; light and dark follow the system. */
export const sharedStyles = css`
  :host {
    --dc-bg: #ffffff;
    --dc-fg: #1b1f24;
    --dc-muted: #57606a;
    --dc-border: #d0d7de;
    --dc-surface: #f6f8fa;
    --dc-accent: #0969da;
    --dc-accent-fg: #ffffff;
    --dc-ok: #1a7f37;
    --dc-warn: #9a6700;
    --dc-error: #cf222e;
    --dc-radius: 6px;
    --dc-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    color: var(--dc-fg);
    font-family: system-ui, sans-serif;
    box-sizing: border-box;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --dc-bg: #0d1117;
      --dc-fg: #e6edf3;
      --dc-muted: #8d96a0;
      --dc-border: #30363d;
      --dc-surface: #161b22;
      --dc-accent: #4493f8;
      --dc-accent-fg: #0d1117;
      --dc-ok: #3fb950;
      --dc-warn: #d29922;
      --dc-error: #f85149;
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    background: var(--dc-surface);
    border: 1px solid var(--dc-border);
    border-radius: var(--dc-radius);
    padding: 0.35rem 0.9rem;
    cursor: pointer;
  }
  button.primary {
    background: var(--dc-accent);
    border-color: var(--dc-accent);
    color: var(--dc-accent-fg);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  input,
  select,
  textarea {
    /* A file input's native width must not widen a 375 px page. */
    max-width: 100%;
    min-width: 0;
    background: var(--dc-bg);
    border: 1px solid var(--dc-border);
    border-radius: var(--dc-radius);
    padding: 0.35rem 0.5rem;
  }
  :focus-visible {
    outline: 2px solid var(--dc-accent);
    outline-offset: 2px;
  }
  .row {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
  }
  .card {
    border: 1px solid var(--dc-border);
    border-radius: var(--dc-radius);
    padding: 0.75rem;
    background: var(--dc-surface);
  }
  .card h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  .error {
    color: var(--dc-error);
  }
  .ok {
    color: var(--dc-ok);
  }
  .muted {
    color: var(--dc-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/**
 * Lists of files: no bullets, a line between entries, names that wrap anywhere (paths are long).
 * Each list adds its own layout and margins after these.
 */
export const listStyles = css`
  ul {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  li {
    border-top: 1px solid var(--dc-border);
  }
  .name {
    overflow-wrap: anywhere;
  }
`;
