/**
 * Statistics of Pilotage: pure functions over rows the engine has already aggregated. Method and
 * plain-French reading: docs/methodologie.md. The calibration simulation (calibration.ts) is not
 * re-exported: it is for tests and `npm run calibration`, not for the app.
 */
export {
	CONFIANCE_DEFAUT,
	LIBELLE_MASQUE,
	SEUIL_MASQUAGE,
	SOURCE_DEFAUT,
	compteIndicateur,
	type Comptes,
	type Indicateur,
	type Intervalle,
	type LigneEvaluation,
	type PartAffichable,
	type Provenance
} from './types';
export {
	clopperPearson,
	differenceMover,
	partAffichable,
	partsLigne,
	quantileNormal,
	wilson,
	zBilateral,
	type EstimationIntervalle,
	type PartsLigne
} from './wilson';
export {
	IPS_CENTRE,
	MIN_ECOLES_MODELE,
	ajusterModeleIps,
	ajusterModelesIps,
	cleModele,
	predire,
	type CatalogueModeles,
	type ModeleAjuste,
	type ModeleIndisponible,
	type ModeleIps,
	type OptionsModele
} from './modele-ips';
export {
	classer,
	comparerAReference,
	evaluerEcole,
	evaluerEcoles,
	type Classement,
	type EcartAnnuel,
	type OptionsEcart,
	type PositionReference,
	type RaisonNonClasse,
	type ReferenceExterne,
	type ResultatComparaison,
	type ResultatEcart
} from './ecart';
export {
	estMasque,
	masquerCellules,
	regrouperAnnees,
	type CelluleMasquage,
	type OptionsMasquage,
	type OptionsRegroupement,
	type Regroupement,
	type ResultatMasquage
} from './masquage';
export {
	agregerGroupe,
	agregerParCompetence,
	cumulerAgregats,
	decompter,
	type DecompteMembres,
	type OptionsAgregat,
	type ResultatAgregat
} from './agregats';
export {
	cohorte,
	evolution,
	evolutionEcart,
	tendance,
	type Evolution,
	type PointAnnuel,
	type ResultatCohorte,
	type ResultatTendance,
	type Sens,
	type SensCohorte
} from './tendance';
export { debutAnnee, decalerAnnee, libelleAnnees } from './annees';
export {
	classerPriorites,
	ecartCumule,
	POIDS_COUVERTURE,
	type BesoinAClasser,
	type Priorite
} from './priorites';
export {
	ANNEES_CUMUL,
	Q_DEFAUT,
	alphaFamille,
	assemblerFamille,
	benjaminiHochberg,
	conclureFamille,
	etablirPoints,
	evaluerFamille,
	optionsEcartFamille,
	testerCellule,
	phraseHasard,
	probabiliteSignal,
	pValeurEcart,
	resumerPoints,
	type Analyse,
	type FamillePoints,
	type OptionsFamille,
	type Persistance,
	type PointTeste,
	type ResultatFamille,
	type ResumePoints,
	type StatutPoint
} from './points-etablis';
