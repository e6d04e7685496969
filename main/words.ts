// Counted nouns in the sentences the app, the doctor and the CLI show: "1 item", "2 items" — never
// "1 item(s)". Shared by main and the renderer (tsconfig.web.json lists it).

/** `n` and the noun in its number: count(1, 'agent') → "1 agent"; count(0, 'agent') → "0 agents". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
