import { Type } from 'typebox'
import { ref } from '../records/index.js'
import {
  countFigure,
  groupProperties,
  ratioFigure,
  ruleSchema,
  ViewQuerySchema,
  viewAnswerSchema,
} from './common.js'

export const hazardListNames = ['overdue', 'overdue_unreported', 'notified_late'] as const

export const HazardLoopQuerySchema = Type.Object(
  {
    ...ViewQuerySchema.properties,
    list: Type.Optional(
      Type.Enum([...hazardListNames], {
        title: '清单',
        description: 'Also list the hazards of the year on this list (record views, at most 1000)',
      }),
    ),
  },
  { additionalProperties: false },
)

const HazardLoopItemSchema = Type.Object(
  {
    ...groupProperties,
    found: countFigure('发现隐患数', 'Hazards found in the year'),
    byLevel: Type.Object(
      {
        major: countFigure('重大事故隐患', 'Major hazards'),
        general: countFigure('一般事故隐患', 'General hazards'),
      },
      { title: '按等级', description: 'Hazards by level', additionalProperties: false },
    ),
    byStatus: Type.Object(
      {
        found: countFigure('已发现', 'Still only found'),
        notified: countFigure('已告知', 'Notified'),
        rectifying: countFigure('整改中', 'Being rectified'),
        rectified: countFigure('已整改', 'Rectified'),
        closed: countFigure('已销号', 'Closed'),
      },
      { title: '按状态', description: 'Hazards by current status', additionalProperties: false },
    ),
    overdue: countFigure('逾期未整改', 'Deadline passed, not rectified'),
    overdueUnreported: countFigure(
      '逾期未报告',
      'Overdue and not reported to the authority by the end of the grace days',
    ),
    notifiedLate: countFigure('告知超时', 'Major hazards notified late, or not yet when due'),
    rectificationRate: ratioFigure('整改率', '(rectified + closed) / found'),
  },
  {
    title: '隐患闭环分组',
    description: 'The closed loop of one group',
    additionalProperties: false,
  },
)

export const HazardLoopSchema = viewAnswerSchema(
  '重大事故隐患闭环监测',
  ruleSchema({
    hazardNotifyHours: countFigure('告知时限（小时）', 'HAZARD_NOTIFY_HOURS'),
    hazardReportGraceDays: countFigure('报告宽限（天）', 'HAZARD_REPORT_GRACE_DAYS'),
    today: Type.String({ title: '评估日期', description: 'The day evaluated (China time)' }),
  }),
  HazardLoopItemSchema,
  {
    list: Type.Optional(
      Type.Object(
        {
          name: Type.Enum([...hazardListNames], { title: '清单', description: 'The list asked' }),
          items: Type.Array(ref('HazardRecord'), {
            title: '隐患',
            description: 'The hazards on it, oldest found first',
          }),
          truncated: Type.Boolean({
            title: '是否截断',
            description: 'More than 1000: search GET /api/v1/hazards for the rest',
          }),
        },
        {
          title: '隐患清单',
          description: 'Present when list is asked',
          additionalProperties: false,
        },
      ),
    ),
  },
)
