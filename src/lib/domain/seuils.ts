// Les seuils que l'application applique et que ses phrases citent : une seule valeur chacun, que
// le calcul et le texte lisent tous deux (jamais « 10 » écrit à la main dans une phrase).

/** Below this many pupils a share is never shown (usual statistical secrecy rule). */
export const SEUIL_MASQUAGE = 10;

/** « moins de 10 élèves », for the sentences that explain the masking. */
export const MOINS_QUE_LE_SEUIL = `moins de ${SEUIL_MASQUAGE}\u00a0élèves`;
