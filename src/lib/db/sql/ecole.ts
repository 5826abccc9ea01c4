// SQL of the directeur's view (issue 5: « Mon école »), beyond the portrait in ecoles.ts.
export {};
