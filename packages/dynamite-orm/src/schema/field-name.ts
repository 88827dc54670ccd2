/** What a field name (and a discriminated union's tag) may be: a plain name, no dots. */
export const FIELD_NAME = /^[A-Za-z_$][\w$-]*$/;
