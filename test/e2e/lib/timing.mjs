// One budget for every wait of the real-editor tests (code-server, the
// extension host, Neovim). They run on 2 cores shared with other builds: a
// step that takes 3 s alone took over 20 s beside them, and a wait that
// fitted the quiet machine failed there. Every timeout is written as its
// figure on a quiet machine and passed through budget(), which multiplies it
// by E2E_SLOWDOWN (default 3): raise that on a slower machine instead of
// editing waits. A wait still ends: every one polls for a state with a
// timeout, and the run has an overall one (session.mjs).
const fromEnv = Number(process.env.E2E_SLOWDOWN);

export const SLOWDOWN = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 3;

/** The timeout for a wait that takes at most `quietMs` on a quiet machine. */
export const budget = (quietMs) => Math.round(quietMs * SLOWDOWN);
