// Test de propriété de l'import, tranche 1 sur 4 : voir tests/propriete-import.ts.
import { campagne } from '../../../tests/propriete-import';

campagne(1, 4);
