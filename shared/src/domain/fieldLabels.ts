import type { ContentLanguage, Labels } from './common';
import type { ActivityDetails } from './entities/activityDetails';
import type { approvalActions } from './entities/approval';
import type { EntityType } from './entities/entityTypes';
import type { locationSources } from './entities/fieldReport';
import type { budgetStatuses, budgetTypes, transactionTypes } from './entities/finance';
import type { participationStatuses } from './entities/participation';
import type { EntityRecord } from './entities/registry';
import type { disaggregationDimensions, indicatorMeasures, resultTypes } from './entities/results';
import type { intellectualPropertyStatuses, matchStatuses } from './entities/technologyTransfer';
import { findCountry } from './taxonomy/countries';
import { findActivityKind } from './taxonomy/modalities';
import { organizationTypes } from './taxonomy/organizationTypes';
import { findPriorityArea } from './taxonomy/priorityAreas';
import {
  activityStatuses,
  contributionForms,
  fundingSources,
  inKindCategories,
  labelOf,
  partnerSides,
  participationRoles,
  personRoles,
  sexes,
  userRoles,
} from './taxonomy/roles';

/**
 * What every field of every kind of record is called, and what its coded values mean, in the UI
 * languages: one catalogue, beside the schemas, for every screen that shows fields it does not lay out
 * itself (a record's history, conflicts, imports' reports, exports' headers). The shared taxonomies keep
 * their own labels (countries, areas, kinds, roles...); this catalogue adds the code lists the entity
 * schemas define inline (budget statuses, transaction types, match statuses...) and points each coded
 * field to its list. A test walks every schema, so a field added without a label fails it.
 */

type Named<K extends string> = Record<K, Labels>;
type FieldsOf<E extends EntityType> = Named<keyof EntityRecord<E> & string>;

/** The kinds of record, as a person calls them. */
export const entityLabels = {
  organization: { en: 'Organization', zh: '机构' },
  person: { en: 'Person', zh: '人员' },
  activity: { en: 'Activity', zh: '活动' },
  participatingOrganization: { en: 'Participating organization', zh: '参与机构' },
  budget: { en: 'Budget', zh: '预算' },
  transaction: { en: 'Transaction', zh: '交易' },
  result: { en: 'Result', zh: '成果' },
  indicator: { en: 'Indicator', zh: '指标' },
  indicatorPeriod: { en: 'Indicator period', zh: '指标周期' },
  participation: { en: 'Participation', zh: '参与情况' },
  technologyOffer: { en: 'Technology offer', zh: '技术供给' },
  technologyNeed: { en: 'Technology need', zh: '技术需求' },
  technologyMatch: { en: 'Technology match', zh: '技术对接' },
  fieldReport: { en: 'Field report', zh: '实地报告' },
  document: { en: 'Document', zh: '文件' },
  approval: { en: 'Approval', zh: '审批' },
} as const satisfies Named<EntityType>;

/** The languages program content is written in, by their names. */
export const contentLanguageLabels = {
  en: { en: 'English', zh: '英语' },
  zh: { en: 'Chinese', zh: '中文' },
  id: { en: 'Bahasa Indonesia', zh: '印尼语' },
  ms: { en: 'Malay', zh: '马来语' },
  th: { en: 'Thai', zh: '泰语' },
  vi: { en: 'Vietnamese', zh: '越南语' },
  km: { en: 'Khmer', zh: '高棉语' },
  lo: { en: 'Lao', zh: '老挝语' },
  my: { en: 'Burmese', zh: '缅甸语' },
  fil: { en: 'Filipino', zh: '菲律宾语' },
  tet: { en: 'Tetum', zh: '德顿语' },
  pt: { en: 'Portuguese', zh: '葡萄牙语' },
} as const satisfies Named<ContentLanguage>;

// Code lists the entity schemas define inline, labelled here.
export const budgetStatusLabels = {
  indicative: { en: 'Indicative', zh: '指示性' },
  committed: { en: 'Committed', zh: '已承诺' },
} as const satisfies Named<(typeof budgetStatuses)[number]>;

export const budgetTypeLabels = {
  original: { en: 'Original', zh: '原始' },
  revised: { en: 'Revised', zh: '修订' },
} as const satisfies Named<(typeof budgetTypes)[number]>;

export const transactionTypeLabels = {
  'incoming-commitment': { en: 'Incoming commitment', zh: '收入承诺' },
  'incoming-funds': { en: 'Incoming funds or contribution', zh: '收到的资金或出资' },
  'outgoing-commitment': { en: 'Outgoing commitment', zh: '支出承诺' },
  disbursement: { en: 'Disbursement', zh: '拨付' },
  expenditure: { en: 'Expenditure', zh: '支出' },
} as const satisfies Named<(typeof transactionTypes)[number]>;

export const participationStatusLabels = {
  enrolled: { en: 'Enrolled', zh: '已报名' },
  attending: { en: 'Attending', zh: '在读' },
  completed: { en: 'Completed', zh: '已结业' },
  'did-not-complete': { en: 'Did not complete', zh: '未结业' },
  withdrawn: { en: 'Withdrawn', zh: '已退出' },
} as const satisfies Named<(typeof participationStatuses)[number]>;

export const resultTypeLabels = {
  output: { en: 'Output', zh: '产出' },
  outcome: { en: 'Outcome', zh: '成效' },
  impact: { en: 'Impact', zh: '影响' },
} as const satisfies Named<(typeof resultTypes)[number]>;

export const indicatorMeasureLabels = {
  unit: { en: 'Count', zh: '计数' },
  percentage: { en: 'Percentage', zh: '百分比' },
  qualitative: { en: 'Qualitative', zh: '定性' },
} as const satisfies Named<(typeof indicatorMeasures)[number]>;

export const disaggregationLabels = {
  sex: { en: 'Sex', zh: '性别' },
  country: { en: 'Country', zh: '国家' },
} as const satisfies Named<(typeof disaggregationDimensions)[number]>;

export const intellectualPropertyLabels = {
  patented: { en: 'Patented', zh: '已获专利' },
  'patent-pending': { en: 'Patent pending', zh: '专利申请中' },
  'know-how': { en: 'Know-how', zh: '专有技术' },
  open: { en: 'Open / not protected', zh: '公开 / 未保护' },
} as const satisfies Named<(typeof intellectualPropertyStatuses)[number]>;

export const matchStatusLabels = {
  proposed: { en: 'Proposed', zh: '已提出' },
  contacted: { en: 'Contacted', zh: '已联系' },
  negotiating: { en: 'Negotiating', zh: '洽谈中' },
  agreed: { en: 'Agreed', zh: '已达成' },
  dropped: { en: 'Dropped', zh: '已放弃' },
} as const satisfies Named<(typeof matchStatuses)[number]>;

export const locationSourceLabels = {
  device: { en: 'Location from the computer', zh: '设备定位' },
  typed: { en: 'Coordinates typed in', zh: '手动输入的坐标' },
} as const satisfies Named<(typeof locationSources)[number]>;

/** Review steps, as something that happened ("Submitted"), not as a button ("Submit for review"). */
export const approvalActionLabels = {
  submit: { en: 'Submitted', zh: '提交' },
  return: { en: 'Returned', zh: '退回' },
  approve: { en: 'Approved', zh: '批准' },
  accept: { en: 'Accepted', zh: '验收' },
  unlock: { en: 'Unlocked', zh: '解锁' },
} as const satisfies Named<(typeof approvalActions)[number]>;

/** The options of activities' kind-specific details (delivery modes, event formats, zone types). */
export const activityDetailOptionLabels = {
  'in-person': { en: 'In person', zh: '线下' },
  online: { en: 'Online', zh: '线上' },
  blended: { en: 'Blended', zh: '线上线下结合' },
  hybrid: { en: 'Hybrid', zh: '线上线下结合' },
  'science-park': { en: 'Science park', zh: '科技园区' },
  'demonstration-zone': { en: 'Demonstration zone', zh: '示范区' },
} as const satisfies Named<string>;

// Field labels.
const base = {
  entity: { en: 'Kind of record', zh: '记录类型' },
  id: { en: 'Record ID', zh: '记录编号' },
  createdAt: { en: 'Created', zh: '创建时间' },
  updatedAt: { en: 'Last changed', zh: '最后修改时间' },
} as const;

const common = {
  activityId: { en: 'Activity', zh: '活动' },
  title: { en: 'Title', zh: '标题' },
  description: { en: 'Description', zh: '描述' },
  country: { en: 'Country', zh: '国家' },
  priorityAreas: { en: 'Priority areas', zh: '优先领域' },
  periodStart: { en: 'Period start', zh: '期间开始' },
  periodEnd: { en: 'Period end', zh: '期间结束' },
  status: { en: 'Status', zh: '状态' },
  amount: { en: 'Amount', zh: '金额' },
  source: { en: 'Source', zh: '来源' },
  role: { en: 'Role', zh: '角色' },
  email: { en: 'E-mail', zh: '电子邮箱' },
  phone: { en: 'Phone', zh: '电话' },
  postedOn: { en: 'Posted on', zh: '发布日期' },
} as const;

/** Every top-level field of every kind of record. */
export const fieldLabels = {
  organization: {
    ...base,
    name: { en: 'Name', zh: '名称' },
    acronym: { en: 'Acronym', zh: '缩写' },
    type: { en: 'Type', zh: '类型' },
    country: common.country,
    parentId: { en: 'Part of (parent organization)', zh: '上级机构' },
    iatiIdentifier: { en: 'IATI organisation identifier', zh: 'IATI 机构标识符' },
    city: { en: 'City', zh: '城市' },
    address: { en: 'Address', zh: '地址' },
    website: { en: 'Website', zh: '网站' },
    email: common.email,
    phone: common.phone,
  },
  person: {
    ...base,
    nameNative: { en: 'Name in native script', zh: '本族文字姓名' },
    nameNativeLanguage: { en: 'Language of the native name', zh: '本族姓名的语言' },
    nameRomanized: { en: 'Name romanized (Latin letters)', zh: '拉丁转写姓名' },
    sex: { en: 'Sex', zh: '性别' },
    birthYear: { en: 'Year of birth', zh: '出生年份' },
    country: common.country,
    nationality: { en: 'Nationality', zh: '国籍' },
    organizationId: { en: 'Organization', zh: '机构' },
    position: { en: 'Position', zh: '职务' },
    roles: { en: 'Roles', zh: '角色' },
    email: common.email,
    phone: common.phone,
  },
  activity: {
    ...base,
    title: common.title,
    description: common.description,
    details: { en: 'Kind-specific details', zh: '类型专属信息' },
    status: common.status,
    countries: { en: 'Countries', zh: '国家' },
    priorityAreas: common.priorityAreas,
    plannedStart: { en: 'Planned start', zh: '计划开始' },
    plannedEnd: { en: 'Planned end', zh: '计划结束' },
    actualStart: { en: 'Actual start', zh: '实际开始' },
    actualEnd: { en: 'Actual end', zh: '实际结束' },
    parentId: { en: 'Part of (parent activity)', zh: '所属上级活动' },
    iatiIdentifier: { en: 'IATI identifier', zh: 'IATI 标识符' },
    defaultCurrency: { en: 'Default currency', zh: '默认货币' },
  },
  participatingOrganization: {
    ...base,
    activityId: common.activityId,
    organizationId: { en: 'Organization', zh: '机构' },
    role: common.role,
    side: { en: 'Side', zh: '合作方' },
  },
  budget: {
    ...base,
    activityId: common.activityId,
    periodStart: common.periodStart,
    periodEnd: common.periodEnd,
    value: common.amount,
    status: common.status,
    budgetType: { en: 'Budget type', zh: '预算类型' },
    source: common.source,
  },
  transaction: {
    ...base,
    activityId: common.activityId,
    transactionType: { en: 'Type of transaction', zh: '交易类型' },
    date: { en: 'Date', zh: '日期' },
    value: common.amount,
    form: { en: 'Form of contribution', zh: '出资形式' },
    inKindCategory: { en: 'What the contribution consists of', zh: '实物出资内容' },
    source: common.source,
    providerOrganizationId: { en: 'Provider organization', zh: '提供机构' },
    receiverOrganizationId: { en: 'Receiver organization', zh: '接收机构' },
    description: { en: 'Description', zh: '说明' },
    valuationNote: { en: 'Valuation note', zh: '估值说明' },
  },
  result: {
    ...base,
    activityId: common.activityId,
    resultType: { en: 'Type of result', zh: '成果类型' },
    title: common.title,
    description: { en: 'Description', zh: '说明' },
  },
  indicator: {
    ...base,
    activityId: common.activityId,
    resultId: { en: 'Result', zh: '成果' },
    title: common.title,
    measure: { en: 'Measure', zh: '计量方式' },
    unit: { en: 'Unit', zh: '单位' },
    ascending: { en: 'A higher value is better', zh: '数值越高越好' },
    disaggregations: { en: 'Break targets and actuals down by', zh: '目标值和实际值分列方式' },
    baselineYear: { en: 'Baseline year', zh: '基线年份' },
    baselineValue: { en: 'Baseline value', zh: '基线值' },
  },
  indicatorPeriod: {
    ...base,
    activityId: common.activityId,
    indicatorId: { en: 'Indicator', zh: '指标' },
    periodStart: common.periodStart,
    periodEnd: common.periodEnd,
    target: { en: 'Target', zh: '目标值' },
    actual: { en: 'Actual', zh: '实际值' },
    breakdown: { en: 'Breakdown', zh: '分列' },
    comment: { en: 'Comment', zh: '备注' },
  },
  participation: {
    ...base,
    activityId: common.activityId,
    personId: { en: 'Person', zh: '人员' },
    role: common.role,
    status: common.status,
    attendanceDays: { en: 'Days attended', zh: '出勤天数' },
    completedOn: { en: 'Completed on', zh: '结业日期' },
    certificateNumber: { en: 'Certificate no.', zh: '证书编号' },
  },
  technologyOffer: {
    ...base,
    title: common.title,
    description: common.description,
    providerOrganizationId: { en: 'Provider', zh: '供给方' },
    country: common.country,
    priorityAreas: common.priorityAreas,
    readinessLevel: { en: 'Technology readiness level', zh: '技术成熟度等级' },
    intellectualProperty: { en: 'Intellectual property', zh: '知识产权' },
    postedOn: common.postedOn,
  },
  technologyNeed: {
    ...base,
    title: common.title,
    description: common.description,
    seekerOrganizationId: { en: 'Seeking organization', zh: '需求方' },
    country: common.country,
    priorityAreas: common.priorityAreas,
    postedOn: common.postedOn,
  },
  technologyMatch: {
    ...base,
    offerId: { en: 'Offer', zh: '技术供给' },
    needId: { en: 'Need', zh: '技术需求' },
    status: common.status,
    statusDate: { en: 'Status since', zh: '状态日期' },
    brokerPersonId: { en: 'Broker', zh: '对接经纪人' },
    notes: { en: 'Notes', zh: '备注' },
  },
  fieldReport: {
    ...base,
    activityId: common.activityId,
    country: common.country,
    visitDate: { en: 'Visit date', zh: '访问日期' },
    location: { en: 'Location', zh: '位置' },
    narrative: { en: 'Narrative', zh: '报告正文' },
    indicatorValues: { en: 'Indicator values', zh: '指标值' },
    photos: { en: 'Photos', zh: '照片' },
  },
  document: {
    ...base,
    sha256: { en: 'Content fingerprint (SHA-256)', zh: '内容指纹（SHA-256）' },
    fileName: { en: 'File name', zh: '文件名' },
    mimeType: { en: 'File type', zh: '文件类型' },
    sizeBytes: { en: 'Size', zh: '大小' },
    title: common.title,
    caption: { en: 'Caption', zh: '说明文字' },
    attachedTo: { en: 'Attached to', zh: '附属于' },
  },
  approval: {
    ...base,
    target: { en: 'Record reviewed', zh: '审核对象' },
    action: { en: 'Review step', zh: '审核步骤' },
    comment: { en: 'Comment', zh: '意见' },
    overriddenWarnings: { en: 'Warnings overridden', zh: '已忽略的警告' },
    actorUserId: { en: 'Taken by', zh: '操作人' },
    actorRole: { en: 'Role of the person taking it', zh: '操作人角色' },
    at: { en: 'When', zh: '时间' },
  },
} as const satisfies { [E in EntityType]: FieldsOf<E> };

/** Every key an activity's kind-specific details may have, over all kinds. */
type DetailKey = ActivityDetails extends infer D ? (D extends unknown ? keyof D & string : never) : never;

const recordReference = {
  entity: { en: 'Kind of record', zh: '记录类型' },
  recordId: { en: 'Record', zh: '记录' },
} as const;
const money = { amount: common.amount, currency: { en: 'Currency', zh: '币种' } } as const;

/** Keys inside object-valued fields (an activity's details, a report's location, an amount...). */
export const subfieldLabels = {
  activity: {
    details: {
      kind: { en: 'Kind of activity', zh: '活动类型' },
      counterpartAgency: { en: 'Counterpart agency', zh: '对口机构' },
      policyTopics: { en: 'Policy topics', zh: '政策议题' },
      deliverables: { en: 'Deliverables', zh: '成果交付' },
      hostOrganizationId: { en: 'Host organization', zh: '接待机构' },
      missionLeader: { en: 'Mission leader', zh: '团长' },
      expertCount: { en: 'Number of experts', zh: '专家人数' },
      missionDays: { en: 'Mission length (days)', zh: '任务天数' },
      technicalDomain: { en: 'Technical domain', zh: '技术领域' },
      volunteerPersonId: { en: 'Volunteer', zh: '志愿者' },
      field: { en: 'Field of work', zh: '工作领域' },
      durationMonths: { en: 'Duration (months)', zh: '期限（月）' },
      location: { en: 'Location', zh: '地点' },
      trainingFields: { en: 'Fields of training', zh: '培训领域' },
      trainingCenterId: { en: 'Training center', zh: '培训中心' },
      venue: { en: 'Venue', zh: '举办地点' },
      deliveryMode: { en: 'Delivery', zh: '授课方式' },
      courseLanguage: { en: 'Course language', zh: '授课语言' },
      capacity: { en: 'Places', zh: '名额' },
      durationDays: { en: 'Duration (days)', zh: '天数' },
      fellowPersonId: { en: 'Fellow', zh: '访问学者' },
      hostInstitutionId: { en: 'Host institution in China', zh: '中方接收单位' },
      researchTopic: { en: 'Research topic', zh: '研究课题' },
      objectives: { en: 'Objectives', zh: '研究目标' },
      chineseLeadOrganizationId: { en: 'Chinese lead organization', zh: '中方牵头单位' },
      aseanLeadOrganizationId: { en: 'ASEAN lead organization', zh: '东盟方牵头单位' },
      intellectualProperty: { en: 'Intellectual property arrangement', zh: '知识产权安排' },
      chineseHostId: { en: 'Chinese host institution', zh: '中方依托单位' },
      aseanHostId: { en: 'ASEAN host institution', zh: '东盟方依托单位' },
      establishedOn: { en: 'Established on', zh: '成立日期' },
      researchLines: { en: 'Research lines', zh: '研究方向' },
      equipment: { en: 'Equipment', zh: '设备' },
      zoneType: { en: 'Type', zh: '类型' },
      areaHectares: { en: 'Area (hectares)', zh: '面积（公顷）' },
      enterprisesHosted: { en: 'Enterprises hosted', zh: '入驻企业数' },
      technologiesDemonstrated: { en: 'Technologies demonstrated', zh: '示范技术' },
      matchId: { en: 'Technology match', zh: '技术对接' },
      sector: { en: 'Sector', zh: '行业' },
      format: { en: 'Format', zh: '形式' },
      edition: { en: 'Edition', zh: '届次' },
      expectedAttendance: { en: 'Expected attendance', zh: '预计参会人数' },
    } satisfies Named<DetailKey>,
  },
  budget: { value: money },
  transaction: { value: money },
  indicatorPeriod: {
    breakdown: {
      sex: { en: 'Sex', zh: '性别' },
      country: common.country,
      target: { en: 'Target', zh: '目标值' },
      actual: { en: 'Actual', zh: '实际值' },
    },
  },
  fieldReport: {
    location: {
      latitude: { en: 'Latitude', zh: '纬度' },
      longitude: { en: 'Longitude', zh: '经度' },
      accuracyMeters: { en: 'Accuracy (metres)', zh: '精度（米）' },
      source: { en: 'How it was found', zh: '定位方式' },
      placeName: { en: 'Place', zh: '地点' },
    },
    indicatorValues: {
      indicatorId: { en: 'Indicator', zh: '指标' },
      value: { en: 'Value', zh: '数值' },
      note: { en: 'Note', zh: '备注' },
    },
    photos: {
      documentId: { en: 'Photo', zh: '照片' },
      caption: { en: 'Caption', zh: '说明' },
    },
  },
  document: { attachedTo: recordReference },
  approval: { target: recordReference },
} as const satisfies { [E in EntityType]?: Record<string, Named<string>> };

type CodeLookup = (code: string) => Labels | undefined;
const fromList =
  (list: readonly { code: string; label: Labels }[]): CodeLookup =>
  (code) =>
    labelOf(list, code);
const fromMap =
  (map: Record<string, Labels>): CodeLookup =>
  (code) =>
    Object.prototype.hasOwnProperty.call(map, code) ? map[code] : undefined;
const country: CodeLookup = (code) => findCountry(code)?.label;
const priorityArea: CodeLookup = (code) => findPriorityArea(code)?.label;
const contentLanguage = fromMap(contentLanguageLabels);

/** Coded fields that mean the same in every kind of record, by the field's (or key's) name. */
const codesOfAnyEntity: Record<string, CodeLookup> = {
  entity: fromMap(entityLabels),
  country,
  countries: country,
  nationality: country,
  priorityAreas: priorityArea,
  policyTopics: priorityArea,
  kind: (code) => findActivityKind(code)?.label,
  sex: fromList(sexes),
  nameNativeLanguage: contentLanguage,
  courseLanguage: contentLanguage,
  actorRole: fromList(userRoles),
  disaggregations: fromMap(disaggregationLabels),
};

/** Coded fields whose name means different things in different records ("status", "role", "source"). */
const codesByEntity: Partial<Record<EntityType, Record<string, CodeLookup>>> = {
  activity: {
    status: fromList(activityStatuses),
    deliveryMode: fromMap(activityDetailOptionLabels),
    format: fromMap(activityDetailOptionLabels),
    zoneType: fromMap(activityDetailOptionLabels),
  },
  organization: { type: fromList(organizationTypes) },
  person: { roles: fromList(personRoles) },
  participatingOrganization: { role: fromList(participationRoles), side: fromList(partnerSides) },
  participation: { role: fromList(personRoles), status: fromMap(participationStatusLabels) },
  budget: { status: fromMap(budgetStatusLabels), budgetType: fromMap(budgetTypeLabels), source: fromList(fundingSources) },
  transaction: {
    transactionType: fromMap(transactionTypeLabels),
    form: fromList(contributionForms),
    inKindCategory: fromList(inKindCategories),
    source: fromList(fundingSources),
  },
  result: { resultType: fromMap(resultTypeLabels) },
  indicator: { measure: fromMap(indicatorMeasureLabels) },
  technologyOffer: { intellectualProperty: fromMap(intellectualPropertyLabels) },
  technologyMatch: { status: fromMap(matchStatusLabels) },
  fieldReport: { source: fromMap(locationSourceLabels) },
  approval: { action: fromMap(approvalActionLabels) },
};

/**
 * Fields (and keys inside object values) that hold another record's id, with the kind of record they
 * point to. An `{ entity, recordId }` object (a document's `attachedTo`, an approval's `target`) names
 * its kind itself.
 */
export const referenceTargets = {
  organization: { parentId: 'organization' },
  person: { organizationId: 'organization' },
  activity: {
    parentId: 'activity',
    hostOrganizationId: 'organization',
    volunteerPersonId: 'person',
    trainingCenterId: 'activity',
    fellowPersonId: 'person',
    hostInstitutionId: 'organization',
    chineseLeadOrganizationId: 'organization',
    aseanLeadOrganizationId: 'organization',
    chineseHostId: 'organization',
    aseanHostId: 'organization',
    matchId: 'technologyMatch',
  },
  participatingOrganization: { activityId: 'activity', organizationId: 'organization' },
  budget: { activityId: 'activity' },
  transaction: { activityId: 'activity', providerOrganizationId: 'organization', receiverOrganizationId: 'organization' },
  result: { activityId: 'activity' },
  indicator: { activityId: 'activity', resultId: 'result' },
  indicatorPeriod: { activityId: 'activity', indicatorId: 'indicator' },
  participation: { activityId: 'activity', personId: 'person' },
  technologyOffer: { providerOrganizationId: 'organization' },
  technologyNeed: { seekerOrganizationId: 'organization' },
  technologyMatch: { offerId: 'technologyOffer', needId: 'technologyNeed', brokerPersonId: 'person' },
  fieldReport: { activityId: 'activity', indicatorId: 'indicator', documentId: 'document' },
  document: {},
  approval: {},
} as const satisfies { [E in EntityType]: Record<string, EntityType> };

const has = <T extends object>(object: T, key: string): key is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(object, key);

/** A top-level field's label; undefined for a field the schemas do not have (from a newer desk, say). */
export function fieldLabelOf(entity: EntityType, field: string): Labels | undefined {
  const fields = fieldLabels[entity];
  return has(fields, field) ? (fields[field] as Labels) : undefined;
}

/** The label of a key inside an object-valued field (`details.venue`, `location.latitude`). */
export function subfieldLabelOf(entity: EntityType, field: string, key: string): Labels | undefined {
  const fields = (subfieldLabels as Partial<Record<EntityType, Record<string, Record<string, Labels>>>>)[entity];
  const keys = fields && has(fields, field) ? fields[field] : undefined;
  return keys && has(keys, key) ? keys[key] : undefined;
}

/**
 * What a coded value means: `key` is the field's name, or the key's inside an object value (`breakdown`'s
 * `sex`, `details`' `deliveryMode`). Undefined for a field that holds no code, or an unknown code.
 */
export function codeLabelOf(entity: EntityType, key: string, code: string): Labels | undefined {
  const lookup = codesByEntity[entity]?.[key] ?? (has(codesOfAnyEntity, key) ? codesOfAnyEntity[key] : undefined);
  return lookup?.(code);
}

/** Whether a field (or key) holds codes with labels, whatever the code. */
export function isCodedField(entity: EntityType, key: string): boolean {
  return codesByEntity[entity]?.[key] !== undefined || has(codesOfAnyEntity, key);
}

/** The kind of record a field (or key inside an object value) points to, if it holds a record id. */
export function referenceTargetOf(entity: EntityType, key: string): EntityType | undefined {
  const targets = referenceTargets[entity] as Record<string, EntityType>;
  return has(targets, key) ? targets[key] : undefined;
}
