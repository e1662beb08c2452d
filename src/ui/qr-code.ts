import qrcode from 'qrcode-generator';
import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';

const styles = css`
  :host {
    display: inline-block;
    background: #fff;
    padding: 8px;
    border-radius: 6px;
    line-height: 0;
  }
  svg {
    width: var(--qr-size, 180px);
    height: var(--qr-size, 180px);
    shape-rendering: crispEdges;
  }
`;

/** Dark modules of `text`'s QR code as one SVG path, plus the module count. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.isDark(row, col)) d += `M${col} ${row}h1v1h-1z`;
    }
  }
  return { size, d };
}

/** A QR code drawn as SVG (black on white, with the quiet zone scanners need). */
@customElement('qr-code')
@localized()
export class QrCode extends LitElement {
  static override styles = styles;

  /** The text to encode. */
  @property() text = '';
  /** The accessible name of the image (empty: "QR code" in the UI's language). */
  @property() label = '';

  override render() {
    const { size, d } = qrPath(this.text);
    const q = 4; // quiet zone, in modules
    return html`<svg
      role="img"
      aria-label=${this.label || msg('QR code')}
      viewBox="${-q} ${-q} ${size + 2 * q} ${size + 2 * q}"
      xmlns="http://www.w3.org/2000/svg"
    >
      ${svg`<rect x=${-q} y=${-q} width=${size + 2 * q} height=${size + 2 * q} fill="#fff"></rect>
        <path d=${d} fill="#000"></path>`}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qr-code': QrCode;
  }
}
