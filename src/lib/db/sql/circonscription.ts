// SQL of the IEN's views (issue 6: « Ma circonscription »).
export {};
