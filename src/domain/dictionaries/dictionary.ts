export interface Label {
  zh: string
  en: string
}

export interface DictionaryEntry<Code extends string = string> {
  code: Code
  zh: string
  en: string
  /** Regions only: the enclosing division, so that clients can rebuild the hierarchy. */
  parent?: string
}

/** A code table of the contract (SPEC §8); `name` is its stable kebab-case name. */
export interface Dictionary<Name extends string = string, Code extends string = string> {
  name: Name
  title: Label
  entries: readonly DictionaryEntry<Code>[]
}

/** The code type of a dictionary, e.g. `CodeOf<typeof industries>`. */
export type CodeOf<D> = D extends Dictionary<string, infer Code> ? Code : never

/** Typing help only: keeps the name and every code as literal types. */
export function defineDictionary<const Name extends string, const Code extends string>(
  dictionary: Dictionary<Name, Code>,
): Dictionary<Name, Code> {
  return dictionary
}

export function codesOf<Code extends string>(dictionary: Dictionary<string, Code>): Code[] {
  return dictionary.entries.map((entry) => entry.code)
}
