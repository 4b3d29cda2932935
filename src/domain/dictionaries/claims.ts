import { type CodeOf, defineDictionary } from './dictionary.js'

/** The 20 categories of GB 6441-1986 (企业职工伤亡事故分类), in the standard's order. */
export const accidentTypes = defineDictionary({
  name: 'accident-types',
  title: { zh: '事故类别（GB 6441）', en: 'Accident type (GB 6441)' },
  entries: [
    { code: 'struck_by_object', zh: '物体打击', en: 'Struck by object' },
    { code: 'vehicle', zh: '车辆伤害', en: 'Vehicle injury' },
    { code: 'machinery', zh: '机械伤害', en: 'Machinery injury' },
    { code: 'lifting', zh: '起重伤害', en: 'Lifting injury' },
    { code: 'electrocution', zh: '触电', en: 'Electric shock' },
    { code: 'drowning', zh: '淹溺', en: 'Drowning' },
    { code: 'burn', zh: '灼烫', en: 'Burn or scald' },
    { code: 'fire', zh: '火灾', en: 'Fire' },
    { code: 'fall_from_height', zh: '高处坠落', en: 'Fall from height' },
    { code: 'collapse', zh: '坍塌', en: 'Collapse' },
    { code: 'roof_fall', zh: '冒顶片帮', en: 'Roof fall or rib spalling' },
    { code: 'water_inrush', zh: '透水', en: 'Water inrush' },
    { code: 'blasting', zh: '放炮', en: 'Blasting' },
    { code: 'gunpowder_explosion', zh: '火药爆炸', en: 'Gunpowder explosion' },
    { code: 'gas_explosion', zh: '瓦斯爆炸', en: 'Firedamp explosion' },
    { code: 'boiler_explosion', zh: '锅炉爆炸', en: 'Boiler explosion' },
    { code: 'vessel_explosion', zh: '容器爆炸', en: 'Pressure vessel explosion' },
    { code: 'other_explosion', zh: '其它爆炸', en: 'Other explosion' },
    { code: 'poisoning_asphyxiation', zh: '中毒和窒息', en: 'Poisoning and asphyxiation' },
    { code: 'other_injury', zh: '其它伤害', en: 'Other injury' },
  ],
})

/** The grades of the accident reporting regulations (国务院令第493号, art. 3). */
export const accidentGrades = defineDictionary({
  name: 'accident-grades',
  title: { zh: '事故等级', en: 'Accident grade' },
  entries: [
    { code: 'general', zh: '一般事故', en: 'General accident' },
    { code: 'larger', zh: '较大事故', en: 'Larger accident' },
    { code: 'major', zh: '重大事故', en: 'Major accident' },
    { code: 'extra_major', zh: '特别重大事故', en: 'Extraordinarily major accident' },
  ],
})

export const claimStatuses = defineDictionary({
  name: 'claim-statuses',
  title: { zh: '赔案状态', en: 'Claim status' },
  entries: [
    { code: 'reported', zh: '已报案', en: 'Reported' },
    { code: 'registered', zh: '已立案', en: 'Registered' },
    { code: 'assessed', zh: '已核定', en: 'Assessed' },
    { code: 'paid', zh: '已结案', en: 'Paid and closed' },
    { code: 'declined', zh: '已拒赔', en: 'Declined' },
    { code: 'withdrawn', zh: '已撤案', en: 'Withdrawn' },
  ],
})

export type AccidentType = CodeOf<typeof accidentTypes>
export type AccidentGrade = CodeOf<typeof accidentGrades>
export type ClaimStatus = CodeOf<typeof claimStatuses>
