// The benchmark's hooks exist only in a build made for it (scripts/bench/banc.ts).
if (import.meta.env.VITE_PILOTAGE_BANC === '1') {
	void import('$lib/banc').then((m) => m.installerBanc());
}
