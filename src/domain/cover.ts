/**
 * Fair rotation for covers. Each time a slot needs cover, the eligible member with the fewest covers so far serves;
 * ties go to the one whose last cover is oldest (never covered first), then to roster order. With this greedy rule,
 * any two members eligible for every cover of a window end the window at most one cover apart.
 *
 * The window resets at the start of each assignment period and each calendar year (duty counts in the annual
 * evaluation), which also bounds how far back an expansion must replay absences to be stable.
 */
export interface CoverLedger {
  /** The member who covers next among `eligible` (in roster order), or null when nobody is eligible. */
  pick(eligible: readonly string[]): string | null;
  record(memberId: string): void;
  reset(): void;
}

export function createCoverLedger(): CoverLedger {
  let counts = new Map<string, number>();
  let lastTurn = new Map<string, number>();
  let turn = 0;
  return {
    pick(eligible) {
      let best: string | null = null;
      for (const id of eligible) {
        if (best === null || isBefore(id, best)) best = id;
      }
      return best;
    },
    record(memberId) {
      counts.set(memberId, (counts.get(memberId) ?? 0) + 1);
      lastTurn.set(memberId, turn++);
    },
    reset() {
      counts = new Map();
      lastTurn = new Map();
      turn = 0;
    },
  };

  function isBefore(candidate: string, best: string): boolean {
    const byCount = (counts.get(candidate) ?? 0) - (counts.get(best) ?? 0);
    if (byCount !== 0) return byCount < 0;
    return (lastTurn.get(candidate) ?? -1) < (lastTurn.get(best) ?? -1);
  }
}
