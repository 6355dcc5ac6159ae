import { z } from 'zod';
import type { Labels } from '../common';

/** The seven modalities of cooperation (founding text, section V). */
export const modalities = [
  { code: 'policy-consultancy', label: { en: 'Policy consultancy', zh: '政策咨询' } },
  { code: 'technical-services', label: { en: 'Technical services', zh: '技术服务' } },
  { code: 'human-resources', label: { en: 'Human resources development', zh: '人力资源开发' } },
  { code: 'joint-research', label: { en: 'Joint research', zh: '联合研究' } },
  { code: 'joint-labs', label: { en: 'Joint laboratories and research centers', zh: '联合实验室（联合研究中心）' } },
  { code: 'science-parks', label: { en: 'Joint science parks and demonstration zones', zh: '共建科技园区与示范区' } },
  { code: 'technology-transfer', label: { en: 'Technology transfer', zh: '技术转移' } },
] as const satisfies readonly { code: string; label: Labels }[];

export type ModalityCode = (typeof modalities)[number]['code'];
export const modalityCodes = modalities.map((m) => m.code) as [ModalityCode, ...ModalityCode[]];
export const modalityCodeSchema = z.enum(modalityCodes);

/** What an activity is; each kind belongs to exactly one modality, so modality is never stored twice. */
export const activityKinds = [
  { code: 'policy-consultancy', modality: 'policy-consultancy', label: { en: 'Policy consultancy engagement', zh: '政策咨询项目' } },
  { code: 'task-force-mission', modality: 'technical-services', label: { en: 'Technical Task Force mission', zh: '技术特派团任务' } },
  { code: 'volunteer-assignment', modality: 'technical-services', label: { en: 'Technology volunteer assignment', zh: '科技志愿者派遣' } },
  { code: 'training-center', modality: 'human-resources', label: { en: 'Training center', zh: '培训中心' } },
  { code: 'training-course', modality: 'human-resources', label: { en: 'Training course', zh: '培训班' } },
  { code: 'fellowship', modality: 'human-resources', label: { en: 'Fellowship in China', zh: '来华科研人员资助' } },
  { code: 'joint-research-project', modality: 'joint-research', label: { en: 'Joint research project', zh: '联合研究项目' } },
  { code: 'joint-lab', modality: 'joint-labs', label: { en: 'Joint laboratory / research center', zh: '联合实验室 / 联合研究中心' } },
  { code: 'science-park', modality: 'science-parks', label: { en: 'Science park / demonstration zone', zh: '科技园区 / 示范区' } },
  { code: 'technology-transfer-match', modality: 'technology-transfer', label: { en: 'Technology transfer match', zh: '技术转移对接' } },
  { code: 'forum-event', modality: 'technology-transfer', label: { en: 'Forum or event', zh: '论坛或活动' } },
] as const satisfies readonly { code: string; modality: ModalityCode; label: Labels }[];

export type ActivityKind = (typeof activityKinds)[number]['code'];
export const activityKindCodes = activityKinds.map((k) => k.code) as [ActivityKind, ...ActivityKind[]];
export const activityKindSchema = z.enum(activityKindCodes, { error: 'v.kind' });

const kindByCode = new Map<string, (typeof activityKinds)[number]>(activityKinds.map((k) => [k.code, k]));
export function modalityOfKind(kind: ActivityKind): ModalityCode {
  const found = kindByCode.get(kind);
  if (!found) throw new Error(`Unknown activity kind: ${kind}`);
  return found.modality;
}
export function kindsOfModality(modality: ModalityCode): ActivityKind[] {
  return activityKinds.filter((k) => k.modality === modality).map((k) => k.code);
}
export function findActivityKind(code: string): (typeof activityKinds)[number] | undefined {
  return kindByCode.get(code);
}
