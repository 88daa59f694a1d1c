/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel on Windows reads Chinese correctly), CRLF line ends,
 * RFC 4180 quoting (fields with a comma, quote, CR or LF are quoted; quotes doubled). Cells that Excel would
 * run as formulas (starting with = + - @) are prefixed with an apostrophe — except plain numbers.
 */
export const BOM = '\uFEFF';

export type CsvCell = string | number | null | undefined;

function cell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (/^[=+\-@]/.test(s) && !/^[-+]?\d+(\.\d+)?%?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
