import { readFileSync } from 'node:fs';
import { Marked, Renderer, type Tokens } from 'marked';
import type { Plugin } from 'vite';
import { typographier } from '../../src/lib/format/typographie.ts';

/** The documents of docs/ that are pages of the app, and their routes. */
export const PAGES_DOCUMENTS: Record<string, string> = {
	'formats.md': '#/aide/formats',
	'methodologie.md': '#/aide/methode'
};

const echapper = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** « Écoles — `ecoles.csv` » → « ecoles-ecoles-csv »: an id for a heading. */
const ancre = (texte: string) =>
	texte
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

/**
 * Markdown to HTML, in Node, when the app is built: the app ships the HTML, not the markdown nor
 * the parser. What comes out is safe to insert as HTML whatever the document holds: raw HTML in
 * the markdown is escaped (shown as text, never interpreted), links keep only http(s), mailto and
 * in-app targets, and every text goes through marked's escaping. Text gets French typography
 * (typographie.ts); code does not.
 */
export function documentEnHtml(markdown: string): string {
	const marked = new Marked({ gfm: true });
	// A table is named after the heading above it (rendering goes in document order).
	let titre = '';
	marked.use({
		walkTokens(jeton) {
			if (jeton.type === 'text' && !('tokens' in jeton && jeton.tokens?.length)) {
				const texte = (jeton as Tokens.Text).text;
				(jeton as Tokens.Text).text = typographier(texte.replace(/'/g, '’'));
			}
		},
		renderer: {
			html: ({ text }) => echapper(text),
			heading({ tokens, depth, text }) {
				// The document's first heading is the page's <h1>; the others keep their level.
				titre = text.replace(/`/g, '');
				return `<h${depth} id="${ancre(text)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
			},
			link({ href, tokens }) {
				const texte = this.parser.parseInline(tokens);
				const nom = href.split('/').pop() ?? '';
				if (PAGES_DOCUMENTS[nom]) return `<a href="${PAGES_DOCUMENTS[nom]}">${texte}</a>`;
				if (/^(https?:|mailto:)/.test(href))
					return `<a href="${echapper(href)}" rel="noopener noreferrer">${texte}</a>`;
				// Any other target (a file of the repository, not in the app): the text alone.
				return texte;
			},
			image: ({ text }) => echapper(text),
			table(jeton) {
				// A DSFR table frame: wide tables scroll inside it, the page does not.
				const tableau = Renderer.prototype.table.call(this, jeton);
				return `<div class="fr-table fr-table--no-caption"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${echapper(titre)}"><div class="fr-table__content">${tableau}</div></div></div></div>\n`;
			}
		}
	});
	return marked.parse(markdown, { async: false });
}

/**
 * `import html from '…/docs/formats.md?document'` gives the document rendered to HTML at build
 * time (documentEnHtml). The file is watched: editing it reloads the page in development.
 */
export function documents(): Plugin {
	return {
		name: 'pilotage-documents',
		enforce: 'pre',
		load(id) {
			if (!id.endsWith('.md?document')) return null;
			const fichier = id.slice(0, -'?document'.length);
			this.addWatchFile(fichier);
			return `export default ${JSON.stringify(documentEnHtml(readFileSync(fichier, 'utf8')))};`;
		}
	};
}
