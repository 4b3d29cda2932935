import { accidentGrades, accidentTypes, claimStatuses } from './claims.js'
import { type CodeOf, codesOf } from './dictionary.js'
import {
  hazardCriteria,
  hazardLevels,
  hazardStatuses,
  notificationChannels,
  notificationRecipients,
} from './hazards.js'
import { ledgerCategories, ledgerEntryKinds } from './ledger-entries.js'
import {
  industries,
  intermediaryKinds,
  policyStatuses,
  rateAdjustmentReasons,
  standardizationGrades,
  terminationReasons,
} from './policies.js'
import { regions } from './regions.js'
import {
  followUpMethods,
  providerKinds,
  riskLevels,
  serviceForms,
  serviceStatuses,
  serviceTypes,
  trainingTopics,
} from './services.js'

/** Every code table of SPEC §8, by its stable name; the names are part of the contract. */
export const dictionaries = {
  industries,
  regions,
  'standardization-grades': standardizationGrades,
  'policy-statuses': policyStatuses,
  'termination-reasons': terminationReasons,
  'rate-adjustment-reasons': rateAdjustmentReasons,
  'intermediary-kinds': intermediaryKinds,
  'accident-types': accidentTypes,
  'accident-grades': accidentGrades,
  'claim-statuses': claimStatuses,
  'service-types': serviceTypes,
  'service-forms': serviceForms,
  'provider-kinds': providerKinds,
  'training-topics': trainingTopics,
  'follow-up-methods': followUpMethods,
  'service-statuses': serviceStatuses,
  'risk-levels': riskLevels,
  'hazard-levels': hazardLevels,
  'hazard-criteria': hazardCriteria,
  'hazard-statuses': hazardStatuses,
  'notification-recipients': notificationRecipients,
  'notification-channels': notificationChannels,
  'ledger-entry-kinds': ledgerEntryKinds,
  'ledger-categories': ledgerCategories,
} as const

export type DictionaryName = keyof typeof dictionaries

export function isDictionaryName(name: string): name is DictionaryName {
  return Object.hasOwn(dictionaries, name)
}

export function dictionaryCodes<Name extends DictionaryName>(
  name: Name,
): CodeOf<(typeof dictionaries)[Name]>[] {
  return codesOf(dictionaries[name]) as CodeOf<(typeof dictionaries)[Name]>[]
}

export type { AccidentGrade, AccidentType, ClaimStatus } from './claims.js'
export type { CodeOf, Dictionary, DictionaryEntry, Label } from './dictionary.js'
export type {
  HazardCriterion,
  HazardLevel,
  HazardStatus,
  NotificationChannel,
  NotificationRecipient,
} from './hazards.js'
export type { LedgerCategory, LedgerEntryKind } from './ledger-entries.js'
export type {
  Industry,
  IntermediaryKind,
  PolicyStatus,
  RateAdjustmentReason,
  StandardizationGrade,
  TerminationReason,
} from './policies.js'
export type {
  FollowUpMethod,
  ProviderKind,
  RiskLevel,
  ServiceForm,
  ServiceStatus,
  ServiceType,
  TrainingTopic,
} from './services.js'
