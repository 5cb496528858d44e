/** Build-time flags read by the content script (set in the environment of `wxt build`). */
interface ImportMetaEnv {
  /** "1": publish `crosscheck:scan` performance marks (benchmarks; page-visible). */
  readonly WXT_CROSSCHECK_SCAN_MARKS?: string;
}
