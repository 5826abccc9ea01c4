/**
 * An open package survives a reload of its tab, and only of its tab: its file's text is kept in
 * the tab's sessionStorage (never in the journal, which stays the recipient's own data). A browser
 * that refuses, or a package too big for it, leaves the package open until the tab reloads.
 */
const CLE = 'pilotage-paquet-ouvert';

export function retenirPaquetOuvert(texte: string): void {
	try {
		sessionStorage.setItem(CLE, texte);
	} catch {
		// Refused or full: the package stays open in this page, not after a reload.
	}
}

export function oublierPaquetOuvert(): void {
	try {
		sessionStorage.removeItem(CLE);
	} catch {
		// Nothing was kept.
	}
}

export function paquetOuvertRetenu(): string | null {
	try {
		return sessionStorage.getItem(CLE);
	} catch {
		return null;
	}
}
