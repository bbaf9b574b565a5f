import type { Concept, ConceptKind } from '../domain/index.ts';

/**
 * The in-memory view of a taxonomy that matching runs on: concepts by id, by kind and by exact
 * (case-folded) label, and the related-skill graph made symmetric.
 */
export class Taxonomy {
  readonly concepts: readonly Concept[];
  private readonly byId = new Map<string, Concept>();
  private readonly byLabel = new Map<string, Concept[]>();
  private readonly relatedIds = new Map<string, Set<string>>();
  private readonly skillList: Concept[] = [];
  private readonly occupationList: Concept[] = [];

  constructor(concepts: readonly Concept[]) {
    this.concepts = concepts;
    for (const c of concepts) {
      this.byId.set(c.id, c);
      (c.kind === 'skill' ? this.skillList : this.occupationList).push(c);
      for (const label of [c.label, ...c.altLabels]) {
        const key = foldLabel(label);
        const list = this.byLabel.get(key);
        if (list) { if (!list.includes(c)) list.push(c); } else this.byLabel.set(key, [c]);
      }
    }
    for (const c of concepts) {
      for (const r of c.related) {
        if (!this.byId.has(r) || r === c.id) continue;
        link(this.relatedIds, c.id, r);
        link(this.relatedIds, r, c.id);
      }
    }
  }

  get size(): number { return this.concepts.length; }
  get(id: string): Concept | undefined { return this.byId.get(id); }
  has(id: string): boolean { return this.byId.has(id); }
  skills(): readonly Concept[] { return this.skillList; }
  occupations(): readonly Concept[] { return this.occupationList; }
  ofKind(kind: ConceptKind): readonly Concept[] { return kind === 'skill' ? this.skillList : this.occupationList; }

  /** Concepts whose label or alternative label equals `label` (case and spacing ignored). */
  findByLabel(label: string, kind?: ConceptKind): Concept[] {
    const list = this.byLabel.get(foldLabel(label)) ?? [];
    return kind ? list.filter((c) => c.kind === kind) : list;
  }

  /** Related skills (symmetric), for partial credit and adjacent-skill suggestions. */
  related(id: string): ReadonlySet<string> {
    return this.relatedIds.get(id) ?? EMPTY;
  }

  labelOf(id: string): string {
    return this.byId.get(id)?.label ?? id;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function link(map: Map<string, Set<string>>, a: string, b: string): void {
  let set = map.get(a);
  if (!set) { set = new Set(); map.set(a, set); }
  set.add(b);
}

export function foldLabel(label: string): string {
  return label.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
