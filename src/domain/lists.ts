/**
 * Lists people type in one value: "税务局,人社局", "税务局，人社局", "税务局、人社局" (and spaces when
 * the value was quoted). Empty parts are dropped, repeats kept once, order kept.
 */
export function splitList(text: string): string[] {
  const parts = text.split(/[,，、;；\s]+/u).map((p) => p.trim()).filter((p) => p.length > 0);
  return [...new Set(parts)];
}
