/**
 * How names typed in chat are compared with configured names: full-width forms folded (ＡＢ → ab),
 * surrounding blanks and a leading @ removed, ASCII case ignored.
 */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').trim().replace(/^@+/, '').trim().toLowerCase();
}
