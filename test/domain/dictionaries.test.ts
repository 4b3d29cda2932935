import { describe, expect, it } from 'vitest'
import {
  type DictionaryName,
  dictionaries,
  dictionaryCodes,
  isDictionaryName,
} from '../../src/domain/dictionaries/index.js'
import { listRegions } from '../../src/domain/values/regions.js'

/** The enums SPEC §4 fixes; a dictionary must hold exactly these codes, in this order. */
const SPEC_CODES = {
  industries: [
    'mine',
    'hazardous_chemicals',
    'fireworks',
    'transport',
    'construction',
    'civil_explosives',
    'metal_smelting',
    'fishery',
    'other',
  ],
  'standardization-grades': ['level1', 'level2', 'level3', 'none'],
  'policy-statuses': ['in_force', 'expired', 'terminated'],
  'termination-reasons': ['business_closed', 'production_stopped'],
  'rate-adjustment-reasons': [
    'standardization',
    'claims_history',
    'hazard_rectification',
    'risk_level',
    'other',
  ],
  'intermediary-kinds': ['broker', 'agent'],
  'accident-types': [
    'struck_by_object',
    'vehicle',
    'machinery',
    'lifting',
    'electrocution',
    'drowning',
    'burn',
    'fire',
    'fall_from_height',
    'collapse',
    'roof_fall',
    'water_inrush',
    'blasting',
    'gunpowder_explosion',
    'gas_explosion',
    'boiler_explosion',
    'vessel_explosion',
    'other_explosion',
    'poisoning_asphyxiation',
    'other_injury',
  ],
  'accident-grades': ['general', 'larger', 'major', 'extra_major'],
  'claim-statuses': ['reported', 'registered', 'assessed', 'paid', 'declined', 'withdrawn'],
  'service-types': [
    'hazard_inspection',
    'training',
    'emergency_drill',
    'standardization',
    'risk_assessment',
    'technology',
    'other',
  ],
  'service-forms': ['onsite', 'remote', 'group', 'other'],
  'provider-kinds': ['insurer_staff', 'technical_service_org', 'expert'],
  'training-topics': [
    'campaign_policy',
    'major_hazard_criteria',
    'accident_cases',
    'skills',
    'other',
  ],
  'follow-up-methods': ['onsite', 'phone', 'online'],
  'service-statuses': ['planned', 'in_progress', 'completed', 'cancelled'],
  'risk-levels': ['high', 'medium', 'low'],
  'hazard-levels': ['major', 'general'],
  'hazard-criteria': [
    'coal_mine',
    'open_pit_coal_mine',
    'metal_nonmetal_mine',
    'hazardous_chemicals',
    'fireworks',
    'industry_trade',
    'civil_explosives',
    'building_municipal',
    'road_transport',
    'highway_operation',
    'waterway_port',
    'fishing_vessel',
    'town_gas',
    'fire',
    'other',
  ],
  'hazard-statuses': ['found', 'notified', 'rectifying', 'rectified', 'closed'],
  'notification-recipients': ['principal', 'actual_controller'],
  'notification-channels': ['written', 'electronic'],
  'ledger-entry-kinds': ['budget', 'expense', 'adjustment'],
  'ledger-categories': [
    'inspection',
    'training',
    'drill',
    'standardization',
    'assessment',
    'technology',
    'other',
  ],
}

const all = Object.entries(dictionaries)

describe('dictionaries', () => {
  it('holds every SPEC table and the regions, and nothing else', () => {
    expect(Object.keys(dictionaries).sort()).toEqual([...Object.keys(SPEC_CODES), 'regions'].sort())
  })

  it.each(Object.entries(SPEC_CODES))('holds exactly the SPEC codes of %s', (name, codes) => {
    expect(isDictionaryName(name)).toBe(true)
    expect(dictionaryCodes(name as DictionaryName)).toEqual(codes)
  })

  it.each(all)('files %s under its own kebab-case name', (key, dictionary) => {
    expect(dictionary.name).toBe(key)
    expect(key).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })

  it.each(all)('gives %s a Chinese and an English title', (_, dictionary) => {
    expect(dictionary.title.zh).toMatch(/\p{Script=Han}/u)
    expect(dictionary.title.en).toMatch(/^[A-Z]/)
  })

  it.each(all)('labels every code of %s in Chinese and English', (_, dictionary) => {
    for (const entry of dictionary.entries) {
      expect(entry.zh, entry.code).toMatch(/\p{Script=Han}/u)
      expect(entry.en, entry.code).toMatch(/^[A-Z]/)
    }
  })

  it.each(all)('keeps the codes of %s unique and in snake_case or digits', (_, dictionary) => {
    const codes = dictionary.entries.map((entry) => entry.code)

    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) {
      expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$|^\d{6}$/)
    }
  })

  it('takes the regions from the region table, each with its parent', () => {
    const regions = listRegions()

    expect(dictionaryCodes('regions')).toEqual(regions.map((region) => region.code))
    expect(dictionaries.regions.entries[1]).toEqual({
      code: '450100',
      zh: '南宁市',
      en: 'Nanning',
      parent: '450000',
    })
    expect(dictionaries.regions.entries[0]).not.toHaveProperty('parent')
  })

  it('labels the GB 6441 accident types with the standard wording', () => {
    const labels = dictionaries['accident-types'].entries.map((entry) => entry.zh)

    expect(labels).toEqual([
      '物体打击',
      '车辆伤害',
      '机械伤害',
      '起重伤害',
      '触电',
      '淹溺',
      '灼烫',
      '火灾',
      '高处坠落',
      '坍塌',
      '冒顶片帮',
      '透水',
      '放炮',
      '火药爆炸',
      '瓦斯爆炸',
      '锅炉爆炸',
      '容器爆炸',
      '其它爆炸',
      '中毒和窒息',
      '其它伤害',
    ])
  })

  it('recognises dictionary names and nothing inherited', () => {
    expect(isDictionaryName('industries')).toBe(true)
    expect(isDictionaryName('toString')).toBe(false)
    expect(isDictionaryName('nope')).toBe(false)
  })
})
