import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  section.card {
    margin-bottom: 1rem;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
    align-items: center;
    margin-bottom: 0.5rem;
  }
  input[type='number'] {
    width: 5rem;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.85rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: left;
    padding: 0.2rem 0.5rem;
    border-bottom: 1px solid var(--dc-border);
    white-space: nowrap;
  }
  td.addr,
  td.url {
    font-family: var(--dc-mono);
    white-space: normal;
    overflow-wrap: anywhere;
  }
  tr.done td {
    font-weight: 600;
  }
  ul.verdicts {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  ul.verdicts li {
    padding: 0.25rem 0;
  }
  ul.verdicts code {
    font-family: var(--dc-mono);
  }
  .summary {
    font-family: var(--dc-mono);
    font-size: 0.8rem;
    overflow-wrap: anywhere;
  }
`;
