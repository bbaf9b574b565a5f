/** Ids and names the user mentions, read without a model. */
export interface Entities {
  jobId?: string;
  memberId?: string;
  companyId?: string;
  /** "at Quartz Energy", "about Acme": a company named in words. */
  companyName?: string;
}

export function extractEntities(text: string): Entities {
  const e: Entities = {};
  const job = /\b(j-[\w-]+)/i.exec(text);
  if (job) e.jobId = job[1]!.replace(/[.,;:!?]+$/, '');
  const member = /\b(m-[\w-]+)/i.exec(text);
  if (member) e.memberId = member[1]!.replace(/[.,;:!?]+$/, '');
  const company = /\b(c-[\w-]+)/i.exec(text);
  if (company) e.companyId = company[1]!.replace(/[.,;:!?]+$/, '');
  const named = /\b(?:at|about|for|of|is|does)\s+((?:[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){0,3})/.exec(text);
  if (named && !/^(I|Me|My|The|This|That|It)$/.test(named[1]!)) e.companyName = named[1];
  return e;
}
