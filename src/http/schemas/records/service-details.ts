import { Type } from 'typebox'
import { hazardCriteria } from '../../../domain/dictionaries/hazards.js'
import { standardizationGrades } from '../../../domain/dictionaries/policies.js'
import { riskLevels, trainingTopics } from '../../../domain/dictionaries/services.js'
import { DateSchema, enumOf, TimestampSchema } from '../common.js'
import { countSchema, textSchema } from './shared.js'

/*
 * The objects that describe each type of service (SPEC §4.3). A service carries the one of its
 * own type and no other; the domain rules check that, with a field error naming the object.
 */

function scoreSchema(title: string, description: string) {
  return Type.Number({ title, description, minimum: 0, maximum: 100 })
}

const findingsSchema = (description: string) =>
  Type.Optional(textSchema('发现的问题', description, 4000))

export const TrainingSchema = Type.Object(
  {
    topics: Type.Array(enumOf(trainingTopics), {
      title: '培训主题',
      description: 'Topics covered, each once',
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
    }),
    participants: countSchema('参训人数', 'Persons trained'),
    hours: Type.Number({
      title: '培训学时',
      description: 'Length of the training in hours',
      exclusiveMinimum: 0,
      maximum: 1000,
    }),
    assessedCount: Type.Optional(
      countSchema('考核人数', 'Persons assessed; at most the participants'),
    ),
    passedCount: Type.Optional(
      countSchema('考核合格人数', 'Persons who passed; at most those assessed'),
    ),
    followUp: Type.Optional(
      Type.Object(
        {
          evaluatedAt: Type.Optional({
            ...TimestampSchema,
            title: '评估时间',
            description: 'When the effect of the training was evaluated',
          }),
          score: Type.Optional(scoreSchema('评估得分', 'Score of the evaluation, 0 to 100')),
          findings: findingsSchema('What the evaluation found'),
        },
        {
          title: '培训效果跟踪反馈评估',
          description: 'Follow-up evaluation of the effect of the training',
          additionalProperties: false,
        },
      ),
    ),
  },
  {
    title: '宣传教育培训',
    description: 'Required when type = training',
    additionalProperties: false,
  },
)

export const DrillSchema = Type.Object(
  {
    scenario: textSchema('演练场景', 'The emergency rehearsed, e.g. evacuation on fire', 500),
    participants: countSchema('参演人数', 'Persons who took part'),
    evacuationSeconds: Type.Optional(
      Type.Integer({
        title: '疏散用时（秒）',
        description: 'Time to evacuate, in seconds',
        minimum: 0,
        maximum: 86_400,
      }),
    ),
    theme: Type.Optional(textSchema('演练主题', 'Theme of the drill', 200)),
    evaluation: Type.Optional(
      Type.Object(
        {
          score: Type.Optional(scoreSchema('评估得分', 'Score of the drill, 0 to 100')),
          findings: findingsSchema('What the evaluation of the drill found'),
        },
        { title: '演练评估', description: 'Evaluation of the drill', additionalProperties: false },
      ),
    ),
  },
  {
    title: '应急演练',
    description: 'Required when type = emergency_drill',
    additionalProperties: false,
  },
)

export const StandardizationSchema = Type.Object(
  {
    targetGrade: enumOf(standardizationGrades, {
      title: '目标等级',
      description: 'Grade aimed at: a code of the dictionary `standardization-grades`',
    }),
    achievedGrade: Type.Optional(
      enumOf(standardizationGrades, {
        title: '达到等级',
        description: 'Grade achieved: a code of the dictionary `standardization-grades`',
      }),
    ),
    findings: findingsSchema('What the support found'),
  },
  {
    title: '安全生产标准化建设',
    description: 'Required when type = standardization',
    additionalProperties: false,
  },
)

export const RiskAssessmentSchema = Type.Object(
  {
    riskLevel: enumOf(riskLevels),
    basis: textSchema('评估依据', 'Method and basis of the assessment', 2000),
    validUntil: Type.Optional({
      ...DateSchema,
      title: '有效期至',
      description: 'Last day the assessment holds',
    }),
  },
  {
    title: '风险评估',
    description:
      'Required when type = risk_assessment; the latest completed one is the risk class of ' +
      'the insured unit for this insurer',
    additionalProperties: false,
  },
)

export const InspectionSchema = Type.Object(
  {
    scope: textSchema('排查范围', 'Sites, units and processes inspected', 2000),
    criteria: Type.Array(enumOf(hazardCriteria), {
      title: '适用判定标准',
      description: 'The major-hazard criteria applied, each once',
      minItems: 1,
      maxItems: 15,
      uniqueItems: true,
    }),
    hazardsFound: Type.Optional(countSchema('发现隐患数', 'Hazards found by the inspection')),
  },
  {
    title: '隐患排查',
    description: 'Required when type = hazard_inspection',
    additionalProperties: false,
  },
)
