import { z } from 'zod';
import type { Labels } from '../common';

/** Organization types, on IATI's OrganisationType codelist (code in `iati`) with STEP's own distinctions. */
export const organizationTypes = [
  { code: 'government-ministry', iati: '10', label: { en: 'Government ministry or agency', zh: '政府部门或机构' } },
  { code: 'local-government', iati: '11', label: { en: 'Local government', zh: '地方政府' } },
  { code: 'public-research-institute', iati: '15', label: { en: 'Public research institute', zh: '公立科研机构' } },
  { code: 'university', iati: '80', label: { en: 'University or academic institution', zh: '高等院校' } },
  { code: 'training-institution', iati: '80', label: { en: 'Training institution', zh: '培训机构' } },
  { code: 'enterprise', iati: '70', label: { en: 'Enterprise', zh: '企业' } },
  { code: 'science-park', iati: '15', label: { en: 'Science park or incubator', zh: '科技园区或孵化器' } },
  { code: 'international-ngo', iati: '21', label: { en: 'International NGO', zh: '国际非政府组织' } },
  { code: 'national-ngo', iati: '22', label: { en: 'National NGO', zh: '国内非政府组织' } },
  { code: 'foundation', iati: '60', label: { en: 'Foundation', zh: '基金会' } },
  { code: 'multilateral', iati: '40', label: { en: 'Multilateral or regional body', zh: '多边或区域组织' } },
  { code: 'other', iati: '90', label: { en: 'Other', zh: '其他' } },
] as const satisfies readonly { code: string; iati: string; label: Labels }[];

export type OrganizationType = (typeof organizationTypes)[number]['code'];
export const organizationTypeSchema = z.enum(
  organizationTypes.map((t) => t.code) as [OrganizationType, ...OrganizationType[]],
  { error: 'v.organizationType' },
);
