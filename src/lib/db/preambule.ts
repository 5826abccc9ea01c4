/**
 * Run once on every new connection. Extensions are fetched from the network: autoloading is off
 * and the setting is then locked so no later query can turn it back on. External
 * access stays on, as it also covers the files the user registers.
 */
export const PREAMBULE: readonly string[] = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false',
	'SET lock_configuration = true'
];
