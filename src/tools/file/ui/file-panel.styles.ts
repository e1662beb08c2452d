import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .panes {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(20rem, 100%), 1fr));
    gap: 1rem;
    margin: 1rem 0;
  }
  section.pane {
    border: 1px solid var(--dc-border);
    border-radius: var(--dc-radius);
    padding: 0.75rem;
    background: var(--dc-surface);
  }
  section.pane.dragging {
    outline: 2px dashed var(--dc-accent);
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  .bitrate {
    font-size: 0.85rem;
    color: var(--dc-muted);
    font-variant-numeric: tabular-nums;
  }
  .drop {
    color: var(--dc-muted);
    font-size: 0.9rem;
  }
  fieldset.targets {
    border: 0;
    padding: 0;
    margin: 0.5rem 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
`;
