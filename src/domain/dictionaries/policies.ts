import { type CodeOf, defineDictionary } from './dictionary.js'

/** The high-risk sectors where this insurance is mandatory, per the national measures. */
export const industries = defineDictionary({
  name: 'industries',
  title: { zh: '行业领域', en: 'Industry' },
  entries: [
    { code: 'mine', zh: '矿山', en: 'Mining' },
    { code: 'hazardous_chemicals', zh: '危险化学品', en: 'Hazardous chemicals' },
    { code: 'fireworks', zh: '烟花爆竹', en: 'Fireworks' },
    { code: 'transport', zh: '交通运输', en: 'Transport' },
    { code: 'construction', zh: '建筑施工', en: 'Construction' },
    { code: 'civil_explosives', zh: '民用爆炸物品', en: 'Civil explosives' },
    { code: 'metal_smelting', zh: '金属冶炼', en: 'Metal smelting' },
    { code: 'fishery', zh: '渔业生产', en: 'Fishery' },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
})

export const standardizationGrades = defineDictionary({
  name: 'standardization-grades',
  title: { zh: '安全生产标准化等级', en: 'Safety standardisation grade' },
  entries: [
    { code: 'level1', zh: '一级', en: 'Level 1' },
    { code: 'level2', zh: '二级', en: 'Level 2' },
    { code: 'level3', zh: '三级', en: 'Level 3' },
    { code: 'none', zh: '未定级', en: 'Not graded' },
  ],
})

export const policyStatuses = defineDictionary({
  name: 'policy-statuses',
  title: { zh: '保单状态', en: 'Policy status' },
  entries: [
    { code: 'in_force', zh: '有效', en: 'In force' },
    { code: 'expired', zh: '已到期', en: 'Expired' },
    { code: 'terminated', zh: '提前终止', en: 'Terminated early' },
  ],
})

/** The only grounds on which a mandatory policy may end before its period (SPEC §4.1). */
export const terminationReasons = defineDictionary({
  name: 'termination-reasons',
  title: { zh: '保单提前终止原因', en: 'Reason for early termination' },
  entries: [
    { code: 'business_closed', zh: '依法关闭取缔', en: 'Closed down by law' },
    { code: 'production_stopped', zh: '完全停止生产经营活动', en: 'Production fully stopped' },
  ],
})

export const rateAdjustmentReasons = defineDictionary({
  name: 'rate-adjustment-reasons',
  title: { zh: '费率浮动因素', en: 'Rate adjustment reason' },
  entries: [
    { code: 'standardization', zh: '安全生产标准化', en: 'Safety standardisation' },
    { code: 'claims_history', zh: '历史出险理赔情况', en: 'Claims history' },
    { code: 'hazard_rectification', zh: '事故隐患整改情况', en: 'Hazard rectification' },
    { code: 'risk_level', zh: '风险等级', en: 'Risk class' },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
})

export const intermediaryKinds = defineDictionary({
  name: 'intermediary-kinds',
  title: { zh: '保险中介机构类型', en: 'Intermediary kind' },
  entries: [
    { code: 'broker', zh: '保险经纪机构', en: 'Insurance broker' },
    { code: 'agent', zh: '保险代理机构', en: 'Insurance agent' },
  ],
})

export type Industry = CodeOf<typeof industries>
export type StandardizationGrade = CodeOf<typeof standardizationGrades>
export type PolicyStatus = CodeOf<typeof policyStatuses>
export type TerminationReason = CodeOf<typeof terminationReasons>
export type RateAdjustmentReason = CodeOf<typeof rateAdjustmentReasons>
export type IntermediaryKind = CodeOf<typeof intermediaryKinds>
