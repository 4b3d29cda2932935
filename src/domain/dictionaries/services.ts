import { type CodeOf, defineDictionary } from './dictionary.js'

export const serviceTypes = defineDictionary({
  name: 'service-types',
  title: { zh: '事故预防服务类型', en: 'Prevention service type' },
  entries: [
    { code: 'hazard_inspection', zh: '隐患排查', en: 'Hazard inspection' },
    { code: 'training', zh: '宣传教育培训', en: 'Safety training and publicity' },
    { code: 'emergency_drill', zh: '应急演练', en: 'Emergency drill' },
    { code: 'standardization', zh: '安全生产标准化建设', en: 'Safety standardisation support' },
    { code: 'risk_assessment', zh: '风险评估', en: 'Risk assessment' },
    { code: 'technology', zh: '科技兴安', en: 'Safety technology (monitoring, IoT)' },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
})

export const serviceForms = defineDictionary({
  name: 'service-forms',
  title: { zh: '服务形式', en: 'Service form' },
  entries: [
    { code: 'onsite', zh: '现场服务', en: 'On site' },
    { code: 'remote', zh: '远程服务', en: 'Remote' },
    { code: 'group', zh: '集中服务', en: 'Group session' },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
})

export const providerKinds = defineDictionary({
  name: 'provider-kinds',
  title: { zh: '服务提供方类型', en: 'Service provider kind' },
  entries: [
    { code: 'insurer_staff', zh: '保险机构人员', en: "Insurer's staff" },
    {
      code: 'technical_service_org',
      zh: '安全生产技术服务机构',
      en: 'Technical service organisation',
    },
    { code: 'expert', zh: '安全生产专家', en: 'Safety expert' },
  ],
})

export const trainingTopics = defineDictionary({
  name: 'training-topics',
  title: { zh: '培训主题', en: 'Training topic' },
  entries: [
    { code: 'campaign_policy', zh: '治本攻坚文件宣贯', en: 'Root-cause campaign documents' },
    { code: 'major_hazard_criteria', zh: '重大事故隐患判定标准', en: 'Major hazard criteria' },
    { code: 'accident_cases', zh: '典型事故案例警示', en: 'Typical accident cases' },
    { code: 'skills', zh: '安全技能', en: 'Safety skills' },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
})

export const followUpMethods = defineDictionary({
  name: 'follow-up-methods',
  title: { zh: '回访方式', en: 'Follow-up method' },
  entries: [
    { code: 'onsite', zh: '现场回访', en: 'On site' },
    { code: 'phone', zh: '电话回访', en: 'By phone' },
    { code: 'online', zh: '线上回访', en: 'Online' },
  ],
})

export const serviceStatuses = defineDictionary({
  name: 'service-statuses',
  title: { zh: '服务状态', en: 'Service status' },
  entries: [
    { code: 'planned', zh: '已计划', en: 'Planned' },
    { code: 'in_progress', zh: '实施中', en: 'In progress' },
    { code: 'completed', zh: '已完成', en: 'Completed' },
    { code: 'cancelled', zh: '已取消', en: 'Cancelled' },
  ],
})

/** The risk classes of the provincial notice, by which services are planned. */
export const riskLevels = defineDictionary({
  name: 'risk-levels',
  title: { zh: '风险等级', en: 'Risk class' },
  entries: [
    { code: 'high', zh: '高风险', en: 'High risk' },
    { code: 'medium', zh: '中风险', en: 'Medium risk' },
    { code: 'low', zh: '低风险', en: 'Low risk' },
  ],
})

export type ServiceType = CodeOf<typeof serviceTypes>
export type ServiceForm = CodeOf<typeof serviceForms>
export type ProviderKind = CodeOf<typeof providerKinds>
export type TrainingTopic = CodeOf<typeof trainingTopics>
export type FollowUpMethod = CodeOf<typeof followUpMethods>
export type ServiceStatus = CodeOf<typeof serviceStatuses>
export type RiskLevel = CodeOf<typeof riskLevels>
