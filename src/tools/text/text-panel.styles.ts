import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .panes {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(18rem, 100%), 1fr));
    gap: 1rem;
    margin-top: 1rem;
  }
  section.pane {
    border: 1px solid var(--dc-border);
    border-radius: var(--dc-radius);
    padding: 0.75rem;
    background: var(--dc-surface);
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  textarea {
    width: 100%;
    min-height: 6rem;
    resize: vertical;
  }
  ol.log {
    list-style: none;
    padding: 0;
    margin: 0;
    min-height: 6rem;
    max-height: 20rem;
    overflow-y: auto;
  }
  ol.log li {
    padding: 0.25rem 0.4rem;
    border-bottom: 1px solid var(--dc-border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  ol.log li.me {
    color: var(--dc-muted);
  }
  .who {
    font-size: 0.75rem;
    color: var(--dc-muted);
    margin-right: 0.5rem;
  }
  .status {
    margin: 0.5rem 0;
  }
  details {
    margin-top: 1rem;
  }
`;
