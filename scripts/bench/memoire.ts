// The tab's memory: resident memory of Chromium's renderer processes (the page and its DuckDB
// worker live there), sampled every 100 ms from /proc. Linux only, like these machines.
import { readFileSync, readdirSync } from 'node:fs';

function descendants(racine: number): number[] {
	const enfants = new Map<number, number[]>();
	for (const nom of readdirSync('/proc')) {
		if (!/^\d+$/.test(nom)) continue;
		try {
			// The command name may hold spaces and parentheses: the ppid follows the last ')'.
			const stat = readFileSync(`/proc/${nom}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const liste = enfants.get(ppid) ?? [];
			liste.push(Number(nom));
			enfants.set(ppid, liste);
		} catch {
			// the process ended meanwhile
		}
	}
	const tous: number[] = [];
	const pile = [racine];
	while (pile.length) {
		const p = pile.pop()!;
		for (const e of enfants.get(p) ?? []) {
			tous.push(e);
			pile.push(e);
		}
	}
	return tous;
}

/** Resident memory of the renderers under the browser's process, in bytes. */
export function memoireOnglets(pidNavigateur: number): number {
	let total = 0;
	for (const pid of descendants(pidNavigateur)) {
		try {
			if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
			const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (rss) total += Number(rss[1]) * 1024;
		} catch {
			// the process ended meanwhile
		}
	}
	return total;
}

/** Samples until stopped; returns the peak seen. */
export function suivreMemoire(pidNavigateur: number): { arreter(): number } {
	let pic = memoireOnglets(pidNavigateur);
	const minuterie = setInterval(() => {
		pic = Math.max(pic, memoireOnglets(pidNavigateur));
	}, 100);
	return {
		arreter() {
			clearInterval(minuterie);
			return Math.max(pic, memoireOnglets(pidNavigateur));
		}
	};
}
