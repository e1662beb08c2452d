import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    border: 1px solid var(--dc-border);
    border-radius: var(--dc-radius);
    padding: 0.75rem;
    background: var(--dc-surface);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 0.5rem;
    display: flex;
    gap: 1rem;
    flex-wrap: wrap;
  }
  legend {
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .join input {
    flex: 1 1 20rem;
    min-width: 12rem;
  }
  .status {
    margin: 0.5rem 0 0;
  }
  .code {
    font-family: var(--dc-mono);
    font-size: 1.2rem;
    letter-spacing: 0.1em;
  }
  .qr {
    background: #fff;
    padding: 6px;
    border-radius: var(--dc-radius);
    line-height: 0;
  }
  .notice {
    color: var(--dc-warn);
  }
`;
