// Exports no tables.
export const answer = 42;
