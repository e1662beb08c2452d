import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  form,
  section.card {
    border: 1px solid var(--dc-border);
    border-radius: var(--dc-radius);
    padding: 0.75rem;
    background: var(--dc-surface);
    margin-top: 1rem;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0.5rem 0;
    display: flex;
    gap: 1rem;
  }
  legend {
    font-weight: 600;
  }
  input[type='text'] {
    width: 8rem;
  }
  details {
    margin: 0.5rem 0;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: 1rem;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2rem 1rem;
    margin: 0.5rem 0;
    font-variant-numeric: tabular-nums;
  }
  dt {
    color: var(--dc-muted);
  }
  dd {
    margin: 0;
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
`;
