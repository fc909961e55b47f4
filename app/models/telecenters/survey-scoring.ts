/**
 * Scoring rules (pure, shared by the server and the tests). Each question gives points out of its `maxPoints`;
 * a section's score is its percentage; the total is the weighted mean of the sections that have points to give.
 */
export type ScoringQuestion = {
  id: number;
  sectionId: number;
  kind: "yesno" | "number" | "choice" | "scale" | "text" | "photo";
  maxPoints: number;
  config: { options?: { value: string; label: string; points: number }[]; min?: number; max?: number; bands?: { min: number; points: number }[] };
};
export type ScoringSection = { id: number; weight: number };
export type ScoreClass = { name: string; min: number };
export type SectionResult = { sectionId: number; points: number; maxPoints: number; percent: number };

export function questionPoints(q: ScoringQuestion, value: string | undefined, photos: number): number {
  const max = q.maxPoints;
  if (max <= 0) return 0;
  if (q.kind === "photo") return photos > 0 ? max : 0;
  if (value === undefined || value === "") return 0;
  switch (q.kind) {
    case "yesno":
      return value === "yes" ? max : 0;
    case "choice": {
      const o = q.config.options?.find((x) => x.value === value);
      return o ? Math.min(Math.max(o.points, 0), max) : 0;
    }
    case "scale": {
      const lo = q.config.min ?? 1;
      const hi = q.config.max ?? 5;
      const v = Number(value);
      if (!Number.isFinite(v) || hi <= lo) return 0;
      return (max * (Math.min(Math.max(v, lo), hi) - lo)) / (hi - lo);
    }
    case "number": {
      const v = Number(value);
      if (!Number.isFinite(v)) return 0;
      const band = [...(q.config.bands ?? [])].sort((a, b) => b.min - a.min).find((b) => v >= b.min);
      return band ? Math.min(Math.max(band.points, 0), max) : 0;
    }
    default:
      return 0;
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function scoreResponse(
  sections: ScoringSection[],
  questions: ScoringQuestion[],
  answers: Map<number, string>,
  photoCounts: Map<number, number>,
): { sections: SectionResult[]; total: number | null } {
  const results: SectionResult[] = sections.map((s) => {
    let points = 0;
    let maxPoints = 0;
    for (const q of questions) {
      if (q.sectionId !== s.id) continue;
      maxPoints += Math.max(q.maxPoints, 0);
      points += questionPoints(q, answers.get(q.id), photoCounts.get(q.id) ?? 0);
    }
    return { sectionId: s.id, points: round2(points), maxPoints, percent: maxPoints > 0 ? round2((100 * points) / maxPoints) : 0 };
  });
  let weighted = 0;
  let weights = 0;
  for (const s of sections) {
    const r = results.find((x) => x.sectionId === s.id);
    if (!r || r.maxPoints === 0 || s.weight <= 0) continue;
    weighted += s.weight * ((100 * r.points) / r.maxPoints);
    weights += s.weight;
  }
  return { sections: results, total: weights > 0 ? round2(weighted / weights) : null };
}

/** The first class (highest threshold first) whose minimum the total reaches; the lowest class otherwise. */
export function classify(total: number | null, classes: ScoreClass[]): string | null {
  if (total === null || classes.length === 0) return null;
  const sorted = [...classes].sort((a, b) => b.min - a.min);
  return (sorted.find((c) => total >= c.min) ?? sorted[sorted.length - 1])?.name ?? null;
}

/** Max points a question can give, derived from its config where the kind defines it. */
export function derivedMaxPoints(kind: ScoringQuestion["kind"], config: ScoringQuestion["config"], typed: number): number {
  if (kind === "text") return 0;
  if (kind === "choice") return Math.max(0, ...(config.options ?? []).map((o) => o.points));
  if (kind === "number") return Math.max(0, ...(config.bands ?? []).map((b) => b.points));
  return Math.max(0, typed);
}
