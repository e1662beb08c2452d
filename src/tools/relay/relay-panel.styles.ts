import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  section.card {
    margin-bottom: 1rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(22rem, 100%), 1fr));
    gap: 1rem;
  }
  textarea {
    width: 100%;
    min-height: 5rem;
  }
  input.path {
    width: 12rem;
    font-family: var(--dc-mono);
  }
  input[type='number'] {
    width: 4rem;
  }
  pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--dc-bg);
    border: 1px solid var(--dc-border);
    border-radius: var(--dc-radius);
    padding: 0.5rem;
    max-height: 20rem;
    overflow: auto;
  }
  ol.lines {
    font-family: var(--dc-mono);
    font-size: 0.8rem;
    color: var(--dc-muted);
    padding-left: 1.2rem;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 0.5rem;
    display: flex;
    gap: 1rem;
  }
`;
