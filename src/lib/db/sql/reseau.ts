// SQL of the network pilots' views (issue 7: « Mon réseau »).
export {};
