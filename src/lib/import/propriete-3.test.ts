// Test de propriété de l'import, tranche 3 sur 4 : voir tests/propriete-import.ts.
import { campagne } from '../../../tests/propriete-import';

campagne(3, 4);
