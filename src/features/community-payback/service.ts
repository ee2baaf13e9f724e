import type { Dependencies } from '../../dependencies.ts'

/** Placeholder: filled in by the public face work of issue 17. */
export function createCommunityPaybackService({ db, clock }: Dependencies) {
  void db
  void clock
  return {}
}

export type CommunityPaybackService = ReturnType<typeof createCommunityPaybackService>
