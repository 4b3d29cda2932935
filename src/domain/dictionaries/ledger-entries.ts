import { type CodeOf, defineDictionary } from './dictionary.js'

export const ledgerEntryKinds = defineDictionary({
  name: 'ledger-entry-kinds',
  title: { zh: '台账记录类型', en: 'Ledger entry kind' },
  entries: [
    { code: 'budget', zh: '专项预算', en: 'Dedicated budget' },
    { code: 'expense', zh: '费用支出', en: 'Expense' },
    { code: 'adjustment', zh: '调整', en: 'Adjustment' },
  ],
})

export const ledgerCategories = defineDictionary({
  name: 'ledger-categories',
  title: { zh: '事故预防费用类别', en: 'Prevention spend category' },
  entries: [
    { code: 'inspection', zh: '隐患排查', en: 'Hazard inspection' },
    { code: 'training', zh: '宣传教育培训', en: 'Training' },
    { code: 'drill', zh: '应急演练', en: 'Emergency drill' },
    { code: 'standardization', zh: '标准化建设', en: 'Standardisation support' },
    { code: 'assessment', zh: '风险评估', en: 'Risk assessment' },
    { code: 'technology', zh: '科技兴安', en: 'Safety technology' },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
})

export type LedgerEntryKind = CodeOf<typeof ledgerEntryKinds>
export type LedgerCategory = CodeOf<typeof ledgerCategories>
