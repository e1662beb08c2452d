import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .card {
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
    grid-template-columns: repeat(auto-fit, minmax(min(16rem, 100%), 1fr));
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

  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.2rem 0.6rem;
    text-align: end;
  }
  tr.best {
    font-weight: 700;
  }
  td.rate {
    position: relative;
    min-width: 10rem;
  }
  /* The chart: each cell's rate as a bar behind its figure, the best one full width. */
  .bar {
    position: absolute;
    inset: 0.2rem auto 0.2rem 0;
    background: var(--dc-accent-soft, rgba(37, 99, 235, 0.18));
  }
  .figure {
    position: relative;
  }
  pre {
    overflow-x: auto;
  }
`;
