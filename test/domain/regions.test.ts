import { describe, expect, it } from 'vitest'
import {
  checkRegionCode,
  isCountyRegion,
  isGuangxiRegion,
  isWithinRegion,
  listRegions,
  regionLevel,
  regionPrefix,
} from '../../src/domain/values/regions.js'

const CITY_NAMES = {
  '450100': ['南宁市', 'Nanning'],
  '450200': ['柳州市', 'Liuzhou'],
  '450300': ['桂林市', 'Guilin'],
  '450400': ['梧州市', 'Wuzhou'],
  '450500': ['北海市', 'Beihai'],
  '450600': ['防城港市', 'Fangchenggang'],
  '450700': ['钦州市', 'Qinzhou'],
  '450800': ['贵港市', 'Guigang'],
  '450900': ['玉林市', 'Yulin'],
  '451000': ['百色市', 'Baise'],
  '451100': ['贺州市', 'Hezhou'],
  '451200': ['河池市', 'Hechi'],
  '451300': ['来宾市', 'Laibin'],
  '451400': ['崇左市', 'Chongzuo'],
}

describe('region membership and level', () => {
  it('knows 450102 as a county of Guangxi', () => {
    expect(isGuangxiRegion('450102')).toBe(true)
    expect(isCountyRegion('450102')).toBe(true)
    expect(regionLevel('450102')).toBe('county')
  })

  it('treats a code of another province as unknown', () => {
    expect(isGuangxiRegion('440106')).toBe(false)
    expect(isCountyRegion('440106')).toBe(false)
    expect(regionLevel('440106')).toBe(undefined)
  })

  it('knows 450100 as a city, not a county', () => {
    expect(isGuangxiRegion('450100')).toBe(true)
    expect(isCountyRegion('450100')).toBe(false)
    expect(regionLevel('450100')).toBe('city')
  })

  it('knows 450000 as the province', () => {
    expect(isGuangxiRegion('450000')).toBe(true)
    expect(isCountyRegion('450000')).toBe(false)
    expect(regionLevel('450000')).toBe('province')
  })

  it('leaves out the 市辖区 placeholders, which are no place a site can be', () => {
    expect(isGuangxiRegion('450101')).toBe(false)
    expect(listRegions().some((region) => region.name === '市辖区')).toBe(false)
  })

  it('rejects unused codes inside the 45 prefix', () => {
    expect(isGuangxiRegion('451500')).toBe(false)
    expect(isGuangxiRegion('450199')).toBe(false)
  })
})

describe('region list', () => {
  it('holds all 14 cities with their Chinese and English names', () => {
    const cities = listRegions().filter((region) => region.level === 'city')
    const names = Object.fromEntries(cities.map((city) => [city.code, [city.name, city.en]]))

    expect(names).toEqual(CITY_NAMES)
  })

  it('gives every city at least one county, so that every city can hold insured sites', () => {
    const parents = new Set(listRegions().map((region) => region.parent))

    for (const code of Object.keys(CITY_NAMES)) {
      expect(parents.has(code)).toBe(true)
    }
  })

  it('describes the province, a city and a county whole', () => {
    const byCode = new Map(listRegions().map((region) => [region.code, region]))

    expect(byCode.get('450000')).toEqual({
      code: '450000',
      name: '广西壮族自治区',
      en: 'Guangxi',
      level: 'province',
      parent: undefined,
    })
    expect(byCode.get('450300')).toEqual({
      code: '450300',
      name: '桂林市',
      en: 'Guilin',
      level: 'city',
      parent: '450000',
    })
    expect(byCode.get('450102')).toEqual({
      code: '450102',
      name: '兴宁区',
      en: 'County-level division 450102 of Nanning',
      level: 'county',
      parent: '450100',
    })
  })

  it('is sorted by code and has no duplicates', () => {
    const codes = listRegions().map((region) => region.code)

    expect(codes).toEqual([...new Set(codes)].sort())
    expect(codes[0]).toBe('450000')
  })

  it('parents every county by the city of its first four digits', () => {
    for (const region of listRegions().filter((r) => r.level === 'county')) {
      expect(region.parent).toBe(`${region.code.slice(0, 4)}00`)
    }
  })
})

describe('region hierarchy', () => {
  it('lets the province cover every division of Guangxi', () => {
    expect(isWithinRegion('450102', '450000')).toBe(true)
    expect(isWithinRegion('451400', '450000')).toBe(true)
    expect(isWithinRegion('450000', '450000')).toBe(true)
  })

  it('lets a city cover itself and its own counties only', () => {
    expect(isWithinRegion('450102', '450100')).toBe(true)
    expect(isWithinRegion('450100', '450100')).toBe(true)
    expect(isWithinRegion('450202', '450100')).toBe(false)
    expect(isWithinRegion('450000', '450100')).toBe(false)
  })

  it('lets a county cover itself only', () => {
    expect(isWithinRegion('450102', '450102')).toBe(true)
    expect(isWithinRegion('450103', '450102')).toBe(false)
    expect(isWithinRegion('450100', '450102')).toBe(false)
  })

  it('covers nothing outside Guangxi and nothing from an unknown scope', () => {
    expect(isWithinRegion('440106', '450000')).toBe(false)
    expect(isWithinRegion('440106', '440000')).toBe(false)
    expect(isWithinRegion('450102', '459900')).toBe(false)
  })
})

describe('regionPrefix', () => {
  it('answers the LIKE prefix of each level', () => {
    expect(regionPrefix('450000')).toBe('45')
    expect(regionPrefix('450100')).toBe('4501')
    expect(regionPrefix('450102')).toBe('450102')
  })

  it('never widens an unknown scope beyond its own code', () => {
    expect(regionPrefix('440000')).toBe('440000')
    expect(regionPrefix('451500')).toBe('451500')
  })
})

describe('checkRegionCode', () => {
  it('passes a Guangxi county for an insured site', () => {
    expect(checkRegionCode('/insured/regionCode', '450102', { county: true })).toBe(undefined)
  })

  it('answers region_unknown for a code outside Guangxi', () => {
    expect(checkRegionCode('/insured/regionCode', '440106', { county: true })).toEqual({
      path: '/insured/regionCode',
      code: 'region_unknown',
    })
  })

  it('answers region_not_county for a city where a county is due', () => {
    expect(checkRegionCode('/insured/regionCode', '450100', { county: true })).toEqual({
      path: '/insured/regionCode',
      code: 'region_not_county',
    })
  })

  it('accepts a city or the province where any level will do', () => {
    expect(checkRegionCode('/regionCode', '450100')).toBe(undefined)
    expect(checkRegionCode('/regionCode', '450000')).toBe(undefined)
  })
})
