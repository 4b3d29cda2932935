import { type CodeOf, defineDictionary } from './dictionary.js'

export const hazardLevels = defineDictionary({
  name: 'hazard-levels',
  title: { zh: '隐患等级', en: 'Hazard level' },
  entries: [
    { code: 'major', zh: '重大事故隐患', en: 'Major accident hazard' },
    { code: 'general', zh: '一般事故隐患', en: 'General accident hazard' },
  ],
})

/**
 * Each sector's major-hazard criteria (重大事故隐患判定标准) are issued by its ministry and
 * revised from time to time, so a label names the sector whose criteria apply rather than one
 * edition; the hazard's `criterion.clause` names the clause.
 */
export const hazardCriteria = defineDictionary({
  name: 'hazard-criteria',
  title: { zh: '重大事故隐患判定标准', en: 'Major hazard criteria' },
  entries: [
    { code: 'coal_mine', zh: '煤矿', en: 'Coal mines' },
    { code: 'open_pit_coal_mine', zh: '露天煤矿', en: 'Open-pit coal mines' },
    { code: 'metal_nonmetal_mine', zh: '金属非金属矿山', en: 'Metal and non-metal mines' },
    {
      code: 'hazardous_chemicals',
      zh: '化工和危险化学品',
      en: 'Chemicals and hazardous chemicals',
    },
    { code: 'fireworks', zh: '烟花爆竹', en: 'Fireworks' },
    { code: 'industry_trade', zh: '工贸行业（含冶金）', en: 'Industry and trade (incl. smelting)' },
    { code: 'civil_explosives', zh: '民用爆炸物品', en: 'Civil explosives' },
    { code: 'building_municipal', zh: '房屋市政工程', en: 'Building and municipal works' },
    { code: 'road_transport', zh: '道路运输', en: 'Road transport' },
    { code: 'highway_operation', zh: '公路运营', en: 'Highway operation' },
    { code: 'waterway_port', zh: '水路运输和港口', en: 'Waterways and ports' },
    { code: 'fishing_vessel', zh: '渔业船舶', en: 'Fishing vessels' },
    { code: 'town_gas', zh: '城镇燃气', en: 'Town gas' },
    { code: 'fire', zh: '消防（重大火灾隐患）', en: 'Fire (major fire hazards)' },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
})

export const hazardStatuses = defineDictionary({
  name: 'hazard-statuses',
  title: { zh: '隐患状态', en: 'Hazard status' },
  entries: [
    { code: 'found', zh: '已发现', en: 'Found' },
    { code: 'notified', zh: '已告知', en: 'Notified' },
    { code: 'rectifying', zh: '整改中', en: 'Being rectified' },
    { code: 'rectified', zh: '已整改', en: 'Rectified' },
    { code: 'closed', zh: '已销号', en: 'Closed' },
  ],
})

/** Who must be told of a hazard: the notice names the principal or the actual controller. */
export const notificationRecipients = defineDictionary({
  name: 'notification-recipients',
  title: { zh: '告知对象', en: 'Notification recipient' },
  entries: [
    { code: 'principal', zh: '主要负责人', en: 'Principal responsible person' },
    { code: 'actual_controller', zh: '实际控制人', en: 'Actual controller' },
  ],
})

export const notificationChannels = defineDictionary({
  name: 'notification-channels',
  title: { zh: '告知方式', en: 'Notification channel' },
  entries: [
    { code: 'written', zh: '书面告知', en: 'Written notice' },
    { code: 'electronic', zh: '电子告知', en: 'Electronic notice' },
  ],
})

export type HazardLevel = CodeOf<typeof hazardLevels>
export type HazardCriterion = CodeOf<typeof hazardCriteria>
export type HazardStatus = CodeOf<typeof hazardStatuses>
export type NotificationRecipient = CodeOf<typeof notificationRecipients>
export type NotificationChannel = CodeOf<typeof notificationChannels>
