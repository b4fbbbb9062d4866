/** Settings that hold a secret by their name: an error names them but never shows their value. */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|(^|_)KEY($|_)/i;

/*
 * The password of a URL's user info, `scheme://user:password@host`. Greedy up to the last `@`, so a
 * password typed with a raw `@`, `/` or `#` in it is hidden whole; hiding a little too much of a
 * broken URL is the safe side.
 */
const URL_PASSWORD = /(\/\/[^/@\s:]*:)\S*@/g;

/**
 * How a configuration error shows the value it got: `(got "...")` with any URL password masked,
 * or, for a secret, only its length, which is what a person fixing a too-short secret needs.
 */
export function shownSetting(name: string, value: string): string {
  if (SECRET_NAME.test(name)) return `(${value.length} characters, not shown)`;
  return `(got "${value.replace(URL_PASSWORD, '$1***@')}")`;
}
