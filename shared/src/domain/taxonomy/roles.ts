import { z } from 'zod';
import type { Labels } from '../common';

type Coded = readonly { code: string; label: Labels }[];
const codes = <T extends Coded>(list: T) => list.map((item) => item.code) as [T[number]['code'], ...T[number]['code'][]];

/** A participating organization's role in an activity (IATI OrganisationRole). */
export const participationRoles = [
  { code: 'funding', label: { en: 'Funding', zh: '资助方' } },
  { code: 'accountable', label: { en: 'Accountable', zh: '负责方' } },
  { code: 'implementing', label: { en: 'Implementing', zh: '实施方' } },
  { code: 'extending', label: { en: 'Extending', zh: '管理方' } },
] as const satisfies Coded;
export const participationRoleSchema = z.enum(codes(participationRoles));
export type ParticipationRole = z.infer<typeof participationRoleSchema>;

/** Which side of the partnership an organization stands on in an activity. */
export const partnerSides = [
  { code: 'chinese', label: { en: 'Chinese side', zh: '中方' } },
  { code: 'asean', label: { en: 'ASEAN side', zh: '东盟方' } },
  { code: 'third-party', label: { en: 'Third party', zh: '第三方' } },
] as const satisfies Coded;
export const partnerSideSchema = z.enum(codes(partnerSides));
export type PartnerSide = z.infer<typeof partnerSideSchema>;

/** What a person is to the program (one person may be several). */
export const personRoles = [
  { code: 'trainee', label: { en: 'Trainee', zh: '学员' } },
  { code: 'expert', label: { en: 'Expert', zh: '专家' } },
  { code: 'volunteer', label: { en: 'Volunteer', zh: '志愿者' } },
  { code: 'staff', label: { en: 'Staff', zh: '工作人员' } },
  { code: 'fellow', label: { en: 'Fellow', zh: '访问学者' } },
  { code: 'researcher', label: { en: 'Researcher', zh: '研究人员' } },
] as const satisfies Coded;
export const personRoleSchema = z.enum(codes(personRoles));
export type PersonRole = z.infer<typeof personRoleSchema>;

/** Who uses the desk; decides scope and what they may approve. */
export const userRoles = [
  { code: 'field-officer', label: { en: 'Field officer', zh: '现场专员' } },
  { code: 'national-coordinator', label: { en: 'National coordinator', zh: '国家协调员' } },
  { code: 'secretariat', label: { en: 'Secretariat', zh: '秘书处' } },
  { code: 'admin', label: { en: 'Administrator', zh: '管理员' } },
] as const satisfies Coded;
export const userRoleSchema = z.enum(codes(userRoles));
export type UserRole = z.infer<typeof userRoleSchema>;

/** Activity status, on IATI's ActivityStatus codelist. */
export const activityStatuses = [
  { code: 'pipeline', label: { en: 'Pipeline', zh: '筹备中' } },
  { code: 'implementation', label: { en: 'Implementation', zh: '实施中' } },
  { code: 'finalisation', label: { en: 'Finalisation', zh: '收尾中' } },
  { code: 'closed', label: { en: 'Closed', zh: '已结束' } },
  { code: 'cancelled', label: { en: 'Cancelled', zh: '已取消' } },
  { code: 'suspended', label: { en: 'Suspended', zh: '已暂停' } },
] as const satisfies Coded;
export const activityStatusSchema = z.enum(codes(activityStatuses), { error: 'v.status' });
export type ActivityStatus = z.infer<typeof activityStatusSchema>;

export const sexes = [
  { code: 'female', label: { en: 'Female', zh: '女' } },
  { code: 'male', label: { en: 'Male', zh: '男' } },
  { code: 'unspecified', label: { en: 'Not stated', zh: '未说明' } },
] as const satisfies Coded;
export const sexSchema = z.enum(codes(sexes));
export type Sex = z.infer<typeof sexSchema>;

/** Where a contribution comes from (founding text, VI.iii). */
export const fundingSources = [
  { code: 'chinese-government', label: { en: 'Chinese government', zh: '中国政府' } },
  { code: 'non-governmental', label: { en: 'Non-governmental', zh: '非政府渠道' } },
  { code: 'asean-partner', label: { en: 'ASEAN partner country', zh: '东盟伙伴国' } },
] as const satisfies Coded;
export const fundingSourceSchema = z.enum(codes(fundingSources));

export const contributionForms = [
  { code: 'cash', label: { en: 'Cash', zh: '现金' } },
  { code: 'in-kind', label: { en: 'In kind', zh: '实物' } },
] as const satisfies Coded;
export const contributionFormSchema = z.enum(codes(contributionForms));

/** What an in-kind contribution consists of. */
export const inKindCategories = [
  { code: 'human-resources', label: { en: 'Human resources', zh: '人力资源' } },
  { code: 'equipment', label: { en: 'Equipment', zh: '设备' } },
  { code: 'facilities', label: { en: 'Facilities', zh: '场地设施' } },
  { code: 'other', label: { en: 'Other', zh: '其他' } },
] as const satisfies Coded;
export const inKindCategorySchema = z.enum(codes(inKindCategories));

export function labelOf(list: Coded, code: string): Labels | undefined {
  return list.find((item) => item.code === code)?.label;
}
