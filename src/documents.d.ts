/** A markdown document of docs/ rendered to HTML at build time (scripts/vite/documents.ts). */
declare module '*.md?document' {
	const html: string;
	export default html;
}
