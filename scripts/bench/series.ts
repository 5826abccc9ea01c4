// The figures measured, one series per key, with the notes that explain a failed measure.
import { resumer, type Resume } from './statistiques.ts';

interface Serie {
	valeurs: number[];
	notes: string[];
}
export const series = new Map<string, Serie>();
export function noter(cle: string, valeur: number, note?: string) {
	const s = series.get(cle) ?? { valeurs: [], notes: [] };
	s.valeurs.push(valeur);
	if (note && !s.notes.includes(note)) s.notes.push(note);
	series.set(cle, s);
}
export const resume = (cle: string): Resume | null => resumer(series.get(cle)?.valeurs ?? []);
export const notes = (cle: string) => series.get(cle)?.notes ?? [];
