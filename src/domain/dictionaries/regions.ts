import { listRegions } from '../values/regions.js'
import { defineDictionary } from './dictionary.js'

/** Built from the package's code table (see values/regions.ts), never typed by hand. */
export const regions = defineDictionary({
  name: 'regions',
  title: { zh: '广西壮族自治区行政区划', en: 'Administrative divisions of Guangxi' },
  entries: listRegions().map((region) => ({
    code: region.code,
    zh: region.name,
    en: region.en,
    ...(region.parent && { parent: region.parent }),
  })),
})
